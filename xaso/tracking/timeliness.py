"""Reporting timeliness (the reporting rate of DHIS2): per unit, commune or province, for a period or the year,
how many unit reports were expected, how many were sent and how many were sent on time.

The rule, stated here once: a period expects one report from the lead unit of each task of the plan that has a lead
unit, has begun by the last day of the period's window (no start date counts as begun) and was not finished in an
earlier period (an accepted "done" report of an earlier period, known at the figures' day). The report is sent when
that unit sent it for the period (any state but a draft; a past period's late reports count as sent), on time when
it was sent by the period's deadline in the province's calendar (xaso.tracking.calendars).

One query per reporting cadence and calendar in use (the year's due periods in one), whatever the number of communes;
each period's SQL is built once per process (`_statement`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from xaso.core import status
from xaso.core.calendar import Calendar
from xaso.core.periods import Period
from xaso.plans.models import Task

from .figures import as_of
from .models import ACCEPTED, DRAFT, TaskReport
from .progress import known_on

UNIT, COMMUNE, PROVINCE = "lead_unit_id", "plan__commune_id", "plan__commune__province_id"


def share(part: int, expected: int) -> float | None:
    """A rate in percent, one decimal (None when nothing was expected)."""
    return round(100.0 * part / expected, 1) if expected else None


@dataclass
class Counts:
    expected: int = 0
    sent: int = 0
    on_time: int = 0

    def add(self, other: "Counts"):
        self.expected += other.expected
        self.sent += other.sent
        self.on_time += other.on_time

    @property
    def sent_share(self) -> float | None:
        return share(self.sent, self.expected)

    @property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.expected)

    @property
    def late(self) -> int:
        return self.sent - self.on_time

    @property
    def missing(self) -> int:
        return self.expected - self.sent


def cutoff(day: date):
    """The first instant after `day`, local time: a report sent before it was sent by that day."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def _period_counts(ids: list[int], periods: list[Period], calendar: Calendar, key: str, today: date) -> dict:
    """`key` → counts summed over `periods`, in one round trip: each period's statement (`_statement`), joined."""
    statements = []
    for period in periods:
        day = as_of(today, period, calendar)
        statements.append(_statement(tuple(ids), period, calendar, key, day, day < today,
                                     timezone.get_current_timezone_name()))
    result: dict = defaultdict(Counts)
    for batch in _batches(statements):
        sql = " UNION ALL ".join(f"SELECT * FROM ({sql}) AS period_{i}" for i, (sql, _) in enumerate(batch))
        with connection.cursor() as cursor:
            cursor.execute(sql, [param for _, params in batch for param in params] or None)
            for group, expected, sent, on_time in cursor.fetchall():
                result[group].add(Counts(expected, sent, on_time))
    return result


MAX_PARAMETERS = 30_000  # below SQLite's 32,766 bound parameters (PostgreSQL's is 65,535)


def _batches(statements: list[tuple[str, tuple]]) -> list[list[tuple[str, tuple]]]:
    """The statements in runs that each fit one statement's parameters (a country's 3,321 plans are named once per
    period): one run for a province, two or more for the country's year."""
    batches: list[list[tuple[str, tuple]]] = []
    size = MAX_PARAMETERS
    for statement in statements:
        if not batches or size + len(statement[1]) > MAX_PARAMETERS:
            batches.append([])
            size = 0
        batches[-1].append(statement)
        size += len(statement[1])
    return batches


@lru_cache(maxsize=1024)
def _statement(ids: tuple[int, ...], period: Period, calendar: Calendar, key: str, day: date, past: bool,
               zone: str) -> tuple[str, tuple]:
    """The SQL of one period's counts and its parameters, built by the ORM from the arguments alone (no value read from
    the database goes into it), so built once per process and arguments: the ORM takes some 2 ms of CPU to build
    it, the database a fraction of that to run it, and a dashboard asks for every period of the year."""
    finished_before = TaskReport.objects.filter(task=OuterRef("pk"), state=ACCEPTED, status=status.DONE,
                                                period__lt=period.code)
    if past:
        finished_before = finished_before.filter(known_on(day, calendar))
    reports = TaskReport.objects.filter(task=OuterRef("pk"), unit=OuterRef("lead_unit"), period=period.code
                                        ).exclude(state=DRAFT)
    rows = (Task.objects.filter(plan_id__in=ids, lead_unit__isnull=False)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=calendar.last_day(period)))
            .exclude(Exists(finished_before))
            .values(key).order_by()
            .annotate(expected=Count("id"), sent=Count("id", filter=Exists(reports)),
                      on_time=Count("id", filter=Exists(reports.filter(submitted_at__lt=cutoff(calendar.deadline(period))))))
            .values_list(key, "expected", "sent", "on_time"))
    sql, params = rows.query.sql_with_params()
    if connection.vendor == "postgresql":
        # psycopg merges the parameters into the text on each execution, scanning the whole statement again (a year
        # of months is 15 KB, a millisecond of CPU): merged once here, the statement then runs without parameters.
        return connection.ops.compose_sql(sql, params), ()
    return sql, tuple(params)


def timeliness(plans: list[tuple[int, int, str, Calendar]], key: str, today: date, period: Period | None = None,
               ) -> dict[int, Counts]:
    """`key` (UNIT, COMMUNE or PROVINCE) → counts, over plans (id, year, cadence, the province's calendar), for the
    period of each plan's cadence running on the figures' day (`period`'s last day, or today), within the plan's
    year (xaso.core.calendar.Calendar.period_in_year)."""
    result: dict = defaultdict(Counts)
    groups = defaultdict(list)
    for plan_id, year, cadence, calendar in plans:
        groups[(year, cadence, calendar)].append(plan_id)
    for (year, cadence, calendar), ids in groups.items():
        running = calendar.period_in_year(as_of(today, period, calendar), cadence, year)
        for group, counts in _period_counts(ids, [running], calendar, key, today).items():
            result[group].add(counts)
    return dict(result)


def year_timeliness(plans: list[tuple[int, int, str, Calendar]], key: str, today: date) -> dict[int, Counts]:
    """The same counts summed over every period of each plan's year whose deadline has come by today (a running
    period counts once it is due)."""
    result: dict = defaultdict(Counts)
    groups = defaultdict(list)
    for plan_id, year, cadence, calendar in plans:
        groups[(year, cadence, calendar)].append(plan_id)
    for (year, cadence, calendar), ids in groups.items():
        for group, counts in _period_counts(ids, calendar.closed(year, cadence, today), calendar, key, today).items():
            result[group].add(counts)
    return dict(result)

