"""Dashboard figures of one plan on one day, in a fixed number of queries whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery

from xaso.core import areas, status
from xaso.core.periods import closed_periods

from .models import ACCEPTED, IndicatorValue, TaskReport


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


def _latest(model, field: str, **filters):
    return model.objects.filter(state=ACCEPTED, **{field: OuterRef("pk")}, **filters).order_by("-period", "-version")


def figures_for_plans(plans, today: date) -> dict[int, PlanFigures]:
    """Figures of many plans in 2 queries: tasks and indicators, each annotated in SQL with its latest accepted
    report, so a province page costs the same number of queries whether it holds 3 communes or 300."""
    from xaso.plans.models import Indicator, Task

    plans = list(plans)
    result = {plan.pk: PlanFigures(plan, today) for plan in plans}
    due = {plan.pk: len(closed_periods(plan.year, plan.report_cadence, today)) for plan in plans}
    reports = _latest(TaskReport, "task")
    periods = (TaskReport.objects.filter(state=ACCEPTED, task=OuterRef("pk")).order_by().values("task")
               .annotate(n=Count("period", distinct=True)).values("n"))
    tasks = (Task.objects.filter(plan__in=plans).order_by("plan_id", "position", "id")
             .annotate(r_status=Subquery(reports.values("status")[:1]), r_percent=Subquery(reports.values("percent")[:1]),
                       r_done=Subquery(reports.values("done_on")[:1]), r_periods=Subquery(periods[:1]))
             .values(*TaskView.__slots__[:-1], "lead_unit__short_name", "lead_unit__name",
                     "r_status", "r_percent", "r_done", "r_periods"))
    for row in tasks:
        task = TaskView.from_row(row)
        count = row["r_periods"] or 0
        state = status.task_status(due=task.due_date, start=task.start_date, recurring=task.recurring,
                                   reported=row["r_status"], done_on=row["r_done"], today=today,
                                   periods_due=due[task.plan_id], periods_reported=count)
        score = status.task_score(reported=row["r_status"], percent=row["r_percent"] or 0, recurring=task.recurring,
                                  periods_due=due[task.plan_id], periods_reported=count)
        result[task.plan_id].tasks.append(TaskRow(task, state, row["r_status"], score))
    values = _latest(IndicatorValue, "indicator")
    indicators = (Indicator.objects.filter(plan__in=plans).order_by("plan_id", "position", "id")
                  .annotate(v_value=Subquery(values.values("value")[:1]), v_period=Subquery(values.values("period")[:1]))
                  .values(*IndicatorView.__slots__, "v_value", "v_period"))
    for row in indicators:
        indicator = IndicatorView(**{k: row[k] for k in IndicatorView.__slots__})
        number = row["v_value"]
        code = status.indicator_status(comparator=indicator.comparator, target=indicator.target_value, value=number,
                                       span_end=indicator.span_end, year=today.year)
        score = status.indicator_score(status=code, comparator=indicator.comparator, target=indicator.target_value,
                                       value=number)
        result[indicator.plan_id].indicators.append(IndicatorRow(indicator, code, number, row["v_period"], score))
    return result
