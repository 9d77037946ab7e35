"""Reporting periods: month, quarter, half-year, year — their codes ("2026-Q3") and labels ("Quý III/2026").

Which days a period covers, when its report is due, and when entry opens and locks are the province's reporting
calendar's to say (xaso.core.calendar, read through xaso.tracking.calendars.calendar_for). The plain calendar days
below (`start`, `end`, `report_due`: the period's last day) are those of a calendar with its cut-off on the 1st.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTH, QUARTER, HALF, YEAR = "month", "quarter", "half", "year"
KINDS = {MONTH: "Tháng", QUARTER: "Quý", HALF: "6 tháng", YEAR: "Năm"}
_PER_YEAR = {MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1}
_ROMAN = ["I", "II", "III", "IV"]
REPORT_WINDOW_DAYS = 7
FIRST_YEAR, LAST_YEAR = 2000, 2100  # the years a plan may have (xaso.plans.models.YEAR_VALIDATORS), so a period's
# days, its calendar window (which begins in the year before) and its deadlines are always dates


@dataclass(frozen=True, order=True)
class Period:
    year: int
    kind: str
    index: int  # 1-based within the year

    @property
    def months(self) -> int:
        return 12 // _PER_YEAR[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, (self.index - 1) * self.months + 1, 1)

    @property
    def end(self) -> date:
        month = self.index * self.months
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    @property
    def report_due(self) -> date:
        return self.end

    @property
    def report_opens(self) -> date:
        return self.end - timedelta(days=REPORT_WINDOW_DAYS - 1)

    @property
    def code(self) -> str:
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == MONTH:
            return f"{self.year}-M{self.index:02d}"  # zero-padded, so codes sort in time order
        letter = {QUARTER: "Q", HALF: "H"}[self.kind]
        return f"{self.year}-{letter}{self.index}"

    @property
    def label(self) -> str:
        if self.kind == MONTH:
            return f"Tháng {self.index}/{self.year}"
        if self.kind == QUARTER:
            return f"Quý {_ROMAN[self.index - 1]}/{self.year}"
        if self.kind == HALF:
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def periods_of_year(year: int, kind: str = QUARTER) -> list[Period]:
    return [Period(year, kind, i) for i in range(1, _PER_YEAR[kind] + 1)]


def period_of(day: date, kind: str = QUARTER) -> Period:
    months = 12 // _PER_YEAR[kind]
    return Period(day.year, kind, (day.month - 1) // months + 1)


def parse_period(code: str) -> Period | None:
    """"2026-Q1", "2026-H1", "2026-M3", "2026": the codes the command line takes (None for another text, or a year no
    plan can have)."""
    m = re.fullmatch(r"\s*(\d{4})(?:-([QHM])(\d{1,2}))?\s*", (code or "").upper())
    if not m:
        return None
    year = int(m.group(1))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    if not m.group(2):
        return Period(year, YEAR, 1)
    kind = {"Q": QUARTER, "H": HALF, "M": MONTH}[m.group(2)]
    index = int(m.group(3))
    return Period(year, kind, index) if 1 <= index <= _PER_YEAR[kind] else None


def label_of(period: Period | str | None) -> str:
    """The words a reader sees for a period or its stored code ("2026-Q3" → "Quý III/2026"): the one place a
    code becomes a label, for pages, messages, exports and file names alike. An unreadable code is shown as is."""
    if isinstance(period, Period):
        return period.label
    parsed = parse_period(period or "")
    return parsed.label if parsed else (period or "")


def closed_periods(year: int, kind: str, today: date) -> list[Period]:
    """Periods of the year whose report is due by `today`."""
    return [p for p in periods_of_year(year, kind) if p.report_due <= today]
