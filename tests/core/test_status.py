"""The status engine over every timeline form of GLOSSARY, on a frozen day (22/11/2026)."""

from datetime import date
from decimal import Decimal

import pytest

from xaso.core import status as st
from xaso.core.timelines import parse_timeline

TODAY = date(2026, 11, 22)

# (timeline as written, reported status, done on, periods due, periods reported, expected status, days late)
TIMELINE_CASES = [
    ("Quý I/2026", None, None, 0, 0, st.OVERDUE, 236),
    ("Quý I năm 2026", st.DONE, date(2026, 3, 20), 0, 0, st.DONE, 0),
    ("Quý II–IV/2026", st.IN_PROGRESS, None, 0, 0, st.IN_PROGRESS, 0),
    ("Quý II - III/2026", st.DONE, date(2026, 10, 5), 0, 0, st.DONE_LATE, 5),
    ("Thường xuyên", st.IN_PROGRESS, None, 3, 3, st.IN_PROGRESS, 0),
    ("Thường xuyên trong năm", st.IN_PROGRESS, None, 3, 2, st.MISSING_REPORT, 0),
    ("Hoàn thành trước tháng 12 năm 2026", None, None, 0, 0, st.NOT_STARTED, 0),  # due 30/11: 8 days ahead
    ("trước ngày 01/6/2023", None, None, 0, 0, st.OVERDUE, (TODAY - date(2023, 6, 1)).days),
    ("Khảo sát tổng thể lần 1 trước ngày 20/11 sau đó định kỳ", st.IN_PROGRESS, None, 3, 3, st.IN_PROGRESS, 0),
    ("Theo chỉ đạo của Sở", None, None, 0, 0, st.NO_DEADLINE, 0),
    ("theo hướng dẫn của Sở Nội vụ thành phố", st.IN_PROGRESS, None, 0, 0, st.NO_DEADLINE, 0),
    ("1 tuần/lần", st.IN_PROGRESS, None, 3, 0, st.MISSING_REPORT, 0),
    ("6 tháng/01 lần", st.IN_PROGRESS, None, 1, 1, st.IN_PROGRESS, 0),
    ("≥ 1/ngày", None, None, 0, 0, st.IN_PROGRESS, 0),
    ("trước ngày 25/11/2026", st.IN_PROGRESS, None, 0, 0, st.DUE_SOON, 0),
    ("Quý I/2027", None, None, 0, 0, st.UPCOMING, 0),
    ("Quý IV/2026", st.DELAYED, None, 0, 0, st.IN_PROGRESS, 0),
]


@pytest.mark.parametrize("timeline,reported,done_on,due_periods,reported_periods,expected,late", TIMELINE_CASES)
def test_task_status_for_every_timeline_form(timeline, reported, done_on, due_periods, reported_periods, expected, late):
    parsed = parse_timeline(timeline, 2026)
    result = st.task_status(due=parsed.due, start=parsed.start, recurring=parsed.recurring, reported=reported,
                            done_on=done_on, today=TODAY, periods_due=due_periods, periods_reported=reported_periods)
    assert (result.code, result.days_late) == (expected, late)
    assert result.label


# (comparator, target, latest value, span end, expected)
INDICATOR_CASES = [
    (">=", Decimal(95), Decimal(96), None, st.MET),
    (">=", Decimal(95), Decimal(95), None, st.MET),
    (">=", Decimal(95), Decimal("94.9"), None, st.NOT_MET),
    ("<=", Decimal(5), Decimal(4), None, st.MET),
    ("<=", Decimal(5), Decimal(6), None, st.NOT_MET),
    (">=", Decimal(95), None, None, st.NO_DATA),
    (None, None, Decimal(2), None, st.NO_DATA),
    (">=", Decimal(100), Decimal(60), 2027, st.PENDING),
    (">=", Decimal(100), Decimal(100), 2026, st.MET),
]


@pytest.mark.parametrize("comparator,target,value,span_end,expected", INDICATOR_CASES)
def test_indicator_status(comparator, target, value, span_end, expected):
    assert st.indicator_status(comparator=comparator, target=target, value=value, span_end=span_end, year=2026) == expected


SCORE_CASES = [
    (dict(reported=st.DONE, percent=40, recurring=False, periods_due=0, periods_reported=0), 100.0),
    (dict(reported=st.IN_PROGRESS, percent=40, recurring=False, periods_due=0, periods_reported=0), 40.0),
    (dict(reported=None, percent=None, recurring=False, periods_due=0, periods_reported=0), 0.0),
    (dict(reported=st.IN_PROGRESS, percent=10, recurring=True, periods_due=3, periods_reported=2), 66.66666666666667),
    (dict(reported=st.IN_PROGRESS, percent=150, recurring=False, periods_due=0, periods_reported=0), 100.0),
]


@pytest.mark.parametrize("kwargs,score", SCORE_CASES)
def test_task_score(kwargs, score):
    assert st.task_score(**kwargs) == score


def test_indicator_score_and_mean():
    assert st.indicator_score(status=st.MET, comparator=">=", target=Decimal(95), value=Decimal(96)) == 100.0
    assert st.indicator_score(status=st.NOT_MET, comparator=">=", target=Decimal(80), value=Decimal(60)) == 75.0
    assert st.indicator_score(status=st.NOT_MET, comparator="<=", target=Decimal(5), value=Decimal(10)) == 50.0
    assert st.indicator_score(status=st.NO_DATA, comparator=">=", target=Decimal(5), value=None) is None
    assert st.mean([100.0, 50.0, None]) == 75.0 and st.mean([]) is None


@pytest.mark.parametrize("scores, places", [
    ([], []), ([90.0], [1]), ([90.0, 80.0, 70.0], [1, 2, 3]), ([75.9, 75.9, 60.0], [1, 1, 3]),
    ([80.0, 75.9, 75.9, 75.9, 10.0], [1, 2, 2, 2, 5]), ([50.0, None, None], [1, 2, 2]), ([0.0, 0.0], [1, 1])])
def test_equal_scores_share_a_place(scores, places):
    assert st.ranks(scores) == places
