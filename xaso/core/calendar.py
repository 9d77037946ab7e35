"""The reporting calendar: which days a period's figures cover, when its report is due, when entry opens and locks.

A period keeps its code and label (xaso.core.periods: "2026-Q3", "Quý III/2026"); the calendar says which days it
covers. With a cut-off day D (1 < D ≤ 28), a period's figures run from day D of the month before it begins to day
D − 1 of its last month: with D = 15, Quý I/2027 runs 15/12/2026 → 14/03/2027, 6 tháng đầu năm 15/12 → 14/06, Năm
2027 15/12/2026 → 14/12/2027. D = 1 gives plain calendar periods (Quý I: 01/01 → 31/03), xaso's behaviour before
the calendar existed.

Source of the default (15): the cut-off of periodic reports set by Nghị định 09/2019/NĐ-CP (Article 12) as the
project's issue 15 states it. The decree's own text could not be found in the reference material searched for this
module (only provincial decisions citing the decree were), so the rule above is the one the issue gives; a province
that sets other days edits its calendar ("Lịch báo cáo").

The sending deadline is a number of days after the window's last day, set per period kind (0: the report is due on
the cut-off day itself). Entry opens on the window's first day, or `open_days` days before its last day where a
province sets it; it locks `lock_days` days after the deadline.
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass, field
from datetime import date, timedelta

from .periods import HALF, KINDS, MONTH, QUARTER, YEAR, Period, periods_of_year

REMINDER_DAYS = 7  # reminders run in the last week before the deadline


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _day_of(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, _calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Calendar:
    cutoff_day: int = 15
    deadline_days: tuple[tuple[str, int], ...] = field(default=((MONTH, 0), (QUARTER, 0), (HALF, 0), (YEAR, 0)))
    open_days: int | None = None  # entry opens this many days before the window's last day; None: on its first day
    lock_days: int = 30

    def __post_init__(self):
        if not 1 <= self.cutoff_day <= 28:
            raise ValueError("cutoff_day must be between 1 and 28")
        if self.lock_days < 0 or (self.open_days is not None and self.open_days < 0):
            raise ValueError("open_days and lock_days cannot be negative")
        if any(days < 0 for _, days in self.deadline_days):
            raise ValueError("deadline days cannot be negative")

    @classmethod
    def of(cls, *, cutoff_day: int = 15, deadlines: dict[str, int] | None = None, open_days: int | None = None,
           lock_days: int = 30) -> "Calendar":
        days = {MONTH: 0, QUARTER: 0, HALF: 0, YEAR: 0, **(deadlines or {})}
        return cls(cutoff_day, tuple((kind, days[kind]) for kind in KINDS), open_days, lock_days)

    def deadline_after(self, kind: str) -> int:
        return dict(self.deadline_days)[kind]

    def window(self, period: Period) -> tuple[date, date]:
        """(first day, last day) of the days whose figures the period's report covers."""
        if self.cutoff_day == 1:
            return period.start, period.end
        first_month = (period.index - 1) * period.months + 1
        year, month = _add_months(period.year, first_month, -1)
        last_month = period.index * period.months
        return _day_of(year, month, self.cutoff_day), _day_of(period.year, last_month, self.cutoff_day - 1)

    def first_day(self, period: Period) -> date:
        return self.window(period)[0]

    def last_day(self, period: Period) -> date:
        return self.window(period)[1]

    def deadline(self, period: Period) -> date:
        """The last day the report may be sent on time."""
        return self.last_day(period) + timedelta(days=self.deadline_after(period.kind))

    def opens(self, period: Period) -> date:
        """The first day a unit may enter the period's report."""
        first, last = self.window(period)
        return first if self.open_days is None else max(first, last - timedelta(days=self.open_days))

    def locks(self, period: Period) -> date:
        """The day entry locks: `lock_days` after the deadline (reports are taken up to the day before)."""
        return self.deadline(period) + timedelta(days=self.lock_days)

    def reminds(self, period: Period) -> date:
        """The first day of the reminder week before the deadline."""
        return max(self.opens(period), self.deadline(period) - timedelta(days=REMINDER_DAYS - 1))

    def is_open(self, period: Period, day: date) -> bool:
        return self.opens(period) <= day < self.locks(period)

    def period_of(self, day: date, kind: str = QUARTER) -> Period:
        """The period whose window holds `day`: on 20/12/2026 with a cut-off on the 15th, Quý I/2027."""
        for year in (day.year, day.year + 1):
            for period in periods_of_year(year, kind):
                first, last = self.window(period)
                if first <= day <= last:
                    return period
        raise AssertionError(f"no {kind} period holds {day}")  # windows tile the years: unreachable

    def period_in_year(self, day: date, kind: str, year: int) -> Period:
        """The period of `year` to report on `day`: the running one when it is of that year, else the year's last
        (the year is over) or first (it has not begun). A plan of 2026 on 20/12/2026 reports Quý IV/2026."""
        running = self.period_of(day, kind)
        if running.year == year:
            return running
        periods = periods_of_year(year, kind)
        return periods[-1] if running.year > year else periods[0]

    def begun(self, year: int, kind: str, day: date) -> list[Period]:
        """The periods of a year whose window has begun by `day`."""
        return [p for p in periods_of_year(year, kind) if self.first_day(p) <= day]

    def closed(self, year: int, kind: str, day: date) -> list[Period]:
        """The periods of a year whose report is due by `day` (the deadline has come)."""
        return [p for p in periods_of_year(year, kind) if self.deadline(p) <= day]

    def contains(self, period: Period, day: date) -> bool:
        first, last = self.window(period)
        return first <= day <= last


NGHI_DINH_09 = Calendar()
PLAIN = Calendar.of(cutoff_day=1)
