"""How a commune is named by its kind (xã, phường, đặc khu): the one place every page and document asks."""

import re

import pytest

from xaso.core import communes

NAMED = [  # kind, name → label, title, mid-sentence, a document header's line
    ("xa", "Hà Long", "xã", "Xã Hà Long", "xã Hà Long", "XÃ HÀ LONG"),
    ("phuong", "Bến Nghé", "phường", "Phường Bến Nghé", "phường Bến Nghé", "PHƯỜNG BẾN NGHÉ"),
    ("dac_khu", "Phú Quốc", "đặc khu", "Đặc khu Phú Quốc", "đặc khu Phú Quốc", "ĐẶC KHU PHÚ QUỐC"),
    ("", "Yên Lập", "xã", "Xã Yên Lập", "xã Yên Lập", "XÃ YÊN LẬP"),  # no kind recorded: a xã, the default
]


@pytest.mark.parametrize("kind,name,label,title,phrase,upper", NAMED)
def test_each_kind_is_written_its_own_way(kind, name, label, title, phrase, upper):
    assert communes.label(kind) == label
    assert communes.title(kind, name) == title
    assert communes.phrase(kind, name) == phrase
    assert communes.upper(kind, name) == upper


SPLIT = [  # as a person or a document writes it → (kind, name)
    ("Phường Bến Nghé", ("phuong", "Bến Nghé")),
    ("ĐẶC KHU PHÚ QUỐC", ("dac_khu", "PHÚ QUỐC")),
    ("đặc  khu Côn Đảo", ("dac_khu", "Côn Đảo")),
    ("xã Hà Long", ("xa", "Hà Long")),
    ("  XÃ Yên Lập ", ("xa", "Yên Lập")),
    ("Bến Nghé", (None, "Bến Nghé")),
    ("Xãy Dựng", (None, "Xãy Dựng")),  # a word that begins like "xã" is no kind
    ("Phường", (None, "Phường")),  # a kind alone: nothing to split off
    ("", (None, "")),
]


@pytest.mark.parametrize("text,expected", SPLIT)
def test_a_name_is_split_from_its_kind_word(text, expected):
    assert communes.split_name(text) == expected


@pytest.mark.parametrize("word,kind", [("XÃ", "xa"), ("Phường", "phuong"), ("PHƯỜNG", "phuong"), ("Đặc khu", "dac_khu"),
                                       ("ĐẶC KHU", "dac_khu"), ("huyện", None), ("", None), (None, None)])
def test_the_kind_a_word_names(word, kind):
    assert communes.kind_of(word) == kind


def test_the_word_pattern_finds_every_kind_in_every_case():
    text = "UBND XÃ A, Xã B, xã C, PHƯỜNG D, Phường E, phường F, ĐẶC KHU G, Đặc khu H, đặc khu I; huyện K"
    found = [communes.kind_of(m) for m in re.findall(communes.WORD, text)]
    assert found == ["xa"] * 3 + ["phuong"] * 3 + ["dac_khu"] * 3


def test_the_national_counts_are_the_countrys():
    assert communes.NATIONAL_COUNTS == {"xa": 2621, "phuong": 687, "dac_khu": 13}
    assert sum(communes.NATIONAL_COUNTS.values()) == 3321
    assert [code for code, _ in communes.CHOICES] == list(communes.LABELS)


@pytest.mark.parametrize("text,kind,expected", [
    ("UBND xã Tân Lập", communes.PHUONG, "UBND phường Tân Lập"),
    ("ỦY BAN NHÂN DÂN XÃ TÂN LẬP", communes.PHUONG, "ỦY BAN NHÂN DÂN PHƯỜNG TÂN LẬP"),
    ("Xã Tân Lập", communes.DAC_KHU, "Đặc khu Tân Lập"),
    ("Ngân sách xã; Công an xã", communes.DAC_KHU, "Ngân sách đặc khu; Công an đặc khu"),
    ("Toàn xã có 12 thôn", communes.PHUONG, "Toàn phường có 12 thôn"),
    ("Phòng Văn hóa - Xã hội", communes.PHUONG, "Phòng Văn hóa - Xã hội"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", communes.PHUONG, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("hợp tác xã, Hợp tác xã, HỢP TÁC XÃ", communes.PHUONG, "hợp tác xã, Hợp tác xã, HỢP TÁC XÃ"),
    ("kinh tế số, xã hội số", communes.PHUONG, "kinh tế số, xã hội số"),
    ("UBND xã Tân Lập", communes.XA, "UBND xã Tân Lập"),
    ("UBND xã Tân Lập", "unknown", "UBND xã Tân Lập"),
])
def test_a_text_written_for_a_xa_reads_in_the_kind(text, kind, expected):
    assert communes.in_kind(text, kind) == expected
