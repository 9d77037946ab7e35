"""A phường's or a đặc khu's documents name it so (NĐ 30/2020 header: "ỦY BAN NHÂN DÂN / PHƯỜNG …"), never "XÃ"."""

import io
import re
from datetime import date

import docx
import pytest

from xaso.reports.documents import find_commune, next_year_draft, progress_report

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)

KINDS = [  # kind → the header's line, the words in the body, the other kinds' words that must not appear
    ("phuong", "PHƯỜNG YÊN LẬP", ["UBND phường báo cáo", "HĐND phường", "của UBND phường Yên Lập"], "xã"),
    ("dac_khu", "ĐẶC KHU YÊN LẬP", ["UBND đặc khu báo cáo", "HĐND đặc khu", "của UBND đặc khu Yên Lập"], "xã"),
    ("xa", "XÃ YÊN LẬP", ["UBND xã báo cáo", "HĐND xã", "của UBND xã Yên Lập"], "phường"),
]


def _header_and_text(data: bytes) -> tuple[list[str], str]:
    document = docx.Document(io.BytesIO(data))
    header = [p.text for p in document.tables[0].rows[0].cells[0].paragraphs]
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return header, "\n".join(parts)


def _kind_words(text: str, word: str) -> list[str]:
    """Every use of a kind word, less the national motto and the office's name ("CỘNG HÒA XÃ HỘI…", "Xã hội")."""
    return re.findall(rf"\b{word}\b(?! h[ộO]i)", text, re.IGNORECASE)


@pytest.mark.parametrize("kind,heading,body,other", KINDS)
def test_the_progress_report_names_the_commune_by_its_kind(reported_plan, kind, heading, body, other):
    commune = reported_plan.commune
    commune.kind = kind
    commune.save()
    data, name, _ = progress_report(commune, "2026-Q3", "docx", TODAY)
    header, text = _header_and_text(data)
    assert header[:2] == ["ỦY BAN NHÂN DÂN", heading]
    for words in body:
        assert words in text, words
    assert "Yên Lập, ngày 22 tháng 11 năm 2026" in text  # the place line: the name alone
    assert _kind_words(text, other) == []
    assert name.startswith(f"Báo cáo kết quả CĐS {commune.phrase} ")


@pytest.mark.parametrize("kind,heading,body,other", KINDS)
def test_next_years_draft_names_the_commune_by_its_kind(reported_plan, kind, heading, body, other):
    commune = reported_plan.commune
    commune.kind = kind
    commune.save()
    header, text = _header_and_text(next_year_draft(commune, 2027, TODAY)[0])
    assert header[:2] == ["ỦY BAN NHÂN DÂN", heading]
    assert f"Chuyển đổi số {commune.phrase} năm 2027" in text and f"về UBND {commune.kind_label} (qua" in text
    assert _kind_words(text, other) == []


@pytest.mark.parametrize("asked", ["Yên Lập", "phường Yên Lập", "Phường Yên Lập", "xã Yên Lập"])
def test_a_report_command_finds_the_commune_with_or_without_its_kind(commune, asked):
    commune.kind = "phuong"
    commune.save()
    assert find_commune(asked) == commune
