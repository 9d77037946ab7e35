"""Where a plan stands as of a day: each task's status, percent and score, each indicator's value and
verdict, in a fixed number of queries whatever its size.

The one function that pages, the .docx and .xlsx reports, reminders and the API call for progress
(`figures_for_plans`; xaso.tracking.summary.summarise sums it for a province). A period's figures are
those known at its end: accepted reports submitted by then, for that period or an earlier one
(xaso.tracking.progress.known_on), with lateness judged on that day by the status engine
(xaso.core.status). The current period has not ended, so its figures are today's, and today's figures
are the ones each row keeps (fast: a province's 12,000 tasks in one query); a past period's are
computed from the reports (one query too, with a subquery per task).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from django.db.models import F
from django.utils import timezone

from xaso.core import areas, status
from xaso.core.calendar import Calendar
from xaso.core.periods import Period
from xaso.plans.models import Indicator, Task
from xaso.statements import Rows

from . import calendars, progress
from .models import TaskReport


def as_of(today: date, period: Period | None, calendar: Calendar) -> date:
    """The day a period's figures are taken: the last day of its window in the province's calendar, or today while
    it runs."""
    return today if period is None else min(calendar.last_day(period), today)



@dataclass(slots=True)
class TaskView:
    """What dashboards and reminders read of a task: plain values, no model instance (a province has 12,000)."""

    id: int
    plan_id: int
    name: str
    area: str
    due_date: date | None
    start_date: date | None
    recurring: bool
    timeline_text: str
    lead_text: str
    lead_unit_id: int | None
    budget_million_vnd: Decimal | None  # what the plan sets aside, for the budget table (xaso.tracking.budget)
    budget_source: str
    lead_label: str = ""

    @property
    def pk(self) -> int:
        return self.id

    @classmethod
    def from_row(cls, row: dict) -> "TaskView":
        view = cls(**{k: row[k] for k in cls.__slots__[:-1]})
        view.lead_label = row["lead_unit__short_name"] or row["lead_unit__name"] or view.lead_text
        return view


@dataclass(slots=True)
class IndicatorView:
    id: int
    plan_id: int
    text: str
    area: str
    unit: str
    baseline_text: str
    target_text: str
    target_value: Decimal | None
    comparator: str
    span_end: int | None


@dataclass
class TaskRow:
    task: object
    status: status.TaskStatus
    reported: str | None  # the status in the latest accepted report
    score: float
    percent: int = 0  # the percent done in that report


@dataclass
class IndicatorRow:
    indicator: object
    status: str
    value: Decimal | None  # the latest accepted value
    period: str | None
    score: float | None

    @property
    def label(self) -> str:
        return status.INDICATOR[self.status]


@dataclass
class PlanFigures:
    plan: object
    day: date  # the figures are as of this day
    tasks: list[TaskRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)

    def count(self, *codes) -> int:
        return sum(1 for row in self.tasks if row.status.code in codes)

    def indicator_count(self, code) -> int:
        return sum(1 for row in self.indicators if row.status == code)

    def cards(self) -> list[tuple[str, str, int]]:
        """(id, label, count): the figures a leader reads first."""
        return [
            ("done", "Nhiệm vụ hoàn thành", self.count(status.DONE, status.DONE_LATE)),
            ("under-way", "Đang triển khai", self.count(status.IN_PROGRESS, status.DUE_SOON, status.NOT_STARTED, status.UPCOMING, status.NO_DEADLINE)),
            ("overdue", "Quá hạn / thiếu báo cáo", self.count(status.OVERDUE, status.MISSING_REPORT)),
            ("met", "Chỉ tiêu đạt", self.indicator_count(status.MET)),
            ("not-met", "Chỉ tiêu chưa đạt", self.indicator_count(status.NOT_MET)),
            ("no-data", "Chỉ tiêu chưa có số liệu", self.indicator_count(status.NO_DATA) + self.indicator_count(status.PENDING)),
        ]

    @property
    def overdue(self) -> list[TaskRow]:
        late = [r for r in self.tasks if r.status.code in (status.OVERDUE, status.MISSING_REPORT)]
        return sorted(late, key=lambda r: -r.status.days_late)

    @property
    def score(self) -> float | None:
        return status.mean([r.score for r in self.tasks] + [r.score for r in self.indicators])

    def by_area(self) -> list[tuple[str, str, float | None, int]]:
        scores = defaultdict(list)
        for row in self.tasks:
            scores[row.task.area].append(row.score)
        for row in self.indicators:
            scores[row.indicator.area].append(row.score)
        return [(code, label, status.mean(scores[code]), len(scores[code])) for code, label in areas.AREAS if scores[code]]


def plan_figures(plan, today: date, period: Period | None = None, *, calendar: Calendar | None = None) -> PlanFigures:
    return figures_for_plans([plan], today, period=period, calendar=calendar)[plan.pk]


class _Brief(NamedTuple):
    """A task as the province page needs it: where it counts, nothing to show."""

    plan_id: int
    area: str


def task_progress(day: date, today: date, calendar: Calendar) -> dict:
    """Annotations as_of_status, _percent, _done_on, _periods of a Task queryset: the figures kept on the row
    when `day` is today, else those known on `day`."""
    if day >= today:
        return {"as_of_status": F("reported_status"), "as_of_percent": F("reported_percent"),
                "as_of_done_on": F("reported_done_on"), "as_of_periods": F("reported_periods")}
    known = progress.task_progress(day, calendar)
    return {"as_of_status": known["status"], "as_of_percent": known["percent"], "as_of_done_on": known["done_on"],
            "as_of_periods": known["periods"]}


def indicator_progress(day: date, today: date, calendar: Calendar) -> dict:
    """Annotations as_of_value, as_of_period of an Indicator queryset, as task_progress."""
    if day >= today:
        return {"as_of_value": F("latest_value"), "as_of_period": F("latest_period")}
    known = progress.indicator_progress(day, calendar)
    return {"as_of_value": known["value"], "as_of_period": known["period"]}


def figures_for_plans(plans, today: date, *, period: Period | None = None, detail: bool = True,
                      calendar: Calendar | None = None) -> dict[int, PlanFigures]:
    """Figures of many plans of one province in 2 queries (tasks, indicators) as of `period`'s end in the province's
    calendar (today while it runs, or with no period; one more query to read the calendar when the caller does not
    hold it). `detail=False` skips what only a commune's page shows (names, leads), for the province's 12,000
    tasks."""
    plans = list(plans)
    if calendar is None:
        calendar = calendars.calendar_for(plans[0]) if plans else calendars.DEFAULT
    day = as_of(today, period, calendar)
    result = {plan.pk: PlanFigures(plan, day) for plan in plans}
    due = {plan.pk: len(calendar.closed(plan.year, plan.report_cadence, day)) for plan in plans}
    fields = _task_fields(detail)
    past = day < today
    ids = tuple(plan.pk for plan in plans)
    zone = timezone.get_current_timezone_name()
    width = len(fields)
    for row in _task_query(ids, detail, day if past else None, calendar if past else None, zone).all():
        if detail:
            task = TaskView.from_row(dict(zip(fields, row[:width])))
            plan_id, due_date, start, recurring = task.plan_id, task.due_date, task.start_date, task.recurring
        else:
            plan_id, area, due_date, start, recurring = row[:width]
            task = _Brief(plan_id, area)
        reported, percent, done_on, count = row[width:]
        reported = reported or None
        state = status.task_status(due=due_date, start=start, recurring=recurring, reported=reported, done_on=done_on,
                                   today=day, periods_due=due[plan_id], periods_reported=count)
        score = status.task_score(reported=reported, percent=percent, recurring=recurring,
                                  periods_due=due[plan_id], periods_reported=count)
        result[plan_id].tasks.append(TaskRow(task, state, reported, score, percent or 0))
    indicators = _indicator_query(ids, day if past else None, calendar if past else None, zone)
    for row in _indicator_rows(indicators.dicts(), day):
        result[row.indicator.plan_id].indicators.append(row)
    return result


def _task_fields(detail: bool) -> tuple[str, ...]:
    if detail:
        return (*TaskView.__slots__[:-1], "lead_unit__short_name", "lead_unit__name")
    return ("plan_id", "area", "due_date", "start_date", "recurring")


# The two queries of figures_for_plans, built from their arguments alone (`day` and `calendar` None for today's
# figures, which the rows keep; `zone` the time zone known_on reads), so built once per process and arguments, as
# xaso.tracking.timeliness builds its statements, and their SQL too (xaso.statements.Rows): the ORM takes about a
# millisecond of CPU to build and compile them, and a commune's page reads them on every view.

@lru_cache(maxsize=512)
def _task_query(plan_ids: tuple[int, ...], detail: bool, day: date | None, calendar: Calendar | None, zone: str):
    known = task_progress(day or date.max, date.max, calendar)  # the kept columns unless a past day is asked
    return Rows(Task.objects.filter(plan__in=plan_ids).annotate(**known).order_by("plan_id", "position", "id")
                .values_list(*_task_fields(detail), *known))


@lru_cache(maxsize=512)
def _indicator_query(plan_ids: tuple[int, ...], day: date | None, calendar: Calendar | None, zone: str):
    known = indicator_progress(day or date.max, date.max, calendar)
    return Rows(Indicator.objects.filter(plan__in=plan_ids).annotate(**known).order_by("plan_id", "position", "id")
                .values(*IndicatorView.__slots__, *known))


def indicator_rows(indicators, today: date, *, period: Period | None = None, calendar: Calendar) -> list[IndicatorRow]:
    """Each indicator of a queryset with its value and verdict as of `period`'s end (one query)."""
    day = as_of(today, period, calendar)
    known = indicator_progress(day, today, calendar)
    return _indicator_rows(indicators.annotate(**known).order_by("plan_id", "position", "id")
                           .values(*IndicatorView.__slots__, *known), day)


def _indicator_rows(values, day: date) -> list[IndicatorRow]:
    rows = []
    for row in values:
        indicator = IndicatorView(**{k: row[k] for k in IndicatorView.__slots__})
        number = row["as_of_value"]
        code = status.indicator_status(comparator=indicator.comparator, target=indicator.target_value, value=number,
                                       span_end=indicator.span_end, year=day.year)
        score = status.indicator_score(status=code, comparator=indicator.comparator, target=indicator.target_value,
                                       value=number)
        rows.append(IndicatorRow(indicator, code, number, row["as_of_period"] or None, score))
    return rows


def counted_reports(plan, today: date, period: Period | None = None, *, calendar: Calendar | None = None) -> dict:
    """Task id → the report its figures come from (for what the unit wrote: difficulties, proposals)."""
    calendar = calendar or calendars.calendar_for(plan)
    day = as_of(today, period, calendar)
    chosen = (Task.objects.filter(plan=plan)
              .annotate(counted=progress.task_progress(None if day >= today else day, calendar)["report"])
              .values("counted"))
    return {r.task_id: r for r in TaskReport.objects.filter(pk__in=chosen).select_related("unit")}
