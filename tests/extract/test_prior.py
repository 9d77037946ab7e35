"""Last year's results in Part I: one line gives a target and what was done, in the words communes use."""

import pytest

from xaso.documents import read_bytes
from xaso.extract.plan import extract_plan

HEAD = ("KẾ HOẠCH\nChuyển đổi số xã Phúc Điền năm 2027\n\nI. KẾT QUẢ THỰC HIỆN NĂM 2026\n\n"
        "1. Kết quả thực hiện các chỉ tiêu\n\n{line}\n\nII. KẾ HOẠCH NĂM 2027\n\n1. Mục tiêu\n\n"
        "- Tỷ lệ hồ sơ nộp trực tuyến đạt 80%.\n")


@pytest.mark.parametrize("line,expected", [
    ("- Tỷ lệ hồ sơ nộp trực tuyến: Chỉ tiêu 50% – Thực hiện 61,2%, vượt chỉ tiêu.",
     ("Tỷ lệ hồ sơ nộp trực tuyến", "50%", "61,2%, vượt chỉ tiêu")),
    ("- Tỷ lệ hồ sơ nộp trực tuyến: chỉ tiêu 80%, thực hiện 72,3% (chưa đạt).",
     ("Tỷ lệ hồ sơ nộp trực tuyến", "80%", "72,3% (chưa đạt)")),
    ("- Tỷ lệ hồ sơ nộp trực tuyến: Kế hoạch 80% - Kết quả: 85%.",
     ("Tỷ lệ hồ sơ nộp trực tuyến", "80%", "85%")),
])
def test_a_target_and_its_result_on_one_line(line, expected):
    plan = extract_plan(read_bytes(HEAD.format(line=line).encode(), "van-ban.md"))
    assert [(r.text, r.target, r.result) for r in plan.prior_results] == [expected]
    assert [i.target for i in plan.indicators] == ["80%"]  # last year's line is no goal of this year
