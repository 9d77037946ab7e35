"""What the load and fault scripts share: a database with reporters, and the production servers on 127.0.0.1 (gunicorn
with contrib/gunicorn.conf.py, nginx with contrib/nginx-xaso.conf in front; tests/test_deploy.py checks the same files)."""

import os
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CONTRIB = ROOT / "contrib"


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
        parsed = urlparse(url)
        with psycopg.connect(parsed._replace(query="").geturl(), autocommit=True) as conn:  # xaso's options are not libpq's
            conn.execute(f'CREATE DATABASE "{name}"')
        env["XASO_DATABASE_URL"] = parsed._replace(path="/" + name).geturl()  # its options (?prepare_threshold=…) kept
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


def start_server(env, port: int) -> subprocess.Popen:
    """gunicorn as production runs it: contrib/gunicorn.conf.py (its worker class and count, its access log) on
    127.0.0.1:port. Its log, errors with tracebacks included, goes to server_log(env)."""
    log = open(server_log(env), "a")
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(CONTRIB / "gunicorn.conf.py"), "xaso.wsgi"],
        env={**env, "XASO_BIND": f"127.0.0.1:{port}", "XASO_LOG_LEVEL": "ERROR"}, cwd=ROOT, stdout=log, stderr=log,
        start_new_session=True)
    _wait(server, f"http://127.0.0.1:{port}/login/", server_log(env))
    return server


def workers(server: subprocess.Popen) -> int:
    """How many worker processes the gunicorn master started (its children, as Linux lists them)."""
    return len(Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split())


def start_front(env, port: int, upstream: int) -> subprocess.Popen:
    """nginx with contrib/nginx-xaso.conf in front of the server on `upstream`, as production: TLS on 127.0.0.1:port
    (a certificate of its own, made for the run). Clients connect with `front_context(env)`."""
    folder = Path(env["XASO_DATA_DIR"]) / "nginx"
    folder.mkdir(exist_ok=True)
    conf = nginx_site(folder, port, free_port(), f"127.0.0.1:{upstream}")
    nginx = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin:/usr/bin")
    if not nginx:
        raise RuntimeError("nginx is missing: install Debian's nginx-light (scripts/system-deps does)")
    front = subprocess.Popen([nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    _wait(front, f"https://127.0.0.1:{port}/login/", folder / "error.log", context=front_context(env))
    return front


def front_context(env) -> ssl.SSLContext:
    """Trusts the run's own certificate (made for xaso.example.gov.vn, reached at 127.0.0.1)."""
    context = ssl.create_default_context(cafile=str(Path(env["XASO_DATA_DIR"]) / "nginx" / "cert.pem"))
    context.check_hostname = False
    return context


def _wait(process: subprocess.Popen, url: str, log: Path, context=None):
    """Until `url` answers; else the process group is killed and the end of its `log` told."""
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=1, context=context)
            return
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, 9)
    raise RuntimeError(f"{url} did not answer: " + (log.read_text()[-2000:] if log.exists() else ""))


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate and its key, written into `folder`."""
    from datetime import datetime, timedelta, timezone

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "xaso.example.gov.vn")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now).not_valid_after(now + timedelta(days=1))
            .sign(key, hashes.SHA256()))
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (folder / "key.pem").write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                       serialization.NoEncryption()))
    return folder / "cert.pem", folder / "key.pem"


def nginx_site(folder: Path, https_port: int, http_port: int, upstream: str) -> Path:
    """contrib/nginx-xaso.conf in a minimal nginx.conf of its own: ports, certificate and log paths moved to
    `folder`, the upstream pointed at `upstream`; nothing else changed."""
    cert, key = certificate(folder)
    site = (CONTRIB / "nginx-xaso.conf").read_text()
    for old, new in [("/etc/ssl/xaso/fullchain.pem", str(cert)), ("/etc/ssl/xaso/privkey.pem", str(key)),
                     ("/var/log/nginx/", f"{folder}/"), ("server 127.0.0.1:8000;", f"server {upstream};"),
                     ("listen 443 ssl", f"listen 127.0.0.1:{https_port} ssl"), ("listen 80;", f"listen 127.0.0.1:{http_port};")]:
        assert old in site, f"contrib/nginx-xaso.conf no longer says {old!r}"
        site = site.replace(old, new)
    site = "\n".join(line for line in site.splitlines() if "listen [::]" not in line)  # a container may lack IPv6
    (folder / "site.conf").write_text(site)
    conf = folder / "nginx.conf"
    temp = "\n".join(f"    {kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    conf.write_text(textwrap.dedent(f"""\
        pid {folder}/nginx.pid;
        error_log {folder}/error.log;
        daemon off;
        worker_processes auto;
        events {{}}
        http {{
        {temp}
            access_log {folder}/access.log;
            include {folder}/site.conf;
        }}
        """))
    return conf
