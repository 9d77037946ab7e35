"""Dashboard figures of one plan on one day, in a fixed number of queries whatever its size."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from xaso.core import areas, status
from xaso.core.periods import closed_periods

from .models import ACCEPTED, IndicatorValue, TaskReport


@dataclass
class TaskRow:
    task: object
    status: status.TaskStatus
    report: TaskReport | None
    score: float


@dataclass
class IndicatorRow:
    indicator: object
    status: str
    value: IndicatorValue | None
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


def figures_for_plans(plans, today: date) -> dict[int, PlanFigures]:
    """Figures of many plans in 4 queries (tasks, accepted reports, indicators, accepted values), so a
    province page costs the same whether it holds 3 communes or 300."""
    from xaso.plans.models import Indicator, Task

    plans = list(plans)
    result = {plan.pk: PlanFigures(plan, today) for plan in plans}
    due = {plan.pk: len(closed_periods(plan.year, plan.report_cadence, today)) for plan in plans}
    latest: dict[int, TaskReport] = {}
    periods: dict[int, set] = defaultdict(set)
    reports = (TaskReport.objects.filter(task__plan__in=plans, state=ACCEPTED)
               .only("task_id", "period", "version", "status", "percent", "done_on").order_by("-period", "-version"))
    for report in reports:
        latest.setdefault(report.task_id, report)
        periods[report.task_id].add(report.period)
    for task in Task.objects.filter(plan__in=plans).select_related("lead_unit"):
        report = latest.get(task.pk)
        reported = report.status if report else None
        count = len(periods[task.pk])
        state = status.task_status(due=task.due_date, start=task.start_date, recurring=task.recurring, reported=reported,
                                   done_on=report.done_on if report else None, today=today,
                                   periods_due=due[task.plan_id], periods_reported=count)
        score = status.task_score(reported=reported, percent=report.percent if report else 0, recurring=task.recurring,
                                  periods_due=due[task.plan_id], periods_reported=count)
        result[task.plan_id].tasks.append(TaskRow(task, state, report, score))
    values: dict[int, IndicatorValue] = {}
    for value in (IndicatorValue.objects.filter(indicator__plan__in=plans, state=ACCEPTED)
                  .only("indicator_id", "period", "version", "value").order_by("-period", "-version")):
        values.setdefault(value.indicator_id, value)
    for indicator in Indicator.objects.filter(plan__in=plans):
        value = values.get(indicator.pk)
        number = value.value if value else None
        code = status.indicator_status(comparator=indicator.comparator, target=indicator.target_value, value=number,
                                       span_end=indicator.span_end, year=today.year)
        score = status.indicator_score(status=code, comparator=indicator.comparator, target=indicator.target_value,
                                       value=number)
        result[indicator.plan_id].indicators.append(IndicatorRow(indicator, code, value, score))
    return result
