"""kill -9 the server in the middle of an import and in the middle of report submissions, restart it, and
check that nothing is half-written and that the retried operations succeed.

    .venv/bin/python bench/fault_bench.py                          # SQLite (WAL)
    scripts/with-postgres .venv/bin/python bench/fault_bench.py    # PostgreSQL

Import: a 400-task plan is sent to POST /api/communes/{id}/plans/import; the server (gunicorn, all its
processes) is killed at several moments of the write; after each restart the commune holds no plan or a
complete one, and sending the document again gives a complete plan. Submission: 20 reporters save-and-
submit their reports at once (POST /api/reports); the server is killed mid-flight; after the restart every
report is whole (a submitted one has its time, a draft has none), every acknowledged one is there, and
retrying the unacknowledged ones leaves every report submitted with the figures that were sent.

    .venv/bin/python bench/fault_bench.py --tasks 20 --rounds 1 --reporters 2 --kill-after 2   # the tiny run of CI
"""

import argparse
import http.client
import json
import os
import signal
import sys
import threading
import time
import uuid

import serving

sys.path.insert(0, str(serving.ROOT))

from xaso import demo_documents as dd  # noqa: E402


def kill(server):
    os.killpg(server.pid, signal.SIGKILL)
    server.wait(30)


def post(port, key, path, body: bytes, content_type: str, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("POST", path, body, {"Authorization": f"Bearer {key}", "Content-Type": content_type})
    response = conn.getresponse()
    return response.status, response.read()


def multipart(name: str, data: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"document\"; filename=\"{name}\"\r\n"
            f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


STATE = """
import json
from xaso.plans.models import Plan
from xaso.tracking.models import TaskReport
plans = [(p.pk, p.tasks.count(), p.indicators.count()) for p in Plan.all_objects.filter(commune_id={commune}, status="draft")]
reports = [(r.task_id, r.unit_id, r.version, r.state, r.submitted_at is not None, float(r.percent))
           for r in TaskReport.objects.filter(period="{period}")]
print(json.dumps({{"plans": plans, "reports": reports}}))
"""


def state(env, commune, period):
    out = serving.manage(env, "shell", "-c", STATE.format(commune=commune, period=period), capture=True)
    return json.loads(out.strip().splitlines()[-1])


def import_faults(env, world, rounds=4, size=400) -> list[str]:
    problems = []
    key, commune = world["officer_key"], world["commune"]
    body, ctype = multipart("ke-hoach-lon.md", dd.to_markdown(dd.make_plan(7, year=time.localtime().tm_year,
                                                                            tasks=size)).encode())
    path = f"/api/communes/{commune}/plans/import?second_plan=true"  # the same plan, imported again and again
    port = serving.free_port()
    server = serving.start_server(env, port)
    start = time.perf_counter()
    status, reply = post(port, key, path, body, ctype)
    duration = time.perf_counter() - start
    if status != 200:
        return [f"the control import failed: {status} {reply[:300]!r}"]
    expected = (json.loads(reply)["id"], None)
    tasks = {p[0]: p[1] for p in state(env, commune, "-")["plans"]}[expected[0]]
    print(f"import of a {size}-task plan: {duration:.2f} s, {tasks} tasks stored")
    for k in range(1, rounds + 1):
        before = {p[0] for p in state(env, commune, "-")["plans"]}
        delay = duration * k / (rounds + 1)
        answer = {}
        sender = threading.Thread(target=lambda: answer.update(result=_try(post, port, key, path, body, ctype)))
        sender.start()
        time.sleep(delay)
        kill(server)
        sender.join(60)
        server = serving.start_server(env, port := serving.free_port())
        after = state(env, commune, "-")["plans"]
        new = [p for p in after if p[0] not in before]
        half = [p for p in new if p[1] != tasks]
        outcome = "committed before the kill" if new else "rolled back"
        print(f"  killed after {delay:.2f} s: {outcome}; half-written plans: {len(half)}")
        if half or len(new) > 1:
            problems.append(f"half-written plan after a kill at {delay:.2f} s: {half}")
        status, reply = post(port, key, path, body, ctype)
        stored = {p[0]: p[1] for p in state(env, commune, "-")["plans"]}
        if status != 200 or stored.get(json.loads(reply).get("id")) != tasks:
            problems.append(f"the retried import failed: {status} {reply[:200]!r}")
    print(f"  retried imports after each kill: {'all complete' if not problems else 'FAILED'}")
    kill(server)
    return problems


def _try(fn, *args):
    try:
        return fn(*args)
    except OSError as error:
        return ("no answer", repr(error))


def submission_faults(env, world, period, reporters=20, kill_after=25) -> list[str]:
    problems = []
    port = serving.free_port()
    server = serving.start_server(env, port)
    acknowledged, sent, lock, killed = {}, {}, threading.Lock(), threading.Event()

    def reporter(me):
        for task in me["tasks"]:
            if killed.is_set():
                return
            percent = (task * 7) % 100
            with lock:
                sent[(task, me["unit"])] = (percent, me["key"])
            body = json.dumps({"task_id": task, "unit_id": me["unit"], "period": period, "status": "in_progress",
                               "percent": percent, "submit": True}).encode()
            result = _try(post, port, me["key"], "/api/reports", body, "application/json")
            if result[0] == 200:
                with lock:
                    acknowledged[(task, me["unit"])] = percent

    threads = [threading.Thread(target=reporter, args=(me,)) for me in world["reporters"][:reporters]]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < kill_after and time.monotonic() < deadline and any(t.is_alive() for t in threads):
        time.sleep(0.01)
    killed.set()
    kill(server)
    for t in threads:
        t.join(60)
    rows = state(env, world["commune"], period)["reports"]
    stored = {(r[0], r[1]): r for r in rows}
    broken = [r for r in rows if (r[3] == "submitted") != r[4]]
    missing = [k for k in acknowledged if k not in stored or stored[k][3] != "submitted"]
    print(f"submissions: {len(sent)} sent before the kill, {len(acknowledged)} acknowledged, {len(rows)} in the "
          f"database; half-written: {len(broken)}; acknowledged but missing: {len(missing)}")
    problems += [f"half-written report {r}" for r in broken] + [f"acknowledged report lost {k}" for k in missing]
    server = serving.start_server(env, port := serving.free_port())
    retried = 0
    for (task, unit), (percent, key) in sent.items():
        if (task, unit) in acknowledged:
            continue
        body = json.dumps({"task_id": task, "unit_id": unit, "period": period, "status": "in_progress",
                           "percent": percent, "submit": True}).encode()
        status, reply = post(port, key, "/api/reports", body, "application/json")
        retried += 1
        if status not in (200, 409) or (status == 409 and b"awaiting_review" not in reply):
            problems.append(f"retry of {task}/{unit} failed: {status} {reply[:200]!r}")
    kill(server)
    rows = {(r[0], r[1]): r for r in state(env, world["commune"], period)["reports"]}
    wrong = [k for k, (percent, _) in sent.items() if k not in rows or rows[k][3] != "submitted" or rows[k][5] != percent]
    print(f"  retried {retried} unacknowledged submissions: every report submitted with its figures: {not wrong}")
    problems += [f"after retry, report {k} is not as sent" for k in wrong]
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tasks", type=int, default=400, help="tasks of the plan imported while the server is killed")
    parser.add_argument("--rounds", type=int, default=4, help="kills during the import")
    parser.add_argument("--reporters", type=int, default=20)
    parser.add_argument("--kill-after", type=int, default=25, help="acknowledged submissions before the kill")
    args = parser.parse_args()
    env = serving.environment()
    world = serving.prepare(env, args.reporters, communes=3)
    world["commune"] = int(serving.manage(env, "shell", "-c", "from xaso.plans.models import Commune; "
                                          "print(Commune.objects.order_by('id').first().pk)", capture=True).split()[-1])
    year, month = time.localtime().tm_year, time.localtime().tm_mon
    period = f"{year}-Q{(month - 1) // 3 + 1}"
    engine = "PostgreSQL" if "postgres" in env.get("XASO_DATABASE_URL", "") else "SQLite (WAL)"
    print(f"{engine}, gunicorn killed with SIGKILL (all processes)")
    problems = (import_faults(env, world, args.rounds, args.tasks)
                + submission_faults(env, world, period, args.reporters, args.kill_after))
    for problem in problems[:10]:
        print("PROBLEM:", problem)
    print("no half-written plan or report; retried operations succeeded" if not problems else f"{len(problems)} problems")
    raise SystemExit(1 if problems else 0)


if __name__ == "__main__":
    main()
