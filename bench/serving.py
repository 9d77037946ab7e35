"""What the load and fault scripts share: a database with reporters, and a real server process on 127.0.0.1."""

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def environment() -> dict:
    """A fresh database for the run: a new database on the PostgreSQL server of XASO_DATABASE_URL (as under
    scripts/with-postgres), else a new SQLite file."""
    data = Path(tempfile.mkdtemp(prefix="xaso-bench-"))
    env = {**os.environ, "XASO_DATA_DIR": str(data), "DJANGO_SETTINGS_MODULE": "xaso.settings"}
    # The benches measure the server's work, not the per-user limit of the API (600 a minute in production): 50
    # reporters saving without a pause pass it once a save takes under 100 ms. The limit is still counted.
    env.setdefault("XASO_API_RATE", "1000000/m")
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    url = env.get("XASO_DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        name = f"xaso_bench_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["XASO_DATABASE_URL"] = url.rsplit("/", 1)[0] + "/" + name
    else:
        env.pop("XASO_DATABASE_URL", None)
    return env


def manage(env, *args, capture=False) -> str:
    done = subprocess.run([str(BIN / "xaso"), *args], env=env, cwd=ROOT, check=True, text=True,
                          capture_output=capture)
    return done.stdout if capture else ""


SETUP = """
import json
from xaso.accounts.models import ApiToken, Membership
from xaso.plans.models import Plan, Task, Unit
from django.contrib.auth import get_user_model
User = get_user_model()
out = []
units = [u for u in Unit.objects.order_by("id") if Task.objects.filter(lead_unit=u).exists()][:{count}]
for i, unit in enumerate(units):
    user, _ = User.objects.get_or_create(username=f"baocao{{i}}")
    Membership.objects.update_or_create(user=user, defaults={{"role": "unit_reporter", "unit": unit}})
    tasks = list(Task.objects.filter(lead_unit=unit).values_list("id", flat=True))
    out.append({{"unit": unit.pk, "tasks": tasks, "key": ApiToken.issue(user)}})
officer = User.objects.create_superuser("canbo-load", password="khong-dung-den-123")
print(json.dumps({{"reporters": out, "officer_key": ApiToken.issue(officer)}}))
"""


def prepare(env, reporters: int, communes: int) -> dict:
    import json

    year = time.localtime().tm_year
    manage(env, "migrate", "--verbosity", "0")
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")  # as the production steps: pages link hashed files
    manage(env, "demo-data", "--communes", str(communes), "--year", str(year), "--no-history")
    output = manage(env, "shell", "-c", SETUP.format(count=reporters), capture=True)
    return json.loads(output.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_log(env) -> Path:
    return Path(env["XASO_DATA_DIR"]) / "server.log"


def start_server(env, port: int, workers: int = 4, threads: int = 8) -> subprocess.Popen:
    """gunicorn as in production; its log (errors with tracebacks) goes to server_log(env)."""
    log = open(server_log(env), "a")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "xaso.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--threads", str(threads), "--timeout", "120", "--log-level", "warning"],
        env={**env, "XASO_LOG_LEVEL": "ERROR"}, cwd=ROOT, stdout=log, stderr=log, start_new_session=True)
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("the server did not start: " + server_log(env).read_text()[-2000:])
