"""Planned against spent ("Kinh phí thực hiện") for plans, as of a period: what the plan page, the commune and
province dashboards, the periodic .docx and the .xlsx show (xaso.core.budget builds the table).

A report states what was spent in its period alone. A task's spending to date is the sum, over the periods begun
by the day of the figures, of the latest accepted version of each unit's report (a corrected report replaces the
one before it, never adds to it). For a past period, only reports sent by its end count, as for the progress
figures (xaso.tracking.progress.known_on). Two queries whatever the number of plans: tasks, then reports.
"""

from __future__ import annotations

from datetime import date

from xaso.core.budget import BudgetTable, Planned, Spent, budget_table, merge
from xaso.core.calendar import Calendar
from xaso.core.periods import Period, parse_period
from xaso.plans.models import Task

from . import calendars
from .figures import as_of
from .models import ACCEPTED, TaskReport
from .progress import known_on


def budget_tables(plans, today: date, period: Period, *, calendar: Calendar | None = None) -> dict[int, BudgetTable]:
    """Each plan's table (by plan id) as of `period`: spent in it, and to its end (to today while it runs), the
    periods' days those of the province's reporting calendar (xaso.tracking.calendars)."""
    plans = list(plans)
    if calendar is None:
        calendar = calendars.calendar_for(plans[0]) if plans else calendars.DEFAULT
    day = as_of(today, period, calendar)
    planned: dict[int, list[Planned]] = {plan.pk: [] for plan in plans}
    for plan_id, area, amount, source in (Task.objects.filter(plan__in=plans).order_by()
                                          .values_list("plan_id", "area", "budget_million_vnd", "budget_source")):
        planned[plan_id].append(Planned(area, amount, source))
    reports = (TaskReport.objects.filter(task__plan__in=plans, task__deleted_at__isnull=True, state=ACCEPTED,
                                         spent_million_vnd__isnull=False)
               .order_by("version")
               .values_list("task__plan_id", "task_id", "unit_id", "period", "task__area", "spent_million_vnd",
                            "spent_source"))
    if day < today:
        reports = reports.filter(known_on(day, calendar))
    latest: dict[tuple, tuple] = {}
    for plan_id, task_id, unit_id, code, area, amount, source in reports:
        latest[(task_id, unit_id, code)] = (plan_id, code, area, amount, source)  # ordered by version: the last wins
    spent: dict[int, list[Spent]] = {plan.pk: [] for plan in plans}
    periods: dict[str, Period | None] = {}
    for plan_id, code, area, amount, source in latest.values():
        of = periods.setdefault(code, parse_period(code))
        if of is None or calendar.first_day(of) > day:
            continue
        inside = calendar.first_day(period) <= calendar.first_day(of) and calendar.last_day(of) <= calendar.last_day(period)
        spent[plan_id].append(Spent(area, source, amount, in_period=inside))
    return {plan.pk: budget_table(planned[plan.pk], spent[plan.pk]) for plan in plans}


def plan_budget(plan, today: date, period: Period, *, calendar: Calendar | None = None) -> BudgetTable:
    return budget_tables([plan], today, period, calendar=calendar)[plan.pk]


def province_budget(plans, today: date, period: Period, *, calendar: Calendar | None = None) -> BudgetTable:
    """The communes' tables summed: what the province's page shows."""
    return merge(budget_tables(plans, today, period, calendar=calendar).values())
