"""Dashboard speed at province scale.

Builds (once) a province of N communes with a year of monthly reports in the configured database
(`xaso demo-data --communes N --periods 12 --tasks 60`), then prints the median server time of the
province and a commune dashboard (Django test client, no network), their SQL query counts, and the
ratio to one hand-written SQL query computing the ranking's task figures per commune and area
(from the same latest-accepted columns the page reads).

    XASO_DATA_DIR=/tmp/xaso-bench .venv/bin/python bench/dashboard_bench.py [--communes 200] [--runs 7]
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
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from xaso.plans.models import Commune, Province  # noqa: E402

HAND_SQL = """
SELECT p.commune_id, t.area, COUNT(*) AS tasks,
       SUM(CASE WHEN t.reported_status = 'done' THEN 1 ELSE 0 END) AS done,
       SUM(CASE WHEN t.due_date < %s AND t.reported_status <> 'done' AND NOT t.recurring THEN 1 ELSE 0 END) AS overdue,
       AVG(CASE WHEN t.reported_status = 'done' THEN 100 ELSE t.reported_percent END) AS score
FROM plans_task t
JOIN plans_plan p ON p.id = t.plan_id AND p.year = %s
JOIN plans_commune c ON c.id = p.commune_id AND c.province_id = %s
GROUP BY p.commune_id, t.area
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
    if Commune.objects.count() < args.communes:
        start = time.perf_counter()
        call_command("demo_data", communes=args.communes, periods=12, tasks=60, year=args.year)
        print(f"generated in {time.perf_counter() - start:.0f} s")
    province = Province.objects.get(name="Tỉnh Minh Sơn")
    commune = province.communes.first()
    user, _ = get_user_model().objects.get_or_create(username="bench", defaults={"is_staff": True})
    client = Client()
    client.force_login(user)
    import xaso.tracking.views as views
    from datetime import date

    views.today = lambda: date(args.year, 11, 22)
    from xaso.plans.models import Task
    from xaso.tracking.models import IndicatorValue, TaskReport

    print(f"{connection.vendor}: {province.communes.count()} communes, {Task.objects.count()} tasks, "
          f"{TaskReport.objects.count()} reports, {IndicatorValue.objects.count()} indicator values")
    for name, url in (("province dashboard", f"/provinces/{province.pk}/dashboard/"),
                      ("commune dashboard", f"/communes/{commune.pk}/dashboard/")):
        client.get(url)
        queries = []
        with connection.execute_wrapper(lambda execute, sql, params, many, context: (queries.append(sql), execute(sql, params, many, context))[1]):
            assert client.get(url).status_code == 200
        ms = median_ms(lambda: client.get(url), args.runs)
        print(f"{name:20} median {ms:8.1f} ms   {len(queries)} queries")
        if name.startswith("province"):
            def hand():
                with connection.cursor() as cursor:
                    cursor.execute(HAND_SQL, [date(args.year, 11, 22), args.year, province.pk])
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
