"""fold (xaso.core.text): the search's spelling without diacritics, by a translation table filled as characters are
met, the same as dropping every combining mark (category Mn) of the NFD form one character at a time."""

import re
import unicodedata

import pytest

from xaso.core.text import fold


def _by_category(text):
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
    return re.sub(r"\s+", " ", text).strip().lower()


CASES = [
    ("Chuyển Đổi Số", "chuyen doi so"),
    ("Trung tâm Phục vụ hành chính công — Quý IV/2026", "trung tam phuc vu hanh chinh cong — quy iv/2026"),
    ("  Ủy ban\tnhân dân\n\nxã  ", "uy ban nhan dan xa"),
    ("ĐẶC KHU Phú Quốc; phường Hồng Gai", "dac khu phu quoc; phuong hong gai"),
    ("e\u0301\u0323 combining written apart", "e combining written apart"),
    ("Ꙭ हिन्दी ภาษาไทย 漢字 𝔘𝔫𝔦", None),  # marks of other scripts (Devanagari, Thai): dropped as before
    ("", ""),
    (None, ""),
]


@pytest.mark.parametrize("text, folded", CASES)
def test_fold(text, folded):
    assert fold(text) == (_by_category(text) if text else "")
    if folded is not None:
        assert fold(text) == folded
