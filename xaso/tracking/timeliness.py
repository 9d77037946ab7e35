"""Reporting timeliness (the reporting rate of DHIS2): per unit, commune or province, for a period or the year,
how many unit reports were expected, how many were sent and how many were sent on time.

The rule, stated here once: a period expects one report from the lead unit of each task of the plan that has a lead
unit, has begun by the last day of the period's window (no start date counts as begun) and was not finished in an
earlier period (an accepted "done" report of an earlier period, known at the figures' day). The report is sent when
that unit sent it for the period (any state but a draft; a past period's late reports count as sent), on time when
it was sent by the period's deadline in the province's calendar (xaso.tracking.calendars).

One query per reporting cadence and calendar in use (the running period and the year's due periods in one), whatever
the number of communes; its SQL is built once per process and day (`_statement`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from django.db import connection
from django.utils import timezone

from xaso.core import status
from xaso.core.calendar import Calendar
from xaso.core.periods import Period
from xaso.plans.models import Commune, Plan, Task

from .figures import as_of
from .models import ACCEPTED, DRAFT, TaskReport
from .progress import begun_codes

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
    """(`key`, the period's index in `periods`) → counts, in one statement (`_statement`) per run of plans that fits
    its parameters (one for a province, one for the country on PostgreSQL)."""
    result: dict = defaultdict(Counts)
    if not periods:
        return result
    days = tuple((period, as_of(today, period, calendar)) for period in periods)
    zone = timezone.get_current_timezone_name()
    for start in range(0, len(ids), MAX_PLANS):
        sql, params = _statement(tuple(ids[start:start + MAX_PLANS]), days, today, calendar, key, zone)
        with connection.cursor() as cursor:
            cursor.execute(sql, params or None)
            for group, index, expected, sent, on_time in cursor.fetchall():
                result[(group, index)].add(Counts(expected, sent, on_time))
    return result


MAX_PLANS = 12_000  # plans named in one statement (twice): with the periods' own, below SQLite's 32,766 bound parameters

# The column of each key, and the joins that reach it from a task.
_GROUPS = {
    UNIT: ("t.lead_unit_id", ""),
    "plan_id": ("t.plan_id", ""),
    COMMUNE: ("pl.commune_id", "JOIN {plan} pl ON pl.id = t.plan_id"),
    PROVINCE: ("c.province_id", "JOIN {plan} pl ON pl.id = t.plan_id JOIN {commune} c ON c.id = pl.commune_id"),
}


@lru_cache(maxsize=1024)
def _statement(ids: tuple[int, ...], days: tuple[tuple[Period, date], ...], today: date, calendar: Calendar, key: str,
               zone: str) -> tuple[str, tuple]:
    """The SQL of the counts of several periods (each with the day of its figures) and its parameters, built from the
    arguments alone (no value read from the database goes into it, `zone` being the time zone of the cut-offs), so
    built once per process and arguments.

    The periods are rows of a VALUES list joined to the tasks, so the database plans one statement whatever their
    number (a union of one statement per period took PostgreSQL some 10 ms to plan for a year of months, more than
    to run it): per period its index, code, the last day of its window (a task begun by then is expected), the
    deadline's cut-off (on time), and the cut-off of its day, whether that day is past and its year, with the periods
    begun by then (the reports known on a past day: xaso.tracking.progress.known_on).

    What each lead unit sent is read once, per task and period (its first sending, for on time), and joined to the
    tasks × periods by hash: two probes of the reports per task and period took a province's past quarter 1.6 s,
    this 0.7 s."""
    ops = connection.ops
    periods, begun, params, begun_params = [], [], [], []
    for index, (period, day) in enumerate(days):
        periods.append("(%s, %s, %s, %s, %s, %s, %s)")
        params += [index, period.code, ops.adapt_datefield_value(calendar.last_day(period)),
                   ops.adapt_datetimefield_value(cutoff(calendar.deadline(period))),
                   ops.adapt_datetimefield_value(cutoff(day)), int(day < today), str(day.year)]
        for code in begun_codes(day, calendar):
            begun.append("(%s, %s)")
            begun_params += [index, code]
    group, joins = _GROUPS[key]
    report = TaskReport._meta.db_table
    task, named = Task._meta.db_table, ", ".join(["%s"] * len(ids))
    sql = f"""SELECT {group}, p.k, COUNT(*), COUNT(s.first_sent),
  SUM(CASE WHEN s.first_sent < p.on_time_before THEN 1 ELSE 0 END)
FROM {task} t
JOIN (SELECT column1 AS k, column2 AS code, column3 AS last_day, column4 AS on_time_before, column5 AS known_before,
             column6 AS past, column7 AS year FROM (VALUES {", ".join(periods)}) AS v) AS p
  ON (t.start_date IS NULL OR t.start_date <= p.last_day)
LEFT JOIN (SELECT r.task_id, r.period, MIN(r.submitted_at) AS first_sent
           FROM {report} r JOIN {task} rt ON rt.id = r.task_id AND r.unit_id = rt.lead_unit_id
           WHERE rt.plan_id IN ({named}) AND r.state <> %s GROUP BY r.task_id, r.period) AS s
  ON s.task_id = t.id AND s.period = p.code
{joins.format(plan=Plan._meta.db_table, commune=Commune._meta.db_table)}
WHERE t.deleted_at IS NULL AND t.lead_unit_id IS NOT NULL AND t.plan_id IN ({named})
  AND NOT EXISTS (SELECT 1 FROM {report} r WHERE r.task_id = t.id AND r.state = %s AND r.status = %s
      AND r.period < p.code AND (p.past = 0 OR (r.submitted_at < p.known_before AND (r.period < p.year
          OR EXISTS (SELECT 1 FROM (VALUES {", ".join(begun) or "(-1, '')"}) AS b
                     WHERE b.column1 = p.k AND b.column2 = r.period)))))
GROUP BY {group}, p.k"""
    params = (*params, *ids, DRAFT, *ids, ACCEPTED, status.DONE, *begun_params)
    if connection.vendor == "postgresql":
        # The parameters merged into the text once here (for the country's 3,321 plans, 30 KB), instead of psycopg
        # adapting each of them on every execution; the text, the same all day, runs without parameters.
        return ops.compose_sql(sql, params), ()
    return sql, params


def timeliness(plans: list[tuple[int, int, str, Calendar]], key: str, today: date, period: Period | None = None,
               ) -> dict[int, Counts]:
    """`key` (UNIT, COMMUNE or PROVINCE) → counts, over plans (id, year, cadence, the province's calendar), for the
    period of each plan's cadence running on the figures' day (`period`'s last day, or today), within the plan's
    year (xaso.core.calendar.Calendar.period_in_year)."""
    return _counts(plans, key, today, period, running=True, year=False)[0]


def year_timeliness(plans: list[tuple[int, int, str, Calendar]], key: str, today: date) -> dict[int, Counts]:
    """The same counts summed over every period of each plan's year whose deadline has come by today (a running
    period counts once it is due)."""
    return _counts(plans, key, today, None, running=False, year=True)[1]


def timeliness_and_year(plans: list[tuple[int, int, str, Calendar]], key: str, today: date,
                        period: Period | None = None) -> tuple[dict[int, Counts], dict[int, Counts]]:
    """`timeliness` and `year_timeliness` together, from one statement per run of plans (what the dashboards show
    side by side)."""
    return _counts(plans, key, today, period, running=True, year=True)


def _counts(plans, key: str, today: date, period: Period | None, *, running: bool, year: bool) -> tuple[dict, dict]:
    """(the running period's counts, the year's) per `key`: the running period is the first of the periods asked,
    the year's due periods follow it."""
    now_counts: dict = defaultdict(Counts)
    year_counts: dict = defaultdict(Counts)
    groups = defaultdict(list)
    for plan_id, plan_year, cadence, calendar in plans:
        groups[(plan_year, cadence, calendar)].append(plan_id)
    for (plan_year, cadence, calendar), ids in groups.items():
        periods = [calendar.period_in_year(as_of(today, period, calendar), cadence, plan_year)] if running else []
        first_of_year = len(periods)
        if year:  # due by the figures' day: a past period's year stops at its end
            periods += calendar.closed(plan_year, cadence, as_of(today, period, calendar))
        for (group, index), counts in _period_counts(ids, periods, calendar, key, today).items():
            (now_counts if index < first_of_year else year_counts)[group].add(counts)
    return dict(now_counts), dict(year_counts)
