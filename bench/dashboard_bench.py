"""Dashboard speed at province scale.

Builds (once) a province of N communes with a year of monthly reports in the configured database
(`xaso demo-data --communes N --periods 12 --tasks 60`), then prints the median server time of the
province and a commune dashboard (Django test client, no network) for the current period and as of a past
period's end (`?period=2026-Q2`, computed from the reports), their SQL query counts, and the
ratio to one hand-written SQL query computing the same figures (task and indicator scores per commune and
area, done and late counts, who has reported this period) from the same latest-accepted columns the page reads.

    XASO_DATA_DIR=/tmp/xaso-bench .venv/bin/python bench/dashboard_bench.py [--communes 200] [--runs 7]
    XASO_DATA_DIR=/tmp/x .venv/bin/python bench/dashboard_bench.py --communes 3 --runs 2    # a few seconds
    XASO_DATABASE_URL=postgres://… .venv/bin/python bench/dashboard_bench.py
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from timing import median_seconds  # noqa: E402

from tests.login import log_in  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from xaso.plans.models import Commune, Province  # noqa: E402
from xaso.startup import settle  # noqa: E402

HAND_SQL = """
WITH plan AS (
    SELECT p.id, p.commune_id FROM plans_plan p JOIN plans_commune c ON c.id = p.commune_id
    WHERE p.year = %(year)s AND c.province_id = %(province)s),
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


def median_ms(fn, runs):
    return median_seconds(fn, runs) * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--communes", type=int, default=200)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--year", type=int, default=2026)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages link hashed static files
    if Commune.objects.count() < args.communes:
        start = time.perf_counter()
        call_command("demo_data", communes=args.communes, periods=12, tasks=60, year=args.year)
        print(f"generated in {time.perf_counter() - start:.0f} s")
    province = Province.objects.get(name="Tỉnh Minh Sơn")
    commune = province.communes.first()
    from xaso.accounts.models import LEADER, Membership

    # a province leader, as the people who read this page: a user without a role sees nothing (PermissionDenied)
    user, _ = get_user_model().objects.update_or_create(username="bench", defaults={"is_staff": False, "is_superuser": False})
    Membership.objects.update_or_create(user=user, defaults={"role": LEADER, "province": province, "commune": None,
                                                             "unit": None})
    client = log_in(Client(), user)  # password and authenticator code, as a province account signs in
    settle()  # as a server process does once loaded (xaso/wsgi.py): loaded code out of the collector's sight
    import xaso.tracking.views as views
    from datetime import date

    views.today = lambda: date(args.year, 11, 22)
    from xaso.plans.models import Task
    from xaso.tracking.models import IndicatorValue, TaskReport

    one, five, _ = os.getloadavg()
    print(f"load {one:.1f} / {five:.1f} (1 / 5 min) on {os.cpu_count()} CPUs")
    print(f"{connection.vendor}: {province.communes.count()} communes, {Task.objects.count()} tasks, "
          f"{TaskReport.objects.count()} reports, {IndicatorValue.objects.count()} indicator values")
    past = f"?period={args.year}-Q2"
    for name, url in (("province dashboard", f"/provinces/{province.pk}/dashboard/"),
                      ("province, past Q2", f"/provinces/{province.pk}/dashboard/{past}"),
                      ("commune dashboard", f"/communes/{commune.pk}/dashboard/"),
                      ("commune, past Q2", f"/communes/{commune.pk}/dashboard/{past}")):
        client.get(url)
        queries = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context: (queries.append(sql), execute(sql, params, many, context))[1]):
            assert client.get(url).status_code == 200
        ms = median_ms(lambda: client.get(url), args.runs)
        print(f"{name:20} median {ms:8.1f} ms   {len(queries)} queries")
        if name == "province dashboard":
            def hand():
                with connection.cursor() as cursor:
                    least = "LEAST" if connection.vendor == "postgresql" else "MIN"
                    cursor.execute(HAND_SQL.format(least=least), {
                        "year": args.year, "province": province.pk, "today": date(args.year, 11, 22),
                        "due": 10, "period": f"{args.year}-M11"})
                    cursor.fetchall()
            sql_ms = median_ms(hand, args.runs)
            from xaso.plans.models import Plan
            from xaso.tracking.summary import summarise

            plans = list(Plan.objects.filter(commune__province=province, year=args.year))
            figures_ms = median_ms(lambda: summarise(plans, date(args.year, 11, 22)), args.runs)
            print(f"{'hand-written SQL':20} median {sql_ms:8.1f} ms   page/SQL ratio {ms / sql_ms:.1f}×")
            print(f"{'figures (summarise)':20} median {figures_ms:8.1f} ms   figures/SQL ratio {figures_ms / sql_ms:.1f}×")


if __name__ == "__main__":
    main()
