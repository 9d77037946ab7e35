"""The `xaso` command as a new user runs it."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from django.core.management import call_command

from xaso.core import areas
from xaso.plans.models import Plan, Province


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_xaso_demo_migrates_loads_data_prints_a_login_and_serves(tmp_path):
    port = _free_port()
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path), "PYTHONUNBUFFERED": "1"}
    env.pop("XASO_DATABASE_URL", None)  # the demo is the embedded SQLite
    proc = subprocess.Popen([sys.executable, "-m", "xaso", "demo", f"127.0.0.1:{port}"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            lines.append(line)
            if "Mở trình duyệt" in line or not line:
                break
        output = "".join(lines)
        assert re.search(r"tài khoản: admin\s+mật khẩu: \S+", output), output
        assert re.search(r"mật khẩu chung: \S+", output) and "canbo.xa" in output and "baocao.donvi" in output
        assert (tmp_path / "xaso.sqlite3").exists()
        for _ in range(100):
            try:
                body = urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        assert "Đăng nhập" in body
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/xaso/app.css", timeout=5)
        assert css.status == 200
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.mark.django_db
def test_demo_data_builds_a_realistic_province():
    call_command("demo_data", communes=3, year=2026)
    province = Province.objects.get()
    assert province.communes.count() >= 3
    for plan in Plan.objects.filter(commune__province=province):
        assert plan.indicators.count() >= 15 and plan.tasks.count() >= 20
        assert {t.area for t in plan.tasks.all()} == {code for code, _ in areas.AREAS} - {areas.OTHER}
        assert all(t.lead_unit_id for t in plan.tasks.all())


@pytest.mark.django_db
def test_demo_data_is_idempotent():
    call_command("demo_data", communes=3, year=2026)
    call_command("demo_data", communes=3, year=2026)
    assert Plan.objects.count() == 3


def test_xaso_help_is_vietnamese():
    result = subprocess.run([sys.executable, "-m", "xaso", "--help"], capture_output=True, text=True, check=True)
    assert "tạo CSDL SQLite" in result.stdout
