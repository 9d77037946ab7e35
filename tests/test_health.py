"""/healthz as a monitor sees it (no login; 200 "ok", or 503 naming each failed check and nothing more), and the
log lines of a request carrying its id and its user. Runs on SQLite and on PostgreSQL."""

import io
import logging
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client

from xaso.logs import RequestContextFilter

ROOT = Path(__file__).resolve().parent.parent


def test_healthy_site_answers_ok_without_login(db):
    response = Client().get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert "no-store" in response["Cache-Control"] and re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def _read_only(folder: Path):
    """A folder nobody may write in: its mode for a normal user; for root, who ignores modes, the immutable flag."""
    folder.mkdir(parents=True)
    folder.chmod(0o555)
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
    return lambda: subprocess.run(["chattr", "-i", str(folder)], capture_output=True) if shutil.which("chattr") else None


def _a_file(folder: Path):
    folder.write_text("not a folder")
    return lambda: None


@pytest.mark.parametrize("break_media", [_read_only, _a_file], ids=["read-only folder", "a file in its place"])
def test_media_that_takes_no_file_fails_the_check(db, settings, tmp_path, break_media):
    settings.MEDIA_ROOT = tmp_path / "media"
    undo = break_media(settings.MEDIA_ROOT)
    try:
        try:
            (settings.MEDIA_ROOT / "probe").write_text("x")
        except OSError:
            pass
        else:
            pytest.skip("this file system lets root write in a read-only folder (no immutable flag)")
        response = Client().get("/healthz")
    finally:
        undo()
    assert (response.status_code, response.content) == (503, b"failed: media\n")


def test_an_unapplied_migration_fails_the_check(db):
    executor = MigrationExecutor(connection)
    app, name = next(node for node in executor.loader.graph.leaf_nodes() if node[0] == "plans")
    MigrationRecorder(connection).record_unapplied(app, name)  # rolled back with the test's transaction
    response = Client().get("/healthz")
    assert (response.status_code, response.content) == (503, b"failed: migrations\n")


def test_unreachable_database_fails_and_says_nothing_secret_and_is_not_redirected(tmp_path):
    """A fresh server whose PostgreSQL is down and whose static files were never collected, behind HTTPS:
    /healthz answers over plain http (the proxy's probe) and names the checks, never the password or the host."""
    script = ("import django; django.setup(); from django.test import Client; c = Client(HTTP_HOST='xaso.example.gov.vn');"
              "r = c.get('/healthz'); print(r.status_code); print(r.content.decode(), end='');"
              "print(c.get('/login/').status_code)")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xaso.settings", "XASO_DATA_DIR": str(tmp_path),
           "XASO_DATABASE_URL": "postgres://xaso:bi-mat-123@127.0.0.1:9/xaso?connect_timeout=2", "XASO_HTTPS": "true",
           "XASO_ALLOWED_HOSTS": "xaso.example.gov.vn", "XASO_LOG_LEVEL": "CRITICAL"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["503", "failed: database", "failed: migrations", "failed: static", "301"]
    assert "bi-mat" not in done.stdout and "127.0.0.1" not in done.stdout


@pytest.fixture
def log_lines():
    """The lines the console handler of settings.LOGGING writes, with its filter and format."""
    config = django_settings.LOGGING
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(logging.Formatter(config["formatters"]["line"]["format"]))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: stream.getvalue().splitlines()
    root.removeHandler(handler)


def test_a_request_log_line_carries_time_level_logger_request_id_and_user(officer_client, log_lines):
    response = officer_client.get("/communes/999999/")
    assert response.status_code == 404
    request_id = response["X-Request-ID"]
    line = next(line for line in log_lines() if "Not Found" in line)
    assert re.fullmatch(rf"\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d,\d{{3}} WARNING django\.request \[{request_id} canbo\] "
                        r"Not Found: /communes/999999/", line), line


def test_a_line_written_inside_a_view_carries_the_request_id(db, settings, tmp_path, log_lines):
    settings.MEDIA_ROOT = tmp_path / "not-a-folder"
    settings.MEDIA_ROOT.write_text("x")
    response = Client().get("/healthz", HTTP_X_REQUEST_ID="nginx-5f2c8a9e01")
    assert response["X-Request-ID"] == "nginx-5f2c8a9e01"
    assert any(" ERROR xaso.health [nginx-5f2c8a9e01 -] healthz: the media check failed" in line for line in log_lines())


@pytest.mark.parametrize("given", ["short", "a b c d e f g h", "x" * 65, "abc\nERROR forged line", "<script>1234</script>"])
def test_a_request_id_that_could_forge_a_log_line_is_replaced(db, given):
    response = Client().get("/healthz", HTTP_X_REQUEST_ID=given)
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_log_lines_outside_a_request_say_so(log_lines):
    logging.getLogger("xaso.test").warning("a command's line")
    assert any(line.endswith("WARNING xaso.test [- -] a command's line") for line in log_lines())
