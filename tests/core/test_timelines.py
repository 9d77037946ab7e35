from datetime import date

import pytest

from xaso.core import timelines as tl
from xaso.core.timelines import parse_timeline

# (as written, plan year, kind, start, due, recurring)
CASES = [
    ("Quý I/2026", None, tl.PERIOD, date(2026, 1, 1), date(2026, 3, 31), False),
    ("Quý I năm 2026", None, tl.PERIOD, date(2026, 1, 1), date(2026, 3, 31), False),
    ("Quý III/2026", None, tl.PERIOD, date(2026, 7, 1), date(2026, 9, 30), False),
    ("Quý II–IV/2026", None, tl.PERIOD, date(2026, 4, 1), date(2026, 12, 31), False),
    ("Quý II - III/2026", None, tl.PERIOD, date(2026, 4, 1), date(2026, 9, 30), False),
    ("Quý I–IV/2026", None, tl.PERIOD, date(2026, 1, 1), date(2026, 12, 31), False),
    ("Quý IV", 2026, tl.PERIOD, date(2026, 10, 1), date(2026, 12, 31), False),
    ("Thường xuyên", 2026, tl.RECURRING, date(2026, 1, 1), date(2026, 12, 31), True),
    ("Thường xuyên trong năm", 2026, tl.RECURRING, date(2026, 1, 1), date(2026, 12, 31), True),
    ("Thường xuyên", None, tl.RECURRING, None, None, True),
    ("Hoàn thành trước tháng 12 năm 2026", None, tl.DEADLINE, None, date(2026, 11, 30), False),
    ("trước ngày 01/6/2023", None, tl.DEADLINE, None, date(2023, 6, 1), False),
    ("Khảo sát tổng thể lần 1 trước ngày 20/11 sau đó định kỳ khảo sát, bổ sung", 2026,
     tl.DEADLINE, None, date(2026, 11, 20), True),
    ("Theo chỉ đạo của Sở", 2026, tl.EXTERNAL, None, None, False),
    ("theo hướng dẫn của Sở Nội vụ thành phố", 2026, tl.EXTERNAL, None, None, False),
    ("1 tuần/lần", 2026, tl.FREQUENCY, date(2026, 1, 1), date(2026, 12, 31), True),
    ("6 tháng/01 lần", 2026, tl.FREQUENCY, date(2026, 1, 1), date(2026, 12, 31), True),
    ("≥ 1/ngày", 2026, tl.FREQUENCY, date(2026, 1, 1), date(2026, 12, 31), True),
    ("Tháng 6/2026", None, tl.PERIOD, date(2026, 6, 1), date(2026, 6, 30), False),
    ("tháng 9 năm 2026", None, tl.PERIOD, date(2026, 9, 1), date(2026, 9, 30), False),
    ("6 tháng đầu năm 2026", None, tl.PERIOD, date(2026, 1, 1), date(2026, 6, 30), False),
    ("6 tháng cuối năm", 2026, tl.PERIOD, date(2026, 7, 1), date(2026, 12, 31), False),
    ("Năm 2026", None, tl.PERIOD, date(2026, 1, 1), date(2026, 12, 31), False),
    ("2026", None, tl.PERIOD, date(2026, 1, 1), date(2026, 12, 31), False),
    ("Giai đoạn 2026 - 2030", None, tl.PERIOD, date(2026, 1, 1), date(2030, 12, 31), False),
    ("30/6/2026", None, tl.DEADLINE, None, date(2026, 6, 30), False),
    ("ngày 15 tháng 3 năm 2026", None, tl.DEADLINE, None, date(2026, 3, 15), False),
    ("31/2/2026", None, tl.UNKNOWN, None, None, False),
    ("Sớm nhất có thể", 2026, tl.UNKNOWN, None, None, False),
    ("", 2026, tl.UNKNOWN, None, None, False),
    (None, 2026, tl.UNKNOWN, None, None, False),
]


@pytest.mark.parametrize("text,year,kind,start,due,recurring", CASES)
def test_parse_timeline(text, year, kind, start, due, recurring):
    parsed = parse_timeline(text, year)
    assert (parsed.kind, parsed.start, parsed.due, parsed.recurring) == (kind, start, due, recurring)
    assert parsed.text == (text or "").strip()


def test_unknown_timeline_keeps_text_and_is_not_known():
    parsed = parse_timeline("Theo chỉ đạo của Sở", 2026)
    assert parsed.text == "Theo chỉ đạo của Sở"
    assert not parsed.known
