"""What the province and national dashboards read of each plan: its sums per area (xaso.tracking.summary), the
reporting timeliness of the running period and of the year (xaso.tracking.timeliness), whether any unit has
reported for the running period, and, for the running quarter, planned against spent (xaso.tracking.budget) and
whether any unit has sent something (xaso.tracking.commune_reports). `standings` computes them for any period;
`kept` gives today's from the rows of PlanSnapshot, so the country's 3,321 plans cost one read instead of GROUP BYs
over every task and report.

A kept row is used only for its own day, and only while no change to its plan has been recorded since it was
computed. Every write that moves a figure leaves a history record (django-simple-history: reports, indicator
values, tasks, indicators, plans, the province's calendar; the kept columns of a task are refreshed in the same
transaction as the report's record), so the history tables say which plans changed: a read asks them, the write
path pays nothing. A change counts from MARGIN before the row was computed (or last found unchanged), so a write
that committed while the row was being computed (its record is dated when it was made, not when it committed) is
never missed. The rows of a new day are computed on the first read, or ahead by `xaso figures`
(contrib/xaso-figures.timer, after midnight).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone
from functools import lru_cache
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from xaso.core.budget import BudgetTable
from xaso.core.calendar import Calendar
from xaso.core.periods import QUARTER, Period
from xaso.plans.models import Commune, Indicator, Plan, Task

from . import calendars, timeliness
from .budget import budget_tables
from .calendars import DEFAULT
from .commune_reports import active_plans
from .figures import as_of
from .models import DRAFT, IndicatorValue, PlanSnapshot, ReportCalendar, TaskReport
from .progress import known_on
from .summary import AreaSums, area_sums

MARGIN = timedelta(minutes=3)  # longer than any transaction that writes figures (a request: gunicorn stops it at 120 s)
PLAN = "plan_id"

Dated = tuple[int, int, str, Calendar]  # (plan id, year, cadence, the province's calendar)


@dataclass
class Standing:
    by_code: dict[str, AreaSums] = field(default_factory=lambda: defaultdict(AreaSums))
    now: timeliness.Counts = field(default_factory=timeliness.Counts)  # the running (or asked) period
    year: timeliness.Counts = field(default_factory=timeliness.Counts)  # the year's due periods, as of today
    reported: bool = False  # a unit sent a report for the running period (by the period's end, for a past one)
    budget: BudgetTable | None = None  # planned against spent in the asked period, or the running quarter
    active: bool = False  # a unit sent a report or an indicator value for that quarter (xaso.tracking.commune_reports)


def _reported(plans: list[Dated], today: date, period: Period | None) -> set[int]:
    """The plans with a report sent (any unit, any task) for the period of their cadence running on the figures' day."""
    found = set()
    by_calendar = defaultdict(list)
    for plan_id, year, cadence, calendar in plans:
        by_calendar[calendar].append((plan_id, year, cadence))
    for calendar, rows in by_calendar.items():
        day = as_of(today, period, calendar)
        running = {plan_id: calendar.period_in_year(day, cadence, year).code for plan_id, year, cadence in rows}
        sent = (TaskReport.objects.filter(task__plan_id__in=running, period__in=set(running.values()))
                .exclude(state=DRAFT))
        if day < today:
            sent = sent.filter(known_on(day, calendar))
        pairs = set(sent.order_by().values_list("task__plan_id", "period").distinct())
        found |= {plan_id for plan_id, code in running.items() if (plan_id, code) in pairs}
    return found


def standings(plans: list[Dated], today: date, period: Period | None = None, *, budget: bool = True,
              ) -> dict[int, Standing]:
    """Each plan's standing as of `period`'s end (today while it runs, or with no period), computed: a fixed number
    of queries whatever the number of plans (three fewer with `budget=False`: the budget and the quarter's sendings)."""
    result = {row[0]: Standing() for row in plans}
    if not plans:
        return result
    for plan_id, by_code in area_sums(plans, PLAN, today, period).items():
        result[plan_id].by_code.update(by_code)
    now, year = timeliness.timeliness_and_year(plans, PLAN, today, period)
    for plan_id, counts in now.items():
        result[plan_id].now = counts
    for plan_id, counts in year.items():
        result[plan_id].year = counts
    for plan_id in _reported(plans, today, period):
        result[plan_id].reported = True
    if not budget:
        return result
    by_calendar = defaultdict(list)
    for plan_id, _, _, calendar in plans:
        by_calendar[calendar].append(Plan(pk=plan_id))
    for calendar, rows in by_calendar.items():
        shown = period or calendar.period_of(today, QUARTER)
        for plan_id, table in budget_tables(rows, today, shown, calendar=calendar).items():
            result[plan_id].budget = table
        for plan_id in active_plans((plan.pk for plan in rows), shown):
            result[plan_id].active = True
    return result


def changed_since(since: datetime) -> dict[int, datetime]:
    """Plan id → when its latest recorded change was made, for the plans changed after `since`: one statement of six
    indexed reads of the history tables (a changed calendar changes every plan of its province)."""
    found: dict[int, datetime] = {}
    with connection.cursor() as cursor:
        cursor.execute(_changes_sql(connection.vendor), [connection.ops.adapt_datetimefield_value(since)] * 6)
        for plan_id, last in cursor.fetchall():
            last = _instant(last)
            if plan_id is not None and last > found.get(plan_id, since):
                found[plan_id] = last
    return found


@lru_cache(maxsize=4)
def _changes_sql(vendor: str) -> str:
    """The latest history record per plan of reports, indicator values, tasks, indicators, plans and the calendars
    of their provinces, from the models' tables (the SQL written once per process: six ORM queries cost a province
    page 5 ms)."""
    quote = connection.ops.quote_name

    def table(model) -> str:
        return quote(model._meta.db_table)

    after = "h.history_date > %s"
    parts = [
        f"SELECT t.plan_id, MAX(h.history_date) FROM {table(TaskReport.history.model)} h "
        f"JOIN {table(Task)} t ON t.id = h.task_id WHERE {after} GROUP BY t.plan_id",
        f"SELECT i.plan_id, MAX(h.history_date) FROM {table(IndicatorValue.history.model)} h "
        f"JOIN {table(Indicator)} i ON i.id = h.indicator_id WHERE {after} GROUP BY i.plan_id",
        f"SELECT h.plan_id, MAX(h.history_date) FROM {table(Task.history.model)} h WHERE {after} GROUP BY h.plan_id",
        f"SELECT h.plan_id, MAX(h.history_date) FROM {table(Indicator.history.model)} h WHERE {after} GROUP BY h.plan_id",
        f"SELECT h.id, MAX(h.history_date) FROM {table(Plan.history.model)} h WHERE {after} GROUP BY h.id",
        f"SELECT p.id, MAX(h.history_date) FROM {table(ReportCalendar.history.model)} h "
        f"JOIN {table(Commune)} c ON c.province_id = h.province_id JOIN {table(Plan)} p ON p.commune_id = c.id "
        f"WHERE {after} AND p.deleted_at IS NULL GROUP BY p.id",
    ]
    return "\nUNION ALL\n".join(parts)


def _instant(value) -> datetime:
    """MAX() of a datetime column as the driver gives it: a datetime (PostgreSQL), ISO text in UTC (SQLite)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if timezone.is_aware(value) else value.replace(tzinfo=dt_timezone.utc)


class _Kept(NamedTuple):
    """A kept row as read: plain values, no model instance (the country has 3,321 of them on every view)."""

    plan_id: int
    computed_at: datetime
    areas: dict
    expected: int
    sent: int
    on_time: int
    year_expected: int
    year_sent: int
    year_on_time: int
    reported: bool
    active: bool
    budget: dict | None = None


def _from_row(row: _Kept) -> Standing:
    standing = Standing(now=timeliness.Counts(row.expected, row.sent, row.on_time),
                        year=timeliness.Counts(row.year_expected, row.year_sent, row.year_on_time),
                        reported=row.reported, active=row.active,
                        budget=None if row.budget is None else BudgetTable.from_json(row.budget))
    for code, (items, score, tasks, done, late) in row.areas.items():
        standing.by_code[code] = AreaSums(items, score, tasks, done, late)
    return standing


def _to_row(plan_id: int, day: date, computed_at: datetime, standing: Standing) -> PlanSnapshot:
    return PlanSnapshot(
        plan_id=plan_id, day=day, computed_at=computed_at, reported=standing.reported, budget=standing.budget.to_json(),
        active=standing.active,
        areas={code: [s.items, s.score, s.tasks, s.done, s.late] for code, s in standing.by_code.items()},
        expected=standing.now.expected, sent=standing.now.sent, on_time=standing.now.on_time,
        year_expected=standing.year.expected, year_sent=standing.year.sent, year_on_time=standing.year.on_time)


FIELDS = ["day", "computed_at", "areas", "expected", "sent", "on_time", "year_expected", "year_sent", "year_on_time",
          "reported", "budget", "active"]


def refresh(plans: list[Dated], today: date) -> dict[int, Standing]:
    """Compute today's standing of `plans` and keep it (one upsert)."""
    computed_at = timezone.now()  # before reading: what commits meanwhile is dated after it, less MARGIN
    fresh = standings(plans, today)
    # in plan order, so that two views keeping the same plans at once lock their rows in the same order (no deadlock)
    rows = [_to_row(plan_id, today, computed_at, fresh[plan_id]) for plan_id in sorted(fresh)]
    PlanSnapshot.objects.bulk_create(rows, update_conflicts=True, unique_fields=["plan"], update_fields=FIELDS)
    for plan_id, standing in fresh.items():
        _read[plan_id] = (computed_at, standing)
    return fresh


# Plan id → (its row's computed_at, when this process last found no change to it since). Only an economy: the next
# look at the history starts there (less MARGIN) instead of at the row's time, so a province page read all day long
# asks the history for the last minutes, not the whole day. A process without it (just started) starts at the row.
_checked: dict[int, tuple[datetime, datetime]] = {}

# Plan id → (its row's computed_at, the standing this process read from it or computed for it). A kept row never
# changes but by a new computation, with a new computed_at: each process reads its columns (JSON sums and budget
# tables, some 6 ms for a province of 168 plans, 40% of its read) once per computation, then only its computed_at.
# The standings are shared by every view of the process: read them, never change them.
_read: dict[int, tuple[datetime, Standing]] = {}


def _checked_since(plan_id: int, computed_at: datetime) -> datetime:
    """Up to when (less MARGIN) the row is known to hold: its computed time, or this process's last look at it."""
    kept_at, checked_at = _checked.get(plan_id, (None, None))
    return max(checked_at, computed_at) if kept_at == computed_at else computed_at


def kept(plans: list[Dated], today: date, *, budget: bool = True) -> dict[int, Standing]:
    """Today's standing of each plan: the kept row where it is of today and no change was recorded since, else
    computed and kept. Two reads (the rows' times, the history) when nothing changed, and a third for the rows this
    process has not read since they were computed. `budget=False` leaves the budget tables unread (the national
    page shows none)."""
    ids = [row[0] for row in plans]
    times = dict(PlanSnapshot.objects.filter(plan_id__in=ids, day=today).values_list("plan_id", "computed_at"))
    if times:
        started = timezone.now()
        since = {plan_id: _checked_since(plan_id, computed_at) for plan_id, computed_at in times.items()}
        changed = changed_since(min(since.values()) - MARGIN)
        times = {plan_id: computed_at for plan_id, computed_at in times.items()
                 if plan_id not in changed or changed[plan_id] <= since[plan_id] - MARGIN}
        for plan_id, computed_at in times.items():
            _checked[plan_id] = (computed_at, started)
    result = {}
    for plan_id, computed_at in times.items():
        at, standing = _read.get(plan_id, (None, None))
        if at == computed_at and (standing.budget is not None or not budget):
            result[plan_id] = standing
    unread = [plan_id for plan_id in times if plan_id not in result]
    if unread:
        fields = [*_Kept._fields] if budget else [*_Kept._fields[:-1]]
        for values in PlanSnapshot.objects.filter(plan_id__in=unread, day=today).values_list(*fields):
            row = _Kept(*values)
            if row.computed_at == times[row.plan_id]:  # else computed again meanwhile: computed here below
                result[row.plan_id] = _remember(row)
    result.update(refresh([row for row in plans if row[0] not in result], today))
    return result


def _remember(row: _Kept) -> Standing:
    standing = _from_row(row)
    _read[row.plan_id] = (row.computed_at, standing)
    return standing


def refresh_all(today: date) -> int:
    """Compute and keep today's standing of the plan each commune counts with in the years the dashboards show by
    default (the running quarter's year in each province's calendar: next year's from mid-December); returns how
    many plans."""
    from .national import chosen_plans, with_calendars  # national builds on this module

    count = 0
    years = {calendar.period_of(today, QUARTER).year
             for calendar in {DEFAULT, *calendars.calendars_by_province(ReportCalendar.objects.values_list(
                 "province_id", flat=True)).values()}}
    for year in sorted(years | {today.year}):
        plans = with_calendars(chosen_plans(year))
        for start in range(0, len(plans), 500):  # 500 plans at a time: bounded memory and statements
            count += len(refresh(plans[start:start + 500], today))
    return count
