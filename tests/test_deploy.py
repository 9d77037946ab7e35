"""What a province's IT officer installs: the pinned dependencies, the contrib/ files (checked by the tools that will
read them: systemd-analyze, nginx, gunicorn), the hashed static files, and a start that needs no POSIX-only module
(the demo on a Windows laptop)."""

import importlib.util
import os
import re
import shutil
import socket
import ssl
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
CONTRIB = ROOT / "contrib"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
BIN = Path(sys.executable).parent


def _bench_module(name: str):
    """A module of bench/, loaded from its file (bench/ is not on the path)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


serving = _bench_module("serving")  # the nginx site as the load bench puts it in front of gunicorn


def _tool(name: str, package: str) -> str:
    """The program, or a skip outside CI (a failure in CI, where scripts/system-deps installs it)."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not path:
        message = f"Không có {name}: cài gói Debian {package} (make test cài khi chạy với quyền root)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


# --- pinned installs ---------------------------------------------------------------------------------------------

def _pins(lock: str) -> dict[str, tuple[str, int]]:
    """name → (version, number of hashes) of a pip-compile lock."""
    pins, name = {}, None
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        if m := re.match(r"([A-Za-z0-9._-]+)==([^ \\]+)", line):
            name = canonicalize_name(m.group(1))
            pins[name] = (m.group(2), 0)
        elif name and line.strip().startswith("--hash=sha256:"):
            pins[name] = (pins[name][0], pins[name][1] + 1)
    return pins


@pytest.mark.parametrize("lock,requirements", [
    ("runtime.lock", PYPROJECT["dependencies"]),
    ("dev.lock", PYPROJECT["dependencies"] + PYPROJECT["optional-dependencies"]["dev"]),
])
def test_every_dependency_of_pyproject_is_pinned_and_hashed_in_the_lock(lock, requirements):
    pins = _pins(lock)
    for text in requirements:
        requirement = Requirement(text)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in pyproject.toml but not in requirements/{lock}: run `make lock`"
        version, hashes = pins[name]
        assert requirement.specifier.contains(version, prereleases=True), f"{name}=={version} outside {requirement}"
    assert all(hashes for _, hashes in pins.values()), "every pin carries its hashes"


def test_the_dev_lock_runs_the_versions_production_runs():
    runtime, dev, tools = _pins("runtime.lock"), _pins("dev.lock"), _pins("tools.lock")
    assert {name: runtime[name][0] for name in runtime} == {name: dev[name][0] for name in runtime}
    assert {name: dev[name][0] for name in tools if name in dev} == {name: v for name, (v, _) in tools.items() if name in dev}


def test_make_installs_only_from_the_locks(tmp_path):
    """`make -n` prints what `make demo` and `make test` would run in a fresh clone: every pip install either checks
    hashes against a lock or installs xaso itself without resolving anything."""
    make = _tool("make", "make")
    venv = tmp_path / "venv"
    for target in (".installed", ".dev-installed"):
        plan = subprocess.run([make, "-n", "-C", str(ROOT), f"VENV={venv}", f"{venv}/{target}"], capture_output=True,
                              text=True, check=True).stdout
        installs = [line for line in plan.splitlines() if "pip install" in line]
        assert installs, plan
        for line in installs:
            assert ("--require-hashes -r requirements/" in line) or ("--no-deps --no-build-isolation -e ." in line), line


def test_the_demo_without_the_scan_reader_says_what_to_install_and_goes_on(tmp_path):
    """`make demo` installs Tesseract when it can (root); otherwise it names the packages and the demo still starts."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "ls", "id", "env"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    (bin_dir / "id").unlink()
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")  # as a user without root, whoever runs the tests
    (bin_dir / "id").chmod(0o755)
    done = subprocess.run([str(bin_dir / "bash"), str(ROOT / "scripts" / "system-deps"), "--ocr"], capture_output=True,
                          text=True, env={"PATH": str(bin_dir)})
    assert done.returncode == 0, done.stderr
    assert "sudo apt-get install -y tesseract-ocr tesseract-ocr-vie" in done.stderr
    plan = subprocess.run([_tool("make", "make"), "-n", "-C", str(ROOT), "demo"], capture_output=True, text=True).stdout
    assert plan.index("scripts/system-deps --ocr") < plan.index("xaso demo")


# --- systemd, gunicorn, nginx --------------------------------------------------------------------------------------

def test_systemd_units_verify(tmp_path):
    """systemd-analyze reads each unit as systemd would, the programs they start included (here: this venv's)."""
    analyze = _tool("systemd-analyze", "systemd")
    units = sorted(CONTRIB.glob("xaso*.service")) + sorted(CONTRIB.glob("xaso*.timer"))
    assert {u.name for u in units} >= {"xaso.service", "xaso-worker.service", "xaso-remind.timer", "xaso-figures.timer",
                                       "xaso-clean-uploads.timer", "xaso-backup.timer"}
    for unit in units:
        text = unit.read_text().replace("/opt/xaso/venv/bin/", f"{BIN}/")
        (tmp_path / unit.name).write_text(text)
    done = subprocess.run([analyze, "verify", *sorted(map(str, tmp_path.iterdir()))], capture_output=True, text=True,
                          env={**os.environ, "SYSTEMD_LOG_LEVEL": "notice"})
    assert done.returncode == 0 and not done.stderr.strip() and not done.stdout.strip(), done.stdout + done.stderr
    for timer in tmp_path.glob("*.timer"):
        assert (tmp_path / timer.name.replace(".timer", ".service")).exists()
    assert "--keep" in (CONTRIB / "xaso-backup.service").read_text()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_config_serves_and_logs_the_request_id(tmp_path):
    """gunicorn with contrib/gunicorn.conf.py: the worker count follows the CPUs, and the access log line carries
    the request id the application's lines carry (a fresh data folder: /healthz answers 503, migrations missing)."""
    port = _free_port()
    env = {**os.environ, "XASO_BIND": f"127.0.0.1:{port}", "XASO_WORKERS": "1", "XASO_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "xaso.settings", "XASO_LOG_LEVEL": "CRITICAL"}
    env.pop("XASO_DATABASE_URL", None)
    printed = subprocess.run([BIN / "gunicorn", "--config", CONTRIB / "gunicorn.conf.py", "--print-config", "xaso.wsgi"],
                             capture_output=True, text=True, env={**env, "XASO_WORKERS": ""}, cwd=ROOT, check=True).stdout
    assert re.search(rf"^workers\s*= {min(2 * os.cpu_count() + 1, 12)}$", printed, re.M), printed
    assert re.search(r"^forwarded_allow_ips\s*= \['127.0.0.1', '::1'\]$", printed, re.M), printed
    server = subprocess.Popen([BIN / "gunicorn", "--config", CONTRIB / "gunicorn.conf.py", "xaso.wsgi"], env=env,
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"X-Request-ID": "probe-0123456789"})
        for _ in range(300):
            try:
                urllib.request.urlopen(request, timeout=5)
            except urllib.error.HTTPError as error:
                assert error.code == 503 and error.headers["X-Request-ID"] == "probe-0123456789"
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert re.search(r'"GET /healthz HTTP/1.1" 503 \d+ \d+ms rid=probe-0123456789 "Python-urllib', output), output


def test_nginx_site_parses(tmp_path):
    nginx = _tool("nginx", "nginx-light")
    conf = serving.nginx_site(tmp_path, _free_port(), _free_port(), "127.0.0.1:8000")
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
                          capture_output=True, text=True)
    assert done.returncode == 0 and "[warn]" not in done.stderr and "[emerg]" not in done.stderr, done.stderr


def test_nginx_upload_limit_matches_the_applications():
    site = (CONTRIB / "nginx-xaso.conf").read_text()
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", site).group(1))
    assert megabytes * 1024 * 1024 == django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # upload cap + 1 MB of form
    example = (CONTRIB / "xaso.env.example").read_text()
    assert f"XASO_MAX_UPLOAD_BYTES={django_settings.MAX_UPLOAD_BYTES}" in example


def test_through_nginx_static_is_cached_uploads_are_never_served_and_the_proxy_headers_arrive(live_server, tmp_path,
                                                                                          transactional_db):
    """nginx with the site in front of xaso: TLS, the request id and client address passed on, a hashed static
    file compressed with a long cache, /media/ refused by nginx itself, a body over the limit refused, one check at a
    time per address."""
    nginx = _tool("nginx", "nginx-light")
    https_port, http_port = _free_port(), _free_port()
    conf = serving.nginx_site(tmp_path, https_port, http_port, live_server.url.removeprefix("http://"))
    server = subprocess.Popen([nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    context = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
    context.check_hostname = False

    def get(path, **headers):
        request = urllib.request.Request(f"https://127.0.0.1:{https_port}{path}", headers=headers)
        try:
            return urllib.request.urlopen(request, context=context, timeout=10)
        except urllib.error.HTTPError as error:
            return error

    try:
        for _ in range(100):
            try:
                health = get("/healthz")
                break
            except urllib.error.URLError:
                time.sleep(0.05)
        assert (health.status, health.read()) == (200, b"ok\n")
        assert re.fullmatch(r"[0-9a-f]{32}", health.headers["X-Request-ID"])  # nginx's $request_id, kept by xaso
        login = get("/login/").read().decode()
        css = re.search(r'href="(/static/xaso/app\.[0-9a-f]{12}\.css)"', login).group(1)
        static = get(css, **{"Accept-Encoding": "gzip"})
        assert static.status == 200 and static.headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in static.headers["Cache-Control"]
        assert get("/media/evidence/bien-ban.pdf").status == 404
        plain = socket.create_connection(("127.0.0.1", http_port))
        plain.sendall(b"GET /login/ HTTP/1.0\r\nHost: xaso.example.gov.vn\r\n\r\n")
        assert plain.recv(200).startswith(b"HTTP/1.1 301")
        plain.close()
        big = urllib.request.Request(f"https://127.0.0.1:{https_port}/login/", data=b"x" * (22 * 1024 * 1024))
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(big, context=context, timeout=30)
        assert refused.value.code == 413
        # a check being sent (its body not all there yet) holds this address's one place on the check page: a
        # second check from the same address is told to come back, the rest of the site answers as usual
        held = context.wrap_socket(socket.create_connection(("127.0.0.1", https_port)))
        held.sendall(b"POST /check/ HTTP/1.1\r\nHost: xaso.example.gov.vn\r\nContent-Length: 100000\r\n\r\nx")
        time.sleep(0.3)
        second = urllib.request.Request(f"https://127.0.0.1:{https_port}/check/", data=b"document=")
        with pytest.raises(urllib.error.HTTPError) as busy:
            urllib.request.urlopen(second, context=context, timeout=10)
        assert busy.value.code == 429
        assert get("/login/").status == 200
        held.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


# --- static files ------------------------------------------------------------------------------------------------

def test_pages_link_hashed_static_files_served_compressed_with_a_long_cache(db):
    page = Client().get("/login/").content.decode()
    css = re.search(r'href="(/static/xaso/app\.([0-9a-f]{12})\.css)"', page)
    assert css, "the stylesheet's name carries its content hash"
    response = Client().get(css.group(1), HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200 and response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    import gzip

    body = gzip.decompress(b"".join(response.streaming_content))
    assert body == (ROOT / "xaso" / "static" / "xaso" / "app.css").read_bytes()


# --- Windows: no POSIX-only module on the start path, a portable writer lock --------------------------------------

POSIX_ONLY = ["fcntl", "pwd", "grp", "resource", "termios", "tty", "pty", "syslog", "crypt", "spwd", "nis", "posix_ipc"]
WITHOUT_POSIX = """
import importlib.abc, sys, traceback
BLOCKED = set(sys.argv[1].split(","))
loaded = BLOCKED & set(sys.modules)
assert not loaded, f"already loaded at start: {loaded}"
xaso_asked = []

class WindowsLacks(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            importer = sys._getframe(1)
            while importer and importer.f_globals.get("__name__", "").startswith(("importlib", "_frozen")):
                importer = importer.f_back
            if importer and importer.f_globals.get("__name__", "").split(".")[0] == "xaso":
                xaso_asked.append(f"{importer.f_globals['__name__']} imports {name}")
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, WindowsLacks())
import runpy, warnings
warnings.simplefilter("ignore")
sys.argv = ["xaso", "--help"]
try:
    runpy.run_module("xaso", run_name="__main__")
except SystemExit as exit:
    assert not exit.code, exit.code
import django
django.setup()
import xaso.cli, xaso.wsgi
from django.db import connection, transaction
with transaction.atomic():
    connection.cursor().execute("CREATE TABLE written_on_windows (x integer)")
print("writer lock:", type(connection._file_turn or __import__("xaso.sqlite.base", fromlist=["x"]).file_turn(connection.settings_dict["NAME"])).__name__)
print("xaso imports:", xaso_asked)
"""


def test_the_start_path_needs_no_posix_only_module(tmp_path):
    """As on Windows, where fcntl, pwd, resource… do not exist: `xaso --help`, Django's setup with xaso's settings,
    the WSGI application and a write through the SQLite backend all work, and no xaso module asks for one."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "xaso.settings", "XASO_DATA_DIR": str(tmp_path)}
    env.pop("XASO_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-c", WITHOUT_POSIX, ",".join(POSIX_ONLY)], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "xaso — quản lý kế hoạch" in done.stdout
    assert "xaso imports: []" in done.stdout, done.stdout
    assert "writer lock: SoftFileLock" in done.stdout, done.stdout  # filelock's own fallback, without flock


HOLDER = """
import sys
from xaso.sqlite.base import file_turn
turn = file_turn(sys.argv[1])
turn.acquire()
print("held", flush=True)
sys.stdin.readline()
turn.release()
"""


@pytest.fixture
def own_sqlite(django_db_blocker):
    """These tests open SQLite files of their own, not the database under test."""
    with django_db_blocker.unblock():
        yield


def _sqlite_connection(path: Path):
    """A connection of xaso's SQLite backend to its own file, apart from the database under test."""
    from django.db.utils import ConnectionHandler

    from xaso.settings import database_from_url

    return ConnectionHandler({"default": database_from_url(f"sqlite:///{path}")})["default"]


def test_processes_take_turns_on_the_writer_lock(tmp_path, monkeypatch, own_sqlite):
    """While another process holds the database's writer turn, a write here waits (and gives up after
    WAIT_SECONDS with SQLite's own message); once it is released the write goes through."""
    from django.db import OperationalError

    from xaso.sqlite import base

    monkeypatch.setattr(base, "WAIT_SECONDS", 0.5)
    database = tmp_path / "turns.sqlite3"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(database)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    assert holder.stdout.readline().strip() == "held"
    connection = _sqlite_connection(database)
    connection.ensure_connection()
    started = time.monotonic()
    with pytest.raises(OperationalError, match="database is locked"):
        connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    assert 0.5 <= time.monotonic() - started < 5
    assert not base._THREAD_TURN.locked()  # a refused turn leaves nothing held
    holder.communicate("\n", timeout=10)
    connection.set_autocommit(True)
    connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
    connection.cursor().execute("CREATE TABLE t (x integer)")
    connection.commit()
    connection.set_autocommit(True)
    assert not base._THREAD_TURN.locked()
    connection.close()


def test_threads_take_turns_one_writer_at_a_time(tmp_path, own_sqlite):
    """Four threads, each with its own connection, each incrementing one counter 25 times in a read-then-write
    transaction: no increment is lost and no two transactions overlap."""
    import threading

    database = tmp_path / "threads.sqlite3"
    first = _sqlite_connection(database)
    first.cursor().execute("CREATE TABLE counter (n integer)")
    first.cursor().execute("INSERT INTO counter VALUES (0)")
    first.close()
    inside, overlaps, errors = [], [], []

    def worker(index):
        connection = _sqlite_connection(database)
        try:
            for _ in range(25):
                connection.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)
                inside.append(index)
                if len(inside) > 1:
                    overlaps.append(tuple(inside))
                with connection.cursor() as cursor:
                    cursor.execute("SELECT n FROM counter")
                    (n,) = cursor.fetchone()
                    time.sleep(0.001)
                    cursor.execute("UPDATE counter SET n = %s", [n + 1])
                inside.remove(index)
                connection.commit()
                connection.set_autocommit(True)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors and not overlaps
    last = _sqlite_connection(database)
    with last.cursor() as cursor:
        cursor.execute("SELECT n FROM counter")
        assert cursor.fetchone() == (100,)
    last.close()
