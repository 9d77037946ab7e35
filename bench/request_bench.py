"""What a request costs besides its own work: three requests of a commune, timed and counted whole (middleware,
session, sign-in, second factor, rate limit, permissions, template or JSON), through the Django test client.

Builds (once) a commune with a plan of N tasks and a year of monthly reports (`xaso demo-data --communes 1 --periods 12
--tasks N`), then prints for each request its median wall time, its median CPU time (time.process_time: the steady
figure on a loaded machine), its SQL query count (BEGIN and COMMIT included on SQLite), and the CPU time of the
first such request of the process:

- the commune's dashboard (GET /communes/<id>/dashboard/), read by the commune's DX officer;
- a task report saved through the page form ("Lưu nháp": POST /tasks/<id>/report/<unit>/<period>/, CSRF checked);
- the page the form then leads to, the unit's tasks (GET /units/<id>/tasks/);
- the same save through the API (POST /api/reports with a bearer key, as bench/load_bench.py sends it).

`--profile` adds, for each request, the functions where its time goes (cProfile, cumulative time).

    XASO_DATA_DIR=/tmp/xaso-req python bench/request_bench.py [--tasks 60] [--runs 50] [--profile]
    XASO_PG_PORT=54342 scripts/with-postgres python bench/request_bench.py
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tests.login import log_in  # noqa: E402
from xaso.accounts.models import COMMUNE_OFFICER, UNIT_REPORTER, ApiToken, Membership  # noqa: E402
from xaso.plans.models import Commune, Task  # noqa: E402
from xaso.tracking import calendars  # noqa: E402
from xaso.tracking import views  # noqa: E402
from xaso.tracking.models import TaskReport  # noqa: E402


def setup(tasks: int, year: int) -> dict:
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # pages link hashed static files
    if not Commune.objects.exists():
        start = time.perf_counter()
        call_command("demo_data", communes=1, periods=12, tasks=tasks, year=year)
        print(f"generated in {time.perf_counter() - start:.0f} s")
    if connection.vendor == "postgresql":  # the planner's statistics, as autovacuum keeps them in production
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    commune = Commune.objects.order_by("pk").first()
    plan = views.current_plan(commune)
    task = plan.tasks.filter(lead_unit__isnull=False).order_by("position", "pk").first()
    users = get_user_model().objects
    officer, _ = users.get_or_create(username="bench-officer")
    Membership.objects.update_or_create(user=officer, defaults={"role": COMMUNE_OFFICER, "commune": commune,
                                                                "province": None, "unit": None})
    reporter, _ = users.get_or_create(username="bench-reporter")
    Membership.objects.update_or_create(user=reporter, defaults={"role": UNIT_REPORTER, "unit": task.lead_unit,
                                                                 "commune": None, "province": None})
    calendar = calendars.calendar_for(commune)
    period = calendar.period_in_year(views.today(), plan.report_cadence, plan.year)
    return {"commune": commune, "plan": plan, "task": task, "unit": task.lead_unit, "period": period,
            "officer": officer, "reporter": reporter, "key": ApiToken.issue(reporter, name="request_bench")}


def requests(world: dict) -> dict:
    """name → a function making the request once and checking its answer."""
    dashboard = log_in(Client(), world["officer"])
    page = log_in(Client(enforce_csrf_checks=True), world["reporter"])
    task, unit, period = world["task"], world["unit"], world["period"]
    form_url = f"/tasks/{task.pk}/report/{unit.pk}/{period.code}/"
    answer = page.get(form_url)
    assert answer.status_code == 200, answer.content.decode()[:2000]
    token = page.cookies["csrftoken"].value
    api = Client(HTTP_AUTHORIZATION=f"Bearer {world['key']}")
    turn = iter(range(10**9))

    def get_dashboard():
        answer = dashboard.get(f"/communes/{world['commune'].pk}/dashboard/")
        assert answer.status_code == 200, answer.status_code

    def post_form():
        answer = page.post(form_url, {"csrfmiddlewaretoken": token, "status": "in_progress",
                                      "percent": str(next(turn) % 99), "achievements": "Đã số hóa 300 hồ sơ",
                                      "spent_source": "", "seen": ""})
        assert answer.status_code == 302, answer.content.decode()[:3000]

    def post_api():
        body = json.dumps({"task_id": task.pk, "unit_id": unit.pk, "period": period.code, "status": "in_progress",
                           "percent": next(turn) % 99, "achievements": "Cập nhật"})
        answer = api.post("/api/reports", body, content_type="application/json")
        assert answer.status_code == 200, answer.content.decode()[:2000]

    def get_unit_tasks():
        answer = page.get(f"/units/{unit.pk}/tasks/")
        assert answer.status_code == 200, answer.status_code

    return {"commune dashboard (GET)": get_dashboard, "report form (POST)": post_form,
            "unit's tasks (GET)": get_unit_tasks, "API report (POST)": post_api}


def measure(fn, runs: int) -> tuple[float, float, int, float]:
    """(median wall ms, median CPU ms, queries of one request, CPU ms of the process's first such request): the
    first builds what a process builds once (templates, URL patterns, a timeliness statement's SQL)."""
    first = time.process_time()
    fn()
    first = (time.process_time() - first) * 1000
    with CaptureQueriesContext(connection) as queries:
        fn()
    count = len(queries)  # now: the next request empties the log
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        cpus.append(time.process_time() - cpu)
        walls.append(time.perf_counter() - wall)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000, count, first


def profile(fn, runs: int, top: int) -> str:
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for _ in range(runs):
        fn()
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=60)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="where each request's CPU time goes (cProfile)")
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--queries", action="store_true", help="print each request's SQL")
    args = parser.parse_args()
    views.today = lambda: date(args.year, 11, 22)  # the demo's year, inside an open entry window
    world = setup(args.tasks, args.year)
    one, five, _ = os.getloadavg()
    print(f"load {one:.1f} / {five:.1f} (1 / 5 min) on {os.cpu_count()} CPUs")
    print(f"{connection.vendor}: 1 commune, {world['plan'].tasks.count()} tasks, "
          f"{TaskReport.objects.filter(task__plan=world['plan']).count()} reports; period {world['period'].code}")
    for name, fn in requests(world).items():
        wall, cpu, count, first = measure(fn, args.runs)
        print(f"{name:26} median {wall:7.1f} ms wall  {cpu:7.1f} ms CPU  {count:3} queries   first {first:6.1f} ms CPU")
        if args.queries:
            with CaptureQueriesContext(connection) as queries:
                fn()
            for i, q in enumerate(queries.captured_queries, 1):
                print(f"    {i}. {q['sql'][:300]}")
        if args.profile:
            print(profile(fn, args.runs, args.top))


if __name__ == "__main__":
    main()
