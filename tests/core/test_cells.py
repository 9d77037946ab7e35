"""Sheet names as Excel allows them: cut at a word, never mid-word, without the characters Excel refuses."""

import pytest

from xaso.core.cells import sheet_title


@pytest.mark.parametrize("words, title", [
    ("Xếp hạng tỉnh", "Xếp hạng tỉnh"),
    ("Lãnh đạo, chỉ đạo, kiểm tra, giám sát", "Lãnh đạo, chỉ đạo, kiểm tra"),
    ("So sánh chỉ tiêu giữa các tỉnh", "So sánh chỉ tiêu giữa các tỉnh"),
    ("Hạ tầng số: mạng/Wi-Fi [thôn]", "Hạ tầng số mạng Wi-Fi thôn"),
    ("Chuyểnđổisốcấpxãtrênđịabàntỉnhnăm2026", "Chuyểnđổisốcấpxãtrênđịabàntỉnhn"),  # one word too long: cut where Excel must
    ("  ", "Bảng"),
])
def test_a_sheet_title_fits_excel_and_ends_at_a_word(words, title):
    assert sheet_title(words) == title and len(title) <= 31
