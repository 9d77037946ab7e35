"""50 reporters saving their task reports at once for 60 s, through the production servers on 127.0.0.1: nginx with
contrib/nginx-xaso.conf (TLS) in front of gunicorn with contrib/gunicorn.conf.py.

    .venv/bin/python bench/load_bench.py                          # SQLite (WAL), a fresh file
    scripts/with-postgres .venv/bin/python bench/load_bench.py    # PostgreSQL
    .venv/bin/python bench/load_bench.py --reporters 2 --seconds 2 --communes 1   # the tiny run of CI

Each reporter owns the tasks its unit leads and saves them one after another through the API (POST
/api/reports: a draft save, read-modify-write under a row lock). Printed: requests, errors, p50 / p95
latency, and the lost-update check: every acknowledged save left one history row, and each report holds
the last percent its reporter was told was saved. The slowest reporter's mean latency beside the fastest's says
whether the server shares its time fairly among them.
"""

import argparse
import http.client
import json
import random
import ssl
import statistics
import threading
import time

import serving


def reporter(port, context: ssl.SSLContext, me, period, until, results):
    conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=context)
    headers = {"Authorization": f"Bearer {me['key']}", "Content-Type": "application/json"}
    rng = random.Random(me["unit"])
    acknowledged, last, latencies, errors = 0, {}, [], []
    while time.monotonic() < until:
        task = rng.choice(me["tasks"])
        percent = rng.randint(0, 99)
        body = json.dumps({"task_id": task, "unit_id": me["unit"], "period": period, "status": "in_progress",
                           "percent": percent, "achievements": f"Cập nhật {acknowledged}"})
        start = time.perf_counter()
        try:
            conn.request("POST", "/api/reports", body, headers)
            response = conn.getresponse()
            payload = response.read()
        except OSError as error:
            errors.append(repr(error))
            conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=60, context=context)
            continue
        latencies.append(time.perf_counter() - start)
        if response.status == 200:
            acknowledged += 1
            last[task] = percent
        else:
            errors.append(f"{response.status} {payload[:200]!r}")
    results[me["unit"]] = {"acknowledged": acknowledged, "last": last, "latencies": latencies, "errors": errors}


CHECK = """
import json
from xaso.tracking.models import TaskReport
from django.contrib.auth import get_user_model
users = get_user_model().objects.filter(username__startswith="baocao")
saves = TaskReport.history.filter(history_user__in=users).count()
state = {{f"{{r.task_id}}": float(r.percent) for r in TaskReport.objects.filter(period="{period}", unit_id__in={units})}}
print(json.dumps({{"saves": saves, "state": state}}))
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reporters", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--communes", type=int, help="communes generated (default: enough units for the reporters)")
    args = parser.parse_args()
    env = serving.environment()
    world = serving.prepare(env, args.reporters, communes=args.communes or max(8, args.reporters // 6 + 1))
    year, month = time.localtime().tm_year, time.localtime().tm_mon
    period = f"{year}-Q{(month - 1) // 3 + 1}"
    upstream, port = serving.free_port(), serving.free_port()
    server = serving.start_server(env, upstream)
    front = serving.start_front(env, port, upstream)
    results = {}
    try:
        until = time.monotonic() + args.seconds
        threads = [threading.Thread(target=reporter, args=(port, serving.front_context(env), me, period, until, results))
                   for me in world["reporters"]]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        workers = serving.workers(server)
    finally:
        for process in (front, server):
            process.terminate()
            process.wait(30)
    latencies = sorted(x for r in results.values() for x in r["latencies"])
    errors = [e for r in results.values() for e in r["errors"]]
    acknowledged = sum(r["acknowledged"] for r in results.values())
    units = [me["unit"] for me in world["reporters"]]
    check = json.loads(serving.manage(env, "shell", "-c", CHECK.format(period=period, units=units),
                                      capture=True).strip().splitlines()[-1])
    expected = {str(task): percent for r in results.values() for task, percent in r["last"].items()}
    mismatched = [t for t, p in expected.items() if check["state"].get(t) != p]
    engine = "PostgreSQL" if "postgres" in env.get("XASO_DATABASE_URL", "") else "SQLite (WAL)"
    print(f"{engine}: {len(world['reporters'])} reporters × {args.seconds:.0f} s, nginx (TLS) in front of gunicorn: "
          f"{workers} workers of contrib/gunicorn.conf.py")
    print(f"requests {len(latencies) + len(errors)}, acknowledged {acknowledged}, errors {len(errors)}"
          f" ({len(latencies) / args.seconds:.0f} req/s, {acknowledged / args.seconds:.0f} saves/s)")
    if latencies:
        p95 = latencies[int(0.95 * (len(latencies) - 1))]
        print(f"latency p50 {statistics.median(latencies) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms")
        means = sorted(statistics.mean(r["latencies"]) * 1000 for r in results.values() if r["latencies"])
        print(f"mean latency per reporter: fastest {means[0]:.0f} ms, median {statistics.median(means):.0f} ms, "
              f"slowest {means[-1]:.0f} ms")
    print(f"saves recorded in history {check['saves']} (acknowledged {acknowledged}): lost "
          f"{acknowledged - check['saves']}; reports not holding their last acknowledged value: {len(mismatched)}")
    for error in errors[:5]:
        print("  error:", error[:120])
    if errors:
        print("server log (last lines):\n" + serving.server_log(env).read_text()[-3000:])
    raise SystemExit(1 if errors or mismatched or check["saves"] != acknowledged else 0)


if __name__ == "__main__":
    main()
