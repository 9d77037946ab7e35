"""The reporting calendar (xaso.core.calendar): which days a period covers, its deadline, when entry opens and locks,
for every period kind, across year boundaries and leap years, with NĐ 09's cut-off (15th) and a plain calendar (1st)."""

from datetime import date

import pytest

from xaso.core.calendar import NGHI_DINH_09, PLAIN, Calendar
from xaso.core.periods import HALF, MONTH, QUARTER, YEAR, Period, parse_period

# (calendar, period code, first day, last day)
WINDOWS = [
    (NGHI_DINH_09, "2027-Q1", date(2026, 12, 15), date(2027, 3, 14)),
    (NGHI_DINH_09, "2026-Q2", date(2026, 3, 15), date(2026, 6, 14)),
    (NGHI_DINH_09, "2026-Q3", date(2026, 6, 15), date(2026, 9, 14)),
    (NGHI_DINH_09, "2026-Q4", date(2026, 9, 15), date(2026, 12, 14)),
    (NGHI_DINH_09, "2026-H1", date(2025, 12, 15), date(2026, 6, 14)),
    (NGHI_DINH_09, "2026-H2", date(2026, 6, 15), date(2026, 12, 14)),
    (NGHI_DINH_09, "2026", date(2025, 12, 15), date(2026, 12, 14)),
    (NGHI_DINH_09, "2026-M01", date(2025, 12, 15), date(2026, 1, 14)),
    (NGHI_DINH_09, "2026-M03", date(2026, 2, 15), date(2026, 3, 14)),
    (NGHI_DINH_09, "2026-M12", date(2026, 11, 15), date(2026, 12, 14)),
    (PLAIN, "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
    (PLAIN, "2026-H2", date(2026, 7, 1), date(2026, 12, 31)),
    (PLAIN, "2026", date(2026, 1, 1), date(2026, 12, 31)),
    (PLAIN, "2028-M02", date(2028, 2, 1), date(2028, 2, 29)),  # leap year
    (PLAIN, "2026-M02", date(2026, 2, 1), date(2026, 2, 28)),
    (Calendar.of(cutoff_day=28), "2028-M03", date(2028, 2, 28), date(2028, 3, 27)),
    (Calendar.of(cutoff_day=20), "2024-M03", date(2024, 2, 20), date(2024, 3, 19)),
]


@pytest.mark.parametrize("cal, code, first, last", WINDOWS, ids=[f"{w[0].cutoff_day}-{w[1]}" for w in WINDOWS])
def test_window(cal, code, first, last):
    assert cal.window(parse_period(code)) == (first, last)


def test_the_windows_of_every_kind_tile_the_days_without_gap_or_overlap():
    for cal in (NGHI_DINH_09, PLAIN, Calendar.of(cutoff_day=28)):
        for kind in (MONTH, QUARTER, HALF, YEAR):
            previous_last = None
            for year in (2027, 2028, 2029):  # 2028 is a leap year
                for period in [Period(year, kind, i) for i in range(1, {MONTH: 13, QUARTER: 5, HALF: 3, YEAR: 2}[kind])]:
                    first, last = cal.window(period)
                    if previous_last is not None:
                        assert (first - previous_last).days == 1, (cal, period)
                    previous_last = last


# (calendar, day, kind, the period running that day)
RUNNING = [
    (NGHI_DINH_09, date(2026, 12, 20), QUARTER, "2027-Q1"),
    (NGHI_DINH_09, date(2026, 12, 14), QUARTER, "2026-Q4"),
    (NGHI_DINH_09, date(2026, 12, 15), YEAR, "2027"),
    (NGHI_DINH_09, date(2026, 6, 14), HALF, "2026-H1"),
    (NGHI_DINH_09, date(2026, 6, 15), HALF, "2026-H2"),
    (NGHI_DINH_09, date(2026, 1, 14), MONTH, "2026-M01"),
    (NGHI_DINH_09, date(2026, 1, 15), MONTH, "2026-M02"),
    (NGHI_DINH_09, date(2028, 2, 29), MONTH, "2028-M03"),
    (PLAIN, date(2026, 12, 20), QUARTER, "2026-Q4"),
    (PLAIN, date(2026, 12, 31), YEAR, "2026"),
    (PLAIN, date(2028, 2, 29), MONTH, "2028-M02"),
]


@pytest.mark.parametrize("cal, day, kind, code", RUNNING, ids=[f"{r[0].cutoff_day}-{r[1]}-{r[2]}" for r in RUNNING])
def test_period_of(cal, day, kind, code):
    assert cal.period_of(day, kind).code == code


def test_deadline_opens_and_locks():
    q3 = parse_period("2026-Q3")
    # the example: Q3 due 14/09, locked from 14/10 (30 days after; entry taken through 13/10)
    assert NGHI_DINH_09.deadline(q3) == date(2026, 9, 14)
    assert NGHI_DINH_09.locks(q3) == date(2026, 10, 14)
    assert NGHI_DINH_09.is_open(q3, date(2026, 10, 13)) and not NGHI_DINH_09.is_open(q3, date(2026, 10, 14))
    assert NGHI_DINH_09.opens(q3) == date(2026, 6, 15) and not NGHI_DINH_09.is_open(q3, date(2026, 6, 14))
    province = Calendar.of(deadlines={QUARTER: 5, YEAR: 10}, open_days=10, lock_days=15)
    assert province.deadline(q3) == date(2026, 9, 19)
    assert province.deadline(parse_period("2026")) == date(2026, 12, 24)
    assert province.deadline(parse_period("2026-H1")) == date(2026, 6, 14)
    assert province.opens(q3) == date(2026, 9, 4)
    assert province.locks(q3) == date(2026, 10, 4)
    assert province.reminds(q3) == date(2026, 9, 13)


def test_a_plain_calendar_keeps_the_old_rules():
    for code in ("2026-Q1", "2026-Q4", "2026-H1", "2026", "2026-M02", "2028-M02"):
        period = parse_period(code)
        assert PLAIN.window(period) == (period.start, period.end)
        assert PLAIN.deadline(period) == period.report_due
        assert PLAIN.reminds(period) == period.report_opens
    assert [p.code for p in PLAIN.closed(2026, QUARTER, date(2026, 9, 30))] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert [p.code for p in NGHI_DINH_09.closed(2026, QUARTER, date(2026, 9, 14))] == ["2026-Q1", "2026-Q2", "2026-Q3"]
    assert [p.code for p in NGHI_DINH_09.closed(2026, QUARTER, date(2026, 9, 13))] == ["2026-Q1", "2026-Q2"]


def test_period_in_year():
    assert NGHI_DINH_09.period_in_year(date(2026, 12, 20), QUARTER, 2026).code == "2026-Q4"
    assert NGHI_DINH_09.period_in_year(date(2026, 12, 20), QUARTER, 2027).code == "2027-Q1"
    assert NGHI_DINH_09.period_in_year(date(2026, 5, 1), QUARTER, 2027).code == "2027-Q1"
    assert [p.code for p in NGHI_DINH_09.begun(2027, QUARTER, date(2026, 12, 20))] == ["2027-Q1"]


@pytest.mark.parametrize("kwargs", [{"cutoff_day": 0}, {"cutoff_day": 29}, {"lock_days": -1}, {"open_days": -2},
                                    {"deadlines": {QUARTER: -1}}])
def test_impossible_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        Calendar.of(**kwargs)
