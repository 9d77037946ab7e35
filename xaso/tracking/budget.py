"""Planned against spent ("Kinh phí thực hiện") for plans, as of a period: what the plan page, the commune and
province dashboards, the periodic .docx and the .xlsx show (xaso.core.budget builds the table).

A report states what was spent in its period alone. A task's spending to date is the sum, over the periods begun
by the day of the figures, of the latest accepted version of each unit's report (a corrected report replaces the
one before it, never adds to it). For a past period, only reports sent by its end count, as for the progress
figures (xaso.tracking.progress.known_on). Two queries whatever the number of plans: tasks, then the reports'
sums per plan, area and source, in the period and to its end (the database adds a province's 100,000 reports, not Python).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from xaso.core.budget import ZERO, BudgetTable, Planned, Spent, budget_table, merge
from xaso.core.calendar import Calendar
from xaso.core.periods import KINDS, Period, periods_of_year
from xaso.plans.models import Task
from xaso.statements import Rows

from . import calendars
from .figures import as_of
from .models import ACCEPTED, TaskReport
from .progress import begun_by, known_on


@lru_cache(maxsize=256)
def _within(period: Period, calendar: Calendar) -> tuple[str, ...]:
    """The codes of the periods whose days lie within `period`'s (the period itself, its months, …): computed once
    per process for a period and calendar (both frozen)."""
    first, last = calendar.first_day(period), calendar.last_day(period)
    return tuple(p.code for year in (period.year - 1, period.year, period.year + 1) for kind in KINDS
                 for p in periods_of_year(year, kind) if first <= calendar.first_day(p) and calendar.last_day(p) <= last)


def budget_tables(plans, today: date, period: Period, *, calendar: Calendar | None = None,
                  planned: dict[int, list[Planned]] | None = None) -> dict[int, BudgetTable]:
    """Each plan's table (by plan id) as of `period`: spent in it, and to its end (to today while it runs), the
    periods' days those of the province's reporting calendar (xaso.tracking.calendars). `planned`: each plan's
    tasks' budgets where the caller has read them (the commune page, with its figures), else read here."""
    plans = list(plans)
    if calendar is None:
        calendar = calendars.calendar_for(plans[0]) if plans else calendars.DEFAULT
    day = as_of(today, period, calendar)
    if planned is None:
        planned = {plan.pk: [] for plan in plans}
        for plan_id, area, amount, source in (Task.objects.filter(plan__in=plans).order_by()
                                              .values_list("plan_id", "area", "budget_million_vnd", "budget_source")):
            planned[plan_id].append(Planned(area, amount, source))
    sums = _sums(tuple(plan.pk for plan in plans), day, day < today, period, calendar,
                 timezone.get_current_timezone_name())
    spent: dict[int, list[Spent]] = {plan.pk: [] for plan in plans}
    for plan_id, area, source, to_date, inside in sums.all():
        inside = inside or ZERO
        spent[plan_id] += [Spent(area, source, inside, in_period=True), Spent(area, source, to_date - inside, in_period=False)]
    return {plan.pk: budget_table(planned[plan.pk], spent[plan.pk]) for plan in plans}


@lru_cache(maxsize=256)
def _sums(plan_ids: tuple[int, ...], day: date, past: bool, period: Period, calendar: Calendar, zone: str):
    """The reports' sums per plan, area and source as a query, built from the arguments alone (no value read from the
    database goes into it, `zone` being the time zone `known_on` reads), so built, and its SQL compiled
    (xaso.statements.Rows), once per process and arguments: the ORM takes about a millisecond of CPU to build and
    compile it, the commune's page reads it on every view."""
    counted = TaskReport.objects.filter(state=ACCEPTED, spent_million_vnd__isnull=False)
    if past:
        counted = counted.filter(known_on(day, calendar))
    replaced = counted.filter(task=OuterRef("task"), unit=OuterRef("unit"), period=OuterRef("period"),
                              version__gt=OuterRef("version"))
    return Rows(counted.filter(begun_by(day, calendar), task__plan__in=plan_ids, task__deleted_at__isnull=True)
                .exclude(Exists(replaced))
                .values("task__plan_id", "task__area", "spent_source").order_by()
                .annotate(to_date=Sum("spent_million_vnd"),
                          inside=Sum("spent_million_vnd", filter=Q(period__in=_within(period, calendar))))
                .values_list("task__plan_id", "task__area", "spent_source", "to_date", "inside"))


def plan_budget(plan, today: date, period: Period, *, calendar: Calendar | None = None,
                planned: list[Planned] | None = None) -> BudgetTable:
    return budget_tables([plan], today, period, calendar=calendar,
                         planned=None if planned is None else {plan.pk: planned})[plan.pk]


def province_budget(plans, today: date, period: Period, *, calendar: Calendar | None = None) -> BudgetTable:
    """The communes' tables summed: what the province's page shows."""
    return merge(budget_tables(plans, today, period, calendar=calendar).values())
