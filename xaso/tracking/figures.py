"""Dashboard figures of one plan on one day, in a fixed number of queries whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple
from decimal import Decimal


from xaso.core import areas, status
from xaso.core.periods import closed_periods



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
    today: date
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


def plan_figures(plan, today: date) -> PlanFigures:
    return figures_for_plans([plan], today)[plan.pk]


class _Brief(NamedTuple):
    """A task as the province page needs it: where it counts, nothing to show."""

    plan_id: int
    area: str


def figures_for_plans(plans, today: date, *, detail: bool = True) -> dict[int, PlanFigures]:
    """Figures of many plans in 2 queries (tasks, indicators), reading the latest accepted figures each
    row keeps (xaso.tracking.progress), so a province page costs the same whether it has 3 communes or 300.
    `detail=False` skips what only a commune's page shows (names, leads), for the province's 12,000 tasks."""
    from xaso.plans.models import Indicator, Task

    plans = list(plans)
    result = {plan.pk: PlanFigures(plan, today) for plan in plans}
    due = {plan.pk: len(closed_periods(plan.year, plan.report_cadence, today)) for plan in plans}
    progress = ("reported_status", "reported_percent", "reported_done_on", "reported_periods")
    dates = ("due_date", "start_date", "recurring")
    if detail:
        fields = (*TaskView.__slots__[:-1], "lead_unit__short_name", "lead_unit__name")
    else:
        fields = ("plan_id", "area", *dates)
    rows = Task.objects.filter(plan__in=plans).order_by("plan_id", "position", "id").values_list(*fields, *progress)
    width = len(fields)
    for row in rows:
        if detail:
            task = TaskView.from_row(dict(zip(fields, row[:width])))
            plan_id, due_date, start, recurring = task.plan_id, task.due_date, task.start_date, task.recurring
        else:
            plan_id, area, due_date, start, recurring = row[:width]
            task = _Brief(plan_id, area)
        reported, percent, done_on, count = row[width:]
        reported = reported or None
        state = status.task_status(due=due_date, start=start, recurring=recurring, reported=reported, done_on=done_on,
                                   today=today, periods_due=due[plan_id], periods_reported=count)
        score = status.task_score(reported=reported, percent=percent, recurring=recurring,
                                  periods_due=due[plan_id], periods_reported=count)
        result[plan_id].tasks.append(TaskRow(task, state, reported, score))
    indicators = (Indicator.objects.filter(plan__in=plans).order_by("plan_id", "position", "id")
                  .values(*IndicatorView.__slots__, "latest_value", "latest_period"))
    for row in indicators:
        indicator = IndicatorView(**{k: row[k] for k in IndicatorView.__slots__})
        number = row["latest_value"]
        code = status.indicator_status(comparator=indicator.comparator, target=indicator.target_value, value=number,
                                       span_end=indicator.span_end, year=today.year)
        score = status.indicator_score(status=code, comparator=indicator.comparator, target=indicator.target_value,
                                       value=number)
        result[indicator.plan_id].indicators.append(IndicatorRow(indicator, code, number, row["latest_period"] or None, score))
    return result
