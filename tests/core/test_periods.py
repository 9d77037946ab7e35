from datetime import date

import pytest

from xaso.core.periods import (HALF, MONTH, QUARTER, YEAR, Period, closed_periods, label_of, parse_period, period_of,
                               periods_of_year)

CASES = [
    (Period(2026, QUARTER, 1), "2026-Q1", "Quý I/2026", date(2026, 1, 1), date(2026, 3, 31), date(2026, 3, 25)),
    (Period(2026, QUARTER, 4), "2026-Q4", "Quý IV/2026", date(2026, 10, 1), date(2026, 12, 31), date(2026, 12, 25)),
    (Period(2026, HALF, 1), "2026-H1", "6 tháng đầu năm 2026", date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 24)),
    (Period(2026, MONTH, 2), "2026-M02", "Tháng 2/2026", date(2026, 2, 1), date(2026, 2, 28), date(2026, 2, 22)),
    (Period(2026, YEAR, 1), "2026", "Năm 2026", date(2026, 1, 1), date(2026, 12, 31), date(2026, 12, 25)),
]


@pytest.mark.parametrize("period,code,label,start,end,opens", CASES)
def test_period(period, code, label, start, end, opens):
    assert (period.code, period.label, period.start, period.end, period.report_opens) == (code, label, start, end, opens)
    assert parse_period(code) == period


@pytest.mark.parametrize("code", ["2026-Q5", "2026-H3", "2026-M13", "abc", "", "26-Q1"])
def test_bad_period_codes_are_refused(code):
    assert parse_period(code) is None


def test_month_codes_sort_in_time_order():
    codes = [p.code for p in periods_of_year(2026, MONTH)]
    assert codes == sorted(codes) and parse_period("2026-M3") == Period(2026, MONTH, 3)


def test_periods_of_a_year_and_the_closed_ones():
    assert [p.code for p in periods_of_year(2026, QUARTER)] == ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]
    assert [p.code for p in closed_periods(2026, QUARTER, date(2026, 11, 22))] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert period_of(date(2026, 11, 22), QUARTER).code == "2026-Q4"


@pytest.mark.parametrize("given,label", [
    ("2026-Q3", "Quý III/2026"), ("2026-M11", "Tháng 11/2026"), ("2026-H1", "6 tháng đầu năm 2026"),
    ("2026-H2", "6 tháng cuối năm 2026"), ("2026", "Năm 2026"), (Period(2026, QUARTER, 4), "Quý IV/2026"),
    ("", ""), (None, ""), ("kỳ lạ", "kỳ lạ"),
])
def test_label_of_a_stored_code(given, label):
    assert label_of(given) == label
