"""Dashboard speed at national scale: the national, the largest province's and a commune's dashboard.

Builds (once) a country in the configured database (`xaso demo-data --provinces 34 --communes 3321 --tasks 60
--periods 12`: communes spread 38 to 168 per province, a year of monthly reports), then prints, for each page, the
median server time (Django test client, no network, signed in as a national viewer; the figures kept for the day
by xaso.tracking.snapshots, as every view after the day's first reads them), its SQL query count, the ratio to
hand-written SQL computing the same figures from the same columns (the figures as the rows keep them today; page and
SQL timed in turn, round by round, so that their ratio holds while the machine's speed drifts), and the time of the
day's first view, which computes and keeps them, against the targets of issue 14
(national ≤ 500 ms, a province of 168 communes ≤ 100 ms, a commune ≤ 20 ms, each ≤ 3× its SQL). Query counts do not
depend on the number of communes: run it at two sizes and compare (tests/tracking/test_national.py pins it).

    XASO_PG_PORT=54336 scripts/with-postgres python bench/national_bench.py                    # the country
    XASO_DATA_DIR=/tmp/x python bench/national_bench.py --provinces 2 --communes 6 --runs 2    # a few seconds
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from timing import median_seconds, medians_seconds  # noqa: E402

from tests.login import log_in  # noqa: E402

from xaso.startup import settle  # noqa: E402
from xaso.accounts.models import NATIONAL_VIEWER, Membership  # noqa: E402
from xaso.core.periods import KINDS, QUARTER, closed_periods, period_of, periods_of_year  # noqa: E402
from xaso.plans.models import Commune, Indicator, Plan, Province, Task  # noqa: E402
from xaso.tracking import snapshots  # noqa: E402
from xaso.tracking.calendars import calendar_for  # noqa: E402
from xaso.tracking.models import IndicatorValue, PlanSnapshot, TaskReport  # noqa: E402

# The national page's figures in one statement: each commune's plan (issued first), task and indicator sums per
# province and area, the period's expected / sent / on-time unit reports per province, one indicator per province.
NATIONAL_SQL = """
WITH ranked AS (
    SELECT p.id, c.province_id, p.report_cadence,
           ROW_NUMBER() OVER (PARTITION BY p.commune_id ORDER BY p.status DESC, p.id) AS n
    FROM plans_plan p JOIN plans_commune c ON c.id = p.commune_id
    WHERE p.year = %(year)s AND p.deleted_at IS NULL AND c.deleted_at IS NULL),
plan AS (SELECT id, province_id FROM ranked WHERE n = 1),
tasks AS (
    SELECT plan.province_id, t.area, COUNT(*) AS n,
           SUM(CASE WHEN t.reported_status = 'done' AND NOT t.recurring THEN 1 ELSE 0 END) AS done,
           SUM(CASE WHEN (NOT t.recurring AND t.due_date < %(today)s AND t.reported_status <> 'done')
                      OR (t.recurring AND t.reported_periods < %(due)s) THEN 1 ELSE 0 END) AS late,
           SUM(CASE WHEN t.recurring THEN t.reported_periods * 100.0 / %(due)s
                    WHEN t.reported_status = 'done' THEN 100.0 ELSE t.reported_percent END) AS score
    FROM plans_task t JOIN plan ON plan.id = t.plan_id WHERE t.deleted_at IS NULL GROUP BY plan.province_id, t.area),
indicators AS (
    SELECT plan.province_id, i.area, COUNT(*) AS n,
           SUM(CASE WHEN (i.comparator = '>=' AND i.latest_value >= i.target_value)
                      OR (i.comparator = '<=' AND i.latest_value <= i.target_value) THEN 100.0
                    WHEN i.comparator = '<=' THEN {least}(100.0, i.target_value * 100.0 / i.latest_value)
                    ELSE {least}(100.0, i.latest_value * 100.0 / i.target_value) END) AS score
    FROM plans_indicator i JOIN plan ON plan.id = i.plan_id
    WHERE i.deleted_at IS NULL AND i.latest_value IS NOT NULL AND i.target_value IS NOT NULL AND i.target_value <> 0
      AND i.comparator <> '' AND (i.span_end IS NULL OR i.span_end <= %(year)s)
    GROUP BY plan.province_id, i.area),
expected AS (
    SELECT plan.province_id, COUNT(*) AS expected,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM tracking_taskreport r WHERE r.task_id = t.id AND r.unit_id = t.lead_unit_id
                                 AND r.period = %(period)s AND r.state <> 'draft') THEN 1 ELSE 0 END) AS sent,
           SUM(CASE WHEN EXISTS (SELECT 1 FROM tracking_taskreport r WHERE r.task_id = t.id AND r.unit_id = t.lead_unit_id
                                 AND r.period = %(period)s AND r.state <> 'draft' AND r.submitted_at < %(cutoff)s)
                    THEN 1 ELSE 0 END) AS on_time
    FROM plans_task t JOIN plan ON plan.id = t.plan_id
    WHERE t.deleted_at IS NULL AND t.lead_unit_id IS NOT NULL AND (t.start_date IS NULL OR t.start_date <= %(period_end)s)
      AND NOT EXISTS (SELECT 1 FROM tracking_taskreport r WHERE r.task_id = t.id AND r.state = 'accepted'
                      AND r.status = 'done' AND r.period < %(period)s)
    GROUP BY plan.province_id),
compared AS (
    SELECT plan.province_id, COUNT(*) AS n, COUNT(i.latest_value) AS valued, AVG(i.latest_value) AS mean
    FROM plans_indicator i JOIN plan ON plan.id = i.plan_id
    WHERE i.deleted_at IS NULL AND i.text = %(text)s GROUP BY plan.province_id)
SELECT tasks.province_id, tasks.area, tasks.n, tasks.done, tasks.late, tasks.score, indicators.n, indicators.score,
       expected.expected, expected.sent, expected.on_time, compared.n, compared.valued, compared.mean
FROM tasks LEFT JOIN indicators ON indicators.province_id = tasks.province_id AND indicators.area = tasks.area
LEFT JOIN expected ON expected.province_id = tasks.province_id
LEFT JOIN compared ON compared.province_id = tasks.province_id
"""

# The province page's figures (as bench/dashboard_bench.py): per commune and area, and who has reported.
PROVINCE_SQL = """
WITH plan AS (
    SELECT p.id, p.commune_id FROM plans_plan p JOIN plans_commune c ON c.id = p.commune_id
    WHERE p.year = %(year)s AND c.province_id = %(province)s AND p.deleted_at IS NULL),
tasks AS (
    SELECT plan.commune_id, t.area, COUNT(*) AS n,
           SUM(CASE WHEN t.reported_status = 'done' AND NOT t.recurring THEN 1 ELSE 0 END) AS done,
           SUM(CASE WHEN (NOT t.recurring AND t.due_date < %(today)s AND t.reported_status <> 'done')
                      OR (t.recurring AND t.reported_periods < %(due)s) THEN 1 ELSE 0 END) AS late,
           SUM(CASE WHEN t.recurring THEN t.reported_periods * 100.0 / %(due)s
                    WHEN t.reported_status = 'done' THEN 100.0 ELSE t.reported_percent END) AS score
    FROM plans_task t JOIN plan ON plan.id = t.plan_id GROUP BY plan.commune_id, t.area),
indicators AS (
    SELECT plan.commune_id, i.area, COUNT(*) AS n,
           SUM(CASE WHEN (i.comparator = '>=' AND i.latest_value >= i.target_value)
                      OR (i.comparator = '<=' AND i.latest_value <= i.target_value) THEN 100.0
                    WHEN i.comparator = '<=' THEN {least}(100.0, i.target_value * 100.0 / i.latest_value)
                    ELSE {least}(100.0, i.latest_value * 100.0 / i.target_value) END) AS score
    FROM plans_indicator i JOIN plan ON plan.id = i.plan_id
    WHERE i.latest_value IS NOT NULL AND i.target_value IS NOT NULL AND i.target_value <> 0 AND i.comparator <> ''
      AND (i.span_end IS NULL OR i.span_end <= %(year)s)
    GROUP BY plan.commune_id, i.area),
reported AS (
    SELECT DISTINCT t.plan_id FROM tracking_taskreport r JOIN plans_task t ON t.id = r.task_id
    JOIN plan ON plan.id = t.plan_id WHERE r.period = %(period)s AND r.state <> 'draft')
SELECT plan.commune_id, tasks.area, tasks.n, tasks.done, tasks.late, tasks.score, indicators.n, indicators.score,
       plan.id IN (SELECT plan_id FROM reported) AS has_reported
FROM plan JOIN tasks ON tasks.commune_id = plan.commune_id
LEFT JOIN indicators ON indicators.commune_id = plan.commune_id AND indicators.area = tasks.area
"""

# The commune page's figures: each task with its lead unit and kept figures, each indicator with its latest value
# (COMMUNE_SQL); each lead unit's reports expected, sent and sent on time in the running period and in each due
# period of the year (COMMUNE_TIMELINESS_SQL: {periods} the periods as VALUES rows of index, code, last day and
# deadline cut-off, index 0 the running one); what was spent per area and source, to date and in the period, the
# latest accepted version of each unit's report counting (COMMUNE_SPENT_SQL: {begun} the codes of this year's periods
# begun, {within} those within the period).
COMMUNE_SQL = """
SELECT 'task', t.id, t.name, t.area, t.due_date, t.reported_status, t.reported_percent, t.reported_periods, u.short_name
FROM plans_task t LEFT JOIN plans_unit u ON u.id = t.lead_unit_id WHERE t.plan_id = %(plan)s AND t.deleted_at IS NULL
UNION ALL
SELECT 'indicator', i.id, i.text, i.area, NULL, i.comparator, i.target_value, NULL, CAST(i.latest_value AS TEXT)
FROM plans_indicator i WHERE i.plan_id = %(plan)s AND i.deleted_at IS NULL
"""

COMMUNE_TIMELINESS_SQL = """
WITH p (k, code, last_day, on_time_before) AS (VALUES {periods})
SELECT u.id, u.name, p.k = 0 AS running, COUNT(*) AS expected, COUNT(s.first_sent) AS sent,
       SUM(CASE WHEN s.first_sent < p.on_time_before THEN 1 ELSE 0 END) AS on_time
FROM plans_task t JOIN plans_unit u ON u.id = t.lead_unit_id JOIN p ON t.start_date IS NULL OR t.start_date <= p.last_day
LEFT JOIN (SELECT r.task_id, r.period, MIN(r.submitted_at) AS first_sent
           FROM tracking_taskreport r JOIN plans_task rt ON rt.id = r.task_id AND rt.lead_unit_id = r.unit_id
           WHERE rt.plan_id = %s AND r.state <> 'draft' GROUP BY r.task_id, r.period) s
  ON s.task_id = t.id AND s.period = p.code
WHERE t.plan_id = %s AND t.deleted_at IS NULL AND u.deleted_at IS NULL
  AND NOT EXISTS (SELECT 1 FROM tracking_taskreport d WHERE d.task_id = t.id AND d.state = 'accepted'
                  AND d.status = 'done' AND d.period < p.code)
GROUP BY u.id, u.name, p.k = 0 ORDER BY u.name
"""

COMMUNE_SPENT_SQL = """
SELECT t.area, r.spent_source, SUM(r.spent_million_vnd) AS to_date,
       SUM(CASE WHEN r.period IN ({within}) THEN r.spent_million_vnd END) AS inside
FROM tracking_taskreport r JOIN plans_task t ON t.id = r.task_id
WHERE t.plan_id = %s AND t.deleted_at IS NULL AND r.state = 'accepted' AND r.spent_million_vnd IS NOT NULL
  AND (r.period IN ({begun}) OR r.period < %s)
  AND NOT EXISTS (SELECT 1 FROM tracking_taskreport n WHERE n.task_id = r.task_id AND n.unit_id = r.unit_id
                  AND n.period = r.period AND n.state = 'accepted' AND n.spent_million_vnd IS NOT NULL
                  AND n.version > r.version)
GROUP BY t.area, r.spent_source
"""


TARGETS = {"national": 500.0, "province": 100.0, "commune": 20.0}


def commune_statements(plan, day, calendar):
    """The commune page's hand-written statements and their parameters, the calendar's facts (periods, deadlines:
    what the page's code takes from xaso.core.calendar, not from the database) among the parameters."""
    ops = connection.ops
    due = [calendar.period_in_year(day, plan.report_cadence, plan.year), *calendar.closed(plan.year, plan.report_cadence, day)]
    on_time_before = [timezone.make_aware(dt.datetime.combine(calendar.deadline(p) + dt.timedelta(days=1), dt.time.min))
                      for p in due]
    kind = "CAST(%s AS DATE), CAST(%s AS TIMESTAMPTZ)" if connection.vendor == "postgresql" else "%s, %s"
    periods = ", ".join(f"(%s, %s, {kind})" for _ in due)
    period_params = [value for k, (p, before) in enumerate(zip(due, on_time_before))
                     for value in (k, p.code, ops.adapt_datefield_value(calendar.last_day(p)),
                                   ops.adapt_datetimefield_value(before))]
    begun = [p.code for year in (day.year, day.year + 1) for kind in KINDS for p in periods_of_year(year, kind)
             if calendar.first_day(p) <= day]
    first, last = calendar.first_day(due[0]), calendar.last_day(due[0])
    within = [p.code for year in (day.year - 1, day.year, day.year + 1) for kind in KINDS
              for p in periods_of_year(year, kind) if first <= calendar.first_day(p) and calendar.last_day(p) <= last]
    spent = (COMMUNE_SPENT_SQL.replace("{within}", ", ".join(["%s"] * len(within))).replace("{begun}", ", ".join(["%s"] * len(begun))))
    return [(COMMUNE_SQL, {"plan": plan.pk}),
            (COMMUNE_TIMELINESS_SQL.replace("{periods}", periods), [*period_params, plan.pk, plan.pk]),
            (spent, [*within, plan.pk, *begun, str(day.year)])]


def check_commune_statements(statements, plan, day, calendar):
    """The hand-written statements give the page's figures (each unit's counts, the money spent), else their time
    is not the time of the same work."""
    import xaso.tracking.views as views
    from xaso.tracking.budget import plan_budget

    with connection.cursor() as cursor:
        results = []
        for statement, params in statements:
            cursor.execute(statement, params)
            results.append(cursor.fetchall())
    counts = {}
    for unit, _, running, expected, sent, on_time in results[1]:
        counts[(unit, bool(running))] = (expected, sent, on_time)
    page = {}
    for unit, now, year in views._unit_timeliness(plan, calendar, day, None):
        for running, c in ((True, now), (False, year)):
            if c.expected:
                page[(unit.pk, running)] = (c.expected, c.sent, c.on_time)
    assert counts == page, ("timeliness", counts, page)
    total = plan_budget(plan, day, calendar.period_in_year(day, plan.report_cadence, plan.year), calendar=calendar).total
    spent = (sum(row[2] for row in results[2]), sum(row[3] or 0 for row in results[2]))
    assert [round(float(x), 3) for x in spent] == [round(float(x), 3) for x in (total.spent_to_date, total.spent_period)], \
        ("spent", spent, total)  # SQLite sums in floating point


def median_ms(fn, runs):
    return median_seconds(fn, runs) * 1000


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} (1 / 5 min) on {os.cpu_count()} CPUs"


def count_queries(client, url) -> int:
    queries = []
    with connection.execute_wrapper(lambda execute, sql, params, many, context: (
            queries.append(sql), execute(sql, params, many, context))[1]):
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(queries)


def hand(sql, params):
    least = "LEAST" if connection.vendor == "postgresql" else "MIN"
    return hand_all([(sql.format(least=least), params)])


def hand_all(statements):
    """Running the statements one after the other, reading every row."""
    def run():
        with connection.cursor() as cursor:
            for statement, params in statements:
                cursor.execute(statement, params)
                cursor.fetchall()
    return run


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provinces", type=int, default=34)
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--periods", type=int, default=12, choices=[1, 2, 4, 12])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year", type=int, default=timezone.localdate().year)
    args = parser.parse_args()
    print(f"start: {load()}")
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages link hashed static files
    if Commune.objects.count() < args.communes:
        start = time.perf_counter()
        call_command("demo_data", provinces=args.provinces, communes=args.communes, periods=args.periods,
                     tasks=args.tasks, year=args.year, stderr=open(os.devnull, "w"))
        print(f"generated in {time.perf_counter() - start:.0f} s ({load()}); for {snapshots.MARGIN.seconds // 60} min "
              "more, views compute again the plans just written (xaso.tracking.snapshots.MARGIN): rerun for the "
              "figures of an ordinary hour")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    import xaso.tracking.views as views

    real_today = timezone.localdate()
    day = real_today if real_today.year == args.year else dt.date(args.year, 12, 31)
    views.today = lambda: day
    user, _ = get_user_model().objects.get_or_create(username="bench.quocgia")
    Membership.objects.update_or_create(user=user, defaults={"role": NATIONAL_VIEWER, "province": None,
                                                             "commune": None, "unit": None})
    client = log_in(Client(), user)  # password and authenticator code, as a national account signs in
    settle()  # as a server process does once loaded (xaso/wsgi.py): loaded code out of the collector's sight

    largest = Province.objects.annotate(n=Count("communes")).order_by("-n", "id").first()
    commune = largest.communes.order_by("id").first()
    plan = Plan.objects.filter(commune=commune, year=args.year).first()
    print(f"{connection.vendor}: {Province.objects.count()} provinces, {Commune.objects.count()} communes "
          f"(largest province {largest.n}), {Task.objects.count()} tasks, {TaskReport.objects.count()} reports, "
          f"{IndicatorValue.objects.count()} indicator values; figures of {day:%d/%m/%Y}")

    period = period_of(day, QUARTER)
    due = len(closed_periods(args.year, plan.report_cadence, day))
    cadence_period = period_of(day, plan.report_cadence)
    text = Indicator.objects.filter(plan__year=args.year).order_by("text").values_list("text", flat=True).first()
    cutoff = timezone.make_aware(dt.datetime.combine(cadence_period.report_due + dt.timedelta(days=1), dt.time.min))
    common = {"year": args.year, "today": day, "due": due or 1, "period": cadence_period.code}
    statements = commune_statements(plan, day, calendar_for(commune))
    check_commune_statements(statements, plan, day, calendar_for(commune))
    pages = [
        ("national", "/national/dashboard/",
         hand(NATIONAL_SQL, {**common, "period_end": cadence_period.end, "cutoff": cutoff, "text": text})),
        ("province", f"/provinces/{largest.pk}/dashboard/",
         hand(PROVINCE_SQL, {**common, "province": largest.pk})),
        ("commune", f"/communes/{commune.pk}/dashboard/", hand_all(statements)),
        ("national, past", f"/national/dashboard/?period={args.year}-Q2", None),
    ]
    print(f"{'page':16} {'median':>10} {'queries':>8} {'SQL':>9} {'ratio':>6}  target")
    for name, url, sql in pages:
        PlanSnapshot.objects.all().delete()  # the first view of a day computes the figures it keeps
        start = time.perf_counter()
        client.get(url)
        first = (time.perf_counter() - start) * 1000
        queries = count_queries(client, url)
        if sql is None:
            print(f"{name:16} {median_ms(lambda: client.get(url), args.runs):8.1f} ms {queries:8d}")
            continue
        ms, sql_ms = (seconds * 1000 for seconds in medians_seconds([lambda: client.get(url), sql], args.runs))
        target = TARGETS[name]
        verdict = "ok" if ms <= target and ms <= 3 * sql_ms else "OVER"
        print(f"{name:16} {ms:8.1f} ms {queries:8d} {sql_ms:6.1f} ms {ms / sql_ms:5.1f}×  ≤ {target:.0f} ms, ≤ 3× SQL: {verdict}"
              f"  (first view of the day, computing the kept figures: {first:.0f} ms)")
    print(f"end: {load()}")


if __name__ == "__main__":
    main()
