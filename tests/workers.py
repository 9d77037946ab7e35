"""A real `xaso worker` process for a test: it reaches the test database by URL and the test's media folder, with
a short lease, and reads slowly when asked (tests/slow_reading.py: steps of a given length, reported as pages)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def start_worker(media_root, *, steps: int = 0, seconds: float = 0.0, lease: int = 2) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XASO_DATABASE_URL": database_url(),
           "XASO_MEDIA_DIR": str(media_root), "XASO_JOB_LEASE_SECONDS": str(lease),
           "XASO_TEST_SLOW_STEPS": str(steps), "XASO_TEST_SLOW_SECONDS": str(seconds)}
    return subprocess.Popen([sys.executable, "-m", "tests.slow_reading", "worker", "--interval", "0.2"], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def stop(worker: subprocess.Popen) -> None:
    worker.terminate()
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait()
