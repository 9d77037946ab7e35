"""The status engine: where each task and indicator stands on a given day, and the completion scores.

Pure functions over plain values, so pages, reports, reminders and the API share one rule.

Completion score (shown on the dashboards):
- a task scores its reported percent done (100 when done); a recurring task scores the share of the
  year's closed periods it has a report for;
- an indicator scores 100 when met, else how far its latest value has come toward the target
  (value / target for "at least", target / value for "at most"), never above 100; indicators without
  data or not yet judged (a span of years before its end year) are left out;
- an area's score is the mean of its tasks' and indicators' scores; the overall score the mean over
  every scored item.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Statuses a unit reports.
NOT_STARTED, IN_PROGRESS, DONE, DELAYED = "not_started", "in_progress", "done", "delayed"
REPORTED = {NOT_STARTED: "Chưa triển khai", IN_PROGRESS: "Đang triển khai", DONE: "Hoàn thành", DELAYED: "Chậm tiến độ"}

# Statuses the engine derives.
OVERDUE, DUE_SOON, DONE_LATE, UPCOMING, NO_DEADLINE, MISSING_REPORT = (
    "overdue", "due_soon", "done_late", "upcoming", "no_deadline", "missing_report")
DERIVED = {
    DONE: "Hoàn thành", DONE_LATE: "Hoàn thành muộn", OVERDUE: "Quá hạn", DUE_SOON: "Sắp đến hạn",
    IN_PROGRESS: "Đang triển khai", UPCOMING: "Chưa đến kỳ", NO_DEADLINE: "Chưa rõ thời hạn",
    MISSING_REPORT: "Thiếu báo cáo kỳ", NOT_STARTED: "Chưa triển khai",
}
DUE_SOON_DAYS = 7

MET, NOT_MET, NO_DATA, PENDING = "met", "not_met", "no_data", "pending"
INDICATOR = {MET: "Đạt", NOT_MET: "Chưa đạt", NO_DATA: "Chưa có số liệu", PENDING: "Chưa đến năm đánh giá"}


@dataclass(frozen=True)
class TaskStatus:
    code: str
    days_late: int = 0

    @property
    def label(self) -> str:
        return DERIVED[self.code]


def task_status(*, due: date | None, start: date | None, recurring: bool, reported: str | None,
                done_on: date | None, today: date, periods_due: int = 0, periods_reported: int = 0) -> TaskStatus:
    """A task on `today`, from its dates and its latest accepted report.

    A recurring task ("thường xuyên") is never finished within its year: it needs a report for every
    closed period, and is late when one is missing.
    """
    if recurring:
        if periods_reported < periods_due:
            return TaskStatus(MISSING_REPORT)
        return TaskStatus(IN_PROGRESS if periods_due or reported else (UPCOMING if start and start > today else IN_PROGRESS))
    if reported == DONE:
        if due and done_on and done_on > due:
            return TaskStatus(DONE_LATE, (done_on - due).days)
        return TaskStatus(DONE)
    if due is None:
        return TaskStatus(NO_DEADLINE)
    if due < today:
        return TaskStatus(OVERDUE, (today - due).days)
    if (due - today).days <= DUE_SOON_DAYS:
        return TaskStatus(DUE_SOON)
    if start and start > today and reported in (None, NOT_STARTED):
        return TaskStatus(UPCOMING)
    return TaskStatus(IN_PROGRESS if reported in (IN_PROGRESS, DELAYED) else NOT_STARTED)


def indicator_status(*, comparator: str | None, target: Decimal | None, value: Decimal | None,
                     span_end: int | None, year: int) -> str:
    """Met / not met / without data, from the latest accepted value; a span is judged in its end year."""
    if span_end and year < span_end:
        return PENDING
    if value is None or target is None or not comparator:
        return NO_DATA
    met = value <= target if comparator == "<=" else value >= target
    return MET if met else NOT_MET


def task_score(*, reported: str | None, percent: int | None, recurring: bool, periods_due: int,
               periods_reported: int) -> float:
    if recurring:  # the share of the due periods reported; a report of the running period, not yet due, adds nothing
        return min(100.0, 100.0 * periods_reported / periods_due) if periods_due else float(min(100, max(0, percent or 0)))
    if reported == DONE:
        return 100.0
    return float(min(100, max(0, percent or 0)))


def indicator_score(*, status: str, comparator: str | None, target: Decimal | None, value: Decimal | None) -> float | None:
    if status == MET:
        return 100.0
    if status != NOT_MET or not target or value is None:
        return None
    ratio = (target / value if value else Decimal(0)) if comparator == "<=" else value / target
    return float(min(Decimal(100), max(Decimal(0), ratio * 100)))


def ranks(scores) -> list[int]:
    """The place of each score of a list sorted best first, equal scores sharing the first one's (1, 1, 3: "đồng
    hạng"); the dashboards' scores are rounded as shown (`mean`), so what reads equal ranks equal."""
    places: list[int] = []
    for i, score in enumerate(scores):
        places.append(places[-1] if i and scores[i - 1] == score else i + 1)
    return places


def mean(scores) -> float | None:
    values = [s for s in scores if s is not None]
    return round(sum(values) / len(values), 1) if values else None
