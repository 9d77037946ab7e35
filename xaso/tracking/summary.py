"""Province-scale figures computed by the database: per plan and area, the sums of xaso.tracking.figures
with the same rules as the status engine (xaso.core.status) written as SQL aggregates, so 12,000 tasks cost
a GROUP BY, not a loop. Today's sums read the figures each row keeps; a past period's, those known at its
end (a subquery per task: slower, and rarely asked for).

tests/tracking/test_summary.py pins these aggregates to the engine for today and for past periods.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Case, Count, F, FloatField, Q, Sum, Value, When
from django.db.models.functions import Cast, Least

from xaso.core import areas, status
from xaso.core.calendar import Calendar
from xaso.core.periods import Period
from xaso.plans.models import Indicator, Plan, Task

from . import calendars
from .figures import as_of, indicator_progress, task_progress


@dataclass
class AreaSums:
    items: int = 0  # scored items
    score: float = 0.0
    tasks: int = 0
    done: int = 0
    late: int = 0

    def add(self, other: "AreaSums"):
        self.items += other.items
        self.score += other.score
        self.tasks += other.tasks
        self.done += other.done
        self.late += other.late


class AreaTotals:
    """The totals over areas of whatever keeps `by_code` (area code → AreaSums): a plan, a province."""

    by_code: dict[str, AreaSums]

    @property
    def task_count(self) -> int:
        return sum(a.tasks for a in self.by_code.values())

    @property
    def done_count(self) -> int:
        return sum(a.done for a in self.by_code.values())

    @property
    def late_count(self) -> int:
        return sum(a.late for a in self.by_code.values())

    @property
    def score(self) -> float | None:
        """The mean score of every task and judged indicator (xaso.core.status)."""
        items = sum(a.items for a in self.by_code.values())
        return round(sum(a.score for a in self.by_code.values()) / items, 1) if items else None


@dataclass
class PlanSummary(AreaTotals):
    plan: object
    by_code: dict[str, AreaSums] = field(default_factory=lambda: defaultdict(AreaSums))

    def by_area(self) -> list[tuple[str, str, float | None, int]]:
        return [(code, label, round(self.by_code[code].score / self.by_code[code].items, 1), self.by_code[code].items)
                for code, label in areas.AREAS if code in self.by_code and self.by_code[code].items]


def plan_of_year(commune, year: int):
    """The commune's plan of a year: the issued one where there is one, else the draft (None without)."""
    return commune.plans.filter(year=year).order_by("-status", "id").first()


def current_plans(province, year: int) -> dict:
    """Each commune's plan of the year, by commune id: the issued one where there is one, else the draft."""
    chosen = {}
    for plan in (Plan.objects.filter(commune__province=province, year=year).select_related("commune")
                 .defer("source_findings").order_by("commune_id", "-status")):  # the findings: a page of their own
        chosen.setdefault(plan.commune_id, plan)
    return chosen


def summarise(plans, today: date, period: Period | None = None, *, calendar: Calendar | None = None,
              ) -> dict[int, PlanSummary]:
    """Each plan's sums (plans of one province) as of `period`'s end in the province's calendar (today while it
    runs, or with no period): one task query per reporting cadence in use (usually one) and one indicator query,
    over the figures kept on the rows (today) or those known at the period's end
    (xaso.tracking.figures.task_progress)."""
    plans = list(plans)
    if calendar is None:
        calendar = calendars.calendar_for(plans[0]) if plans else calendars.DEFAULT
    result = {plan.pk: PlanSummary(plan) for plan in plans}
    sums = area_sums([(p.pk, p.year, p.report_cadence, calendar) for p in plans], "plan_id", today, period)
    for plan_id, by_code in sums.items():
        result[plan_id].by_code.update(by_code)
    return result


def area_sums(plans: list[tuple[int, int, str, Calendar]], key: str, today: date, period: Period | None = None,
              ) -> dict:
    """The sums of plans (id, year, cadence, the province's calendar) per `key` (a Task lookup: "plan_id" for each
    plan, "plan__commune__province_id" for each province) and area, as of `period`'s end in each calendar: one task
    query per cadence and calendar in use and one indicator query per calendar, whatever the number of plans."""
    result: dict = defaultdict(lambda: defaultdict(AreaSums))
    by_cadence = defaultdict(list)
    for plan_id, year, cadence, calendar in plans:
        by_cadence[(year, cadence, calendar)].append(plan_id)
    for (year, cadence, calendar), ids in by_cadence.items():
        day = as_of(today, period, calendar)
        due = len(calendar.closed(year, cadence, day))
        done = Q(as_of_status=status.DONE)
        recurring_score = (Least(Cast(F("as_of_periods"), FloatField()) * 100.0 / due, Value(100.0)) if due
                           else Cast(F("as_of_percent"), FloatField()))  # as xaso.core.status.task_score
        late = (Q(recurring=False, due_date__lt=day) & ~done) | Q(recurring=True, as_of_periods__lt=due)
        rows = (Task.objects.filter(plan_id__in=ids).annotate(**task_progress(day, today, calendar)).values(key, "area").order_by()
                .annotate(n=Count("id"), done=Count("id", filter=done & Q(recurring=False)), late=Count("id", filter=late),
                          score=Sum(Case(When(recurring=True, then=recurring_score), When(done, then=Value(100.0)),
                                         default=Cast(F("as_of_percent"), FloatField()), output_field=FloatField())))
                .values_list(key, "area", "n", "done", "late", "score"))
        for group, area, n, done_count, late_count, score in rows:
            sums = result[group][area]
            sums.items += n
            sums.tasks += n
            sums.done += done_count
            sums.late += late_count
            sums.score += score or 0.0
    by_calendar = defaultdict(list)
    for plan_id, _, _, calendar in plans:
        by_calendar[calendar].append(plan_id)
    met = (Q(comparator="<=", as_of_value__lte=F("target_value")) | Q(comparator=">=", as_of_value__gte=F("target_value")))
    # in floating point: SQLite divides two whole numbers (16 of 24) as integers
    value, target = Cast(F("as_of_value"), FloatField()), Cast(F("target_value"), FloatField())
    ratio = Case(
        When(comparator="<=", as_of_value__gt=0, then=target * 100.0 / value),
        When(comparator="<=", then=Value(0.0)),
        default=value * 100.0 / target,
        output_field=FloatField())
    for calendar, ids in by_calendar.items():
        day = as_of(today, period, calendar)
        judged = Q(as_of_value__isnull=False, target_value__isnull=False) & ~Q(comparator="") & (
            Q(span_end__isnull=True) | Q(span_end__lte=day.year))
        rows = (Indicator.objects.filter(plan_id__in=ids).annotate(**indicator_progress(day, today, calendar))
                .filter(judged).exclude(~met & Q(target_value=0))
                .values(key, "area").order_by()
                .annotate(n=Count("id"), score=Sum(Case(When(met, then=Value(100.0)), default=Least(ratio, Value(100.0)),
                                                        output_field=FloatField())))
                .values_list(key, "area", "n", "score"))
        for group, area, n, score in rows:
            sums = result[group][area]
            sums.items += n
            sums.score += score or 0.0
    return result
