"""The `xaso` command as a new user runs it."""

import http.cookiejar
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.core.management import call_command

from xaso import cli
from xaso.core import areas
from xaso.plans.models import Plan, Province


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# `xaso demo` is the embedded SQLite whatever XASO_DATABASE_URL says: the PostgreSQL pass would run it again alike.
embedded = pytest.mark.skipif(bool(os.environ.get("XASO_DATABASE_URL")),
                              reason="the demo is the embedded SQLite: runs in the SQLite pass")


class Demo:
    """`python -m xaso demo ADDRESS` in a fresh data folder, as `make demo` runs it; stopped when the test ends."""

    def __init__(self, data_dir, *args):
        self.port = _free_port()
        env = {**os.environ, "XASO_DATA_DIR": str(data_dir), "PYTHONUNBUFFERED": "1"}
        env.pop("XASO_DATABASE_URL", None)  # the demo is the embedded SQLite
        self.proc = subprocess.Popen([sys.executable, "-m", "xaso", "demo", f"127.0.0.1:{self.port}", *args], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        lines = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            lines.append(line)
            if "Mở trình duyệt" in line or not line:
                break
        self.output = "".join(lines)
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.url}/login/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        return self

    def __exit__(self, *exc):
        self.proc.terminate()
        self.proc.wait(timeout=60)  # the server, then its worker: seconds on a machine busy with other tests

    def logs_in(self, username, password) -> bool:
        """The login form, as a browser sends it (CSRF cookie and token); True when it lets the person in."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        form = opener.open(f"{self.url}/login/", timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        data = urllib.parse.urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token})
        page = opener.open(urllib.request.Request(f"{self.url}/login/", data.encode(), headers={"Referer": f"{self.url}/login/"}),
                           timeout=10)
        self.landed = page.geturl()  # where the password led: home, or the second factor's setup (admin, province)
        return f"Đăng xuất ({username})" in page.read().decode()


def _cmdline(pid) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _children(parent: int, word: str) -> list[int]:
    """The processes `parent` started whose command line holds `word` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if ppid == parent and word in _cmdline(stat.parent.name).split():
            found.append(int(stat.parent.name))
    return found


def _passwords(output):
    admin = re.search(r"tài khoản: admin\s+mật khẩu: (\S+)", output)
    shared = re.search(r"mật khẩu chung: (\S+)\)", output)
    return admin and admin.group(1), shared and shared.group(1)


@embedded
def test_xaso_demo_migrates_loads_data_prints_a_login_and_serves(tmp_path):
    with Demo(tmp_path) as demo:
        admin, shared = _passwords(demo.output)
        assert admin and shared and "canbo.xa" in demo.output and "baocao.donvi" in demo.output, demo.output
        assert (tmp_path / "xaso.sqlite3").exists()
        assert "Đăng nhập" in urllib.request.urlopen(f"{demo.url}/login/", timeout=5).read().decode()
        assert urllib.request.urlopen(f"{demo.url}/static/xaso/app.css", timeout=5).status == 200
        assert demo.logs_in("canbo.xa", shared) and demo.landed == f"{demo.url}/"
        assert demo.logs_in("admin", admin) and demo.landed.startswith(f"{demo.url}/login/code/setup/")
        assert "cài đặt xác thực hai bước ở lần đăng nhập đầu" in demo.output
        assert "Starting development server" not in demo.output and "WARNING" not in demo.output
        workers = _children(demo.proc.pid, "worker")
        assert len(workers) == 1, "`xaso worker` runs beside the demo server (the web import is read there)"
        with sqlite3.connect(tmp_path / "xaso.sqlite3") as db:  # the rate limits' shared table, made by migrate
            assert db.execute("SELECT name FROM sqlite_master WHERE name = 'accounts_ratecount'").fetchone()
    assert "worker" not in _cmdline(workers[0]), "the worker stopped with the server"


@embedded
def test_running_the_demo_again_keeps_the_passwords_unless_asked(tmp_path):
    with Demo(tmp_path) as first:
        admin, shared = _passwords(first.output)
    with Demo(tmp_path) as again:
        assert _passwords(again.output) == (None, None), again.output
        assert "mật khẩu giữ nguyên: admin, quocgia, canbo.tinh, lanhdao.tinh, canbo.xa, lanhdao.xa, baocao.donvi" in again.output
        assert "xaso demo --reset-passwords" in again.output
        assert again.logs_in("canbo.xa", shared) and again.logs_in("admin", admin)
    with Demo(tmp_path, "--reset-passwords") as reset:
        new_admin, new_shared = _passwords(reset.output)
        assert new_admin not in (None, admin) and new_shared not in (None, shared), reset.output
        assert reset.logs_in("canbo.xa", new_shared) and reset.logs_in("admin", new_admin)
        assert not reset.logs_in("lanhdao.xa", shared)


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_a_busy_port_is_explained_before_anything_else(tmp_path, command):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "XASO_DATA_DIR": str(tmp_path)}
        result = subprocess.run([sys.executable, "-m", "xaso", command, f"127.0.0.1:{port}"], capture_output=True,
                                text=True, env=env, timeout=60)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"Cổng {port} trên 127.0.0.1 đang có chương trình khác dùng"), result.stderr
    suggested = re.search(rf"\n  xaso {command} 127\.0\.0\.1:(\d+)\n$", result.stderr)
    assert suggested and int(suggested.group(1)) != port
    assert list(tmp_path.iterdir()) == []  # nothing migrated, no key written


def test_demo_help_only_helps(tmp_path):
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "xaso", "demo", "--help"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.startswith("Cách dùng: xaso demo [-h] [--reset-passwords] [ĐỊA_CHỈ:CỔNG]")
    assert "xaso demo 127.0.0.1:8001" in result.stdout and "Lần chạy đầu in mật khẩu" in result.stdout
    assert list(tmp_path.iterdir()) == []


ARGPARSE_ENGLISH = re.compile(r"usage:|positional arguments|options:|show this help|Verbosity level|--settings|--traceback")


@pytest.mark.parametrize("command", re.findall(r"^\s+xaso ([a-z-]+)", cli.USAGE, re.M)[:-1])
def test_every_command_helps_in_vietnamese(command, capsys):
    """The words argparse and Django add are Vietnamese, and so are the placeholders ("--commune XÃ")."""
    with pytest.raises(SystemExit) as stopped:
        cli.main([command, "--help"])
    out = capsys.readouterr().out
    assert stopped.value.code == 0 and out.startswith(f"Cách dùng: xaso {command}"), out
    assert "Tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out and not ARGPARSE_ENGLISH.search(out), out
    placeholders = set(re.findall(r"-[\w-]+ ([A-Z_]{2,})(?![\w])", out))
    assert placeholders <= {"EMAIL"}, placeholders


@pytest.mark.parametrize("argv,said", [
    (["demo", "abc"], "xaso demo: lỗi: ĐỊA_CHỈ:CỔNG: “abc” không phải địa chỉ máy chủ"),
    (["demo", "127.0.0.1:70000"], "cổng từ 1 đến 65535, ví dụ 127.0.0.1:8001"),
    (["demo", "127.0.0.1:0"], "“127.0.0.1:0” không phải địa chỉ máy chủ"),
    (["demo", "--reset"], "xaso demo: lỗi: không hiểu tham số: --reset"),
    (["serve", "1", "2"], "xaso serve: lỗi: không hiểu tham số: 2"),
    (["demo-data", "--communes"], "xaso demo-data: lỗi: tùy chọn --communes cần một giá trị"),
    (["demo-data", "--communes", "ba"], "xaso demo-data: lỗi: --communes: giá trị 'ba' không hợp lệ"),
    (["report", "--format", "odt"], "xaso report: lỗi: --format: không có lựa chọn 'odt' (chọn một trong: 'docx', 'pdf', 'xlsx')"),
    (["check"], "xaso check: lỗi: thiếu tham số: ĐƯỜNG_DẪN"),
])
def test_a_mistyped_command_line_is_answered_in_vietnamese(argv, said, capsys):
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and said in err and err.startswith("Cách dùng: "), err


def test_an_unknown_command_is_named(capsys):
    assert cli.main(["nhap"]) == 2
    assert capsys.readouterr().err == "Không có lệnh “nhap”. Xem các lệnh: xaso --help\n"


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


@pytest.mark.parametrize("argv,said", [
    (["check", "{tmp}"], "Lỗi: Không mở được “{tmp}”: đây là một thư mục, không phải tệp"),
    (["check", "{tmp}/khong-co.docx"], "Lỗi: Không mở được tệp “khong-co.docx”: tệp không tồn tại"),
    (["report", "--commune", "Yên Lập", "--period", "2026", "--format", "xlsx", "-o", "{tmp}/chua-tao/bao-cao.xlsx"],
     "Lỗi: không mở được “{tmp}/chua-tao/bao-cao.xlsx”: không có tệp hay thư mục này"),
    (["backup", "{tmp}/chua-tao/sao-luu.tar.gz"], "Lỗi: Thư mục “{tmp}/chua-tao” không tồn tại"),
    (["restore", "{tmp}/khong-co.tar.gz"], "Lỗi: “{tmp}/khong-co.tar.gz” không phải tệp sao lưu của xaso"),
])
def test_a_path_that_cannot_be_used_is_answered_in_vietnamese(plan, tmp_path, capsys, argv, said):
    """A folder given for a file, a folder that does not exist: a Vietnamese sentence naming the path, exit 2."""
    try:
        code = cli.run_command(argv[0], [a.format(tmp=tmp_path) for a in argv[1:]])
    except SystemExit as stopped:  # `xaso check` exits itself (0, 1 or 2)
        code = stopped.code
    out = capsys.readouterr()
    assert code == 2 and said.format(tmp=tmp_path) in out.err, out
    assert "Traceback" not in out.err + out.out and "Errno" not in out.err
