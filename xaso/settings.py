"""xaso settings: one module, read from XASO_* environment variables with safe defaults.

Production differs from the demo only by environment variables (see README).
"""

from __future__ import annotations

import os
import re
import secrets
from datetime import timedelta
from email.utils import getaddresses
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def envbool(name: str, default: str = "false") -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ImproperlyConfigured(f"{name}: expected true or false, got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}: expected a whole number, got {value!r}") from None


def envurl(name: str) -> str:
    """An http(s) address without its trailing slash, or "" when unset."""
    value = os.environ.get(name, "").strip().rstrip("/")
    parsed = urlparse(value)
    if value and (parsed.scheme not in ("http", "https") or not parsed.netloc):
        raise ImproperlyConfigured(f"{name}: expected an address such as https://xaso.example.gov.vn, got {value!r}")
    return value


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("XASO_DATA_DIR") or BASE_DIR.parent / "data").resolve()


def envfile(name: str, default: str = "") -> str:
    """NAME, or the content of the file named by NAME_FILE: a secret kept out of the environment (a file readable
    by the service only, systemd's LoadCredential)."""
    path = os.environ.get(f"{name}_FILE")
    if not path:
        return os.environ.get(name, default)
    if os.environ.get(name):
        raise ImproperlyConfigured(f"{name} and {name}_FILE are both set: keep one")
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError as error:
        raise ImproperlyConfigured(f"{name}_FILE: cannot read {path} ({error.strerror})") from None


def envsecret(name: str, keep_in: Path) -> str:
    """The secret from the environment (or NAME_FILE), else one generated on first run and kept in DATA_DIR."""
    value = envfile(name)
    if value:
        return value
    if keep_in.exists():
        return keep_in.read_text().strip()
    keep_in.parent.mkdir(parents=True, exist_ok=True)
    value = secrets.token_urlsafe(50)
    fd = os.open(keep_in, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(value)
    return value


def database_from_url(url: str) -> dict:
    """sqlite:////absolute/file.sqlite3 (sqlite:///relative) or postgres://user:password@host:port/name."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.netloc + parsed.path)[1:] or ":memory:"
        return {
            "ENGINE": "xaso.sqlite",  # Django's, writers queued per process (xaso/sqlite/base.py)
            "NAME": path,
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
            # Tests use a file too, so that concurrent writers meet the same WAL locking as in production
            # (an in-memory database shares one cache and fails at once instead of waiting).
            "TEST": {"NAME": str(DATA_DIR / "test.sqlite3")},
        }
    if parsed.scheme in ("postgres", "postgresql"):
        options = {key: values[-1] for key, values in parse_qs(parsed.query, keep_blank_values=True).items()
                   if values[-1] or key == "prepare_threshold"}
        # Parameters bound by the server, and a statement prepared on its fifth run on a connection: the statements
        # of a report save and of a page are then neither parsed nor planned again (bench/load_bench.py, alternating
        # with prepare_threshold off: 229 and 294 → 360 and 330 saves/s). `?prepare_threshold=` (empty) binds on the
        # client and prepares nothing, as a pooler in transaction mode that keeps no prepared statements needs
        # (PgBouncer before 1.22, or its max_prepared_statements at 0).
        threshold = options.pop("prepare_threshold", "5")
        if threshold:
            if not threshold.isdigit():
                raise ImproperlyConfigured(f"XASO_DATABASE_URL: prepare_threshold expects a whole number or nothing, "
                                           f"got {threshold!r}")
            options.update(server_side_binding=True, prepare_threshold=int(threshold))
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": envint("XASO_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(f"XASO_DATABASE_URL: unsupported scheme {parsed.scheme!r} (sqlite:// or postgres://)")


DEBUG = envbool("XASO_DEBUG")
SECRET_KEY = envsecret("XASO_SECRET_KEY", DATA_DIR / "secret_key")
ALLOWED_HOSTS = envlist("XASO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("XASO_CSRF_TRUSTED_ORIGINS", "")

DATABASES = {
    "default": database_from_url(
        envfile("XASO_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'xaso.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "xaso.plans",
    "xaso.tracking",
    "xaso.accounts",
    "xaso.reports",
    "xaso.search",
    "xaso.jobs",
    "xaso.evaluation",  # issue 15 item 5: the province's commune evaluation index
]

MIDDLEWARE = [
    "xaso.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "xaso.accounts.middleware.SessionDeviceMiddleware",  # django-otp's, its device read with the user
    "xaso.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    "xaso.headers.security_headers",  # CSP and Cache-Control on every page and download
]

# xaso.accounts.backends.UserBackend: Django's ModelBackend, the session's user read with its role in one query.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "xaso.accounts.backends.UserBackend"]

# Who is asking and how often (xaso.accounts): the client's address, login lock-out, the second factor, rate limits.
# Behind XASO_PROXY_COUNT reverse proxies (nginx: 1) the client's address is the one the nearest proxies appended to
# X-Forwarded-For; without proxies the header is the client's own words and is never read.
PROXY_COUNT = envint("XASO_PROXY_COUNT", 0)
# After XASO_LOGIN_ATTEMPTS failures for one user name from one address, that pair waits XASO_LOGIN_LOCK_MINUTES;
# a success clears the count (django-axes, reading the address from xaso.accounts.addresses).
AXES_FAILURE_LIMIT = envint("XASO_LOGIN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("XASO_LOGIN_LOCK_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "xaso.accounts.addresses.client_address"
AXES_VERBOSE = False
# A six-digit code from an authenticator app (django-otp, TOTP) after the password: required for province officers,
# province leaders and administrators (xaso.plans.access.must_use_second_factor), optional for everyone else.
OTP_TOTP_ISSUER = "xaso"


def envrate(name: str, default: str) -> str:
    value = os.environ.get(name, default).strip()
    if not re.fullmatch(r"[1-9]\d*/[smhd]", value):
        raise ImproperlyConfigured(f"{name}: expected a rate such as 20/h (a count, then s, m, h or d), got {value!r}")
    return value


# API requests per user (key or session), and documents checked per address on the public check page.
API_RATE = envrate("XASO_API_RATE", "600/m")
CHECK_RATE = envrate("XASO_CHECK_RATE", "30/h")

ROOT_URLCONF = "xaso.urls"
WSGI_APPLICATION = "xaso.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "xaso.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = os.environ.get("XASO_TIME_ZONE", "Asia/Ho_Chi_Minh")
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["xaso.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("XASO_MEDIA_DIR") or DATA_DIR / "media")
# Hashed, compressed copies made by collectstatic (`xaso demo`, `xaso serve`, the production steps); WhiteNoise
# serves the hashed names with a ten-year cache.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Upload limits (bytes): documents are read in memory, so the cap protects the server.
MAX_UPLOAD_BYTES = envint("XASO_MAX_UPLOAD_BYTES", 20 * 1024 * 1024)
MAX_PDF_PAGES = envint("XASO_MAX_PDF_PAGES", 500)
# Reading a document a user gives (check page, import page and API, `xaso check`/`import`) runs in a child process
# stopped past this much CPU time and memory (xaso/documents/sandbox.py); on Windows, in-process with the readers'
# limits only.
READ_CPU_SECONDS = envint("XASO_READ_CPU_SECONDS", 30)
READ_MEMORY_MB = envint("XASO_READ_MEMORY_MB", 1024)
# Background jobs (xaso/jobs): a read that reports its pages (a scan's OCR) gets this much more CPU per page; a job
# whose worker has not beaten for JOB_LEASE_SECONDS is taken over by another worker.
READ_CPU_SECONDS_PER_PAGE = envint("XASO_READ_CPU_SECONDS_PER_PAGE", 10)
JOB_LEASE_SECONDS = envint("XASO_JOB_LEASE_SECONDS", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Word templates of reports: a folder with progress_report.docx / plan_draft.docx replacing the built-in ones.
REPORT_TEMPLATES = os.environ.get("XASO_REPORT_TEMPLATES", "")

# Mail: through the SMTP server XASO_EMAIL_HOST when set, else printed on the console (the demo).
EMAIL_HOST = os.environ.get("XASO_EMAIL_HOST", "")
EMAIL_PORT = envint("XASO_EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("XASO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = envfile("XASO_EMAIL_PASSWORD")
EMAIL_USE_TLS, EMAIL_USE_SSL = envbool("XASO_EMAIL_USE_TLS"), envbool("XASO_EMAIL_USE_SSL")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("XASO_EMAIL_USE_TLS and XASO_EMAIL_USE_SSL are both true: use TLS (STARTTLS, port 587) "
                               "or SSL (port 465), not both")
EMAIL_TIMEOUT = 30
EMAIL_BACKEND = os.environ.get("XASO_EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = SERVER_EMAIL = os.environ.get("XASO_FROM_EMAIL", "xaso@localhost")


def envadmins(name: str) -> list[tuple[str, str]]:
    """"Name <mail>, Name <mail>" → Django's ADMINS, who receive every server error by mail."""
    value = os.environ.get(name, "").strip()
    admins = getaddresses([value]) if value else []
    for person, address in admins:
        if "@" not in address:
            raise ImproperlyConfigured(f"{name}: expected “Name <mail@example.gov.vn>, …”, got {person or address!r}")
    return admins


ADMINS = envadmins("XASO_ADMINS")
# The address users open xaso at, for the links in notification e-mails (none without it).
SITE_URL = envurl("XASO_SITE_URL")

# Served over HTTPS behind a reverse proxy (README, production): secure cookies, HSTS, redirect to https.
HTTPS = envbool("XASO_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_AGE = envint("XASO_SESSION_HOURS", 12) * 3600
# Joining the browsers' HSTS preload list binds the whole domain for years: the domain owner's decision.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# One line per record on stderr (journald keeps it): time, level, logger, request id, user, message.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request": {"()": "xaso.logs.RequestContextFilter"}},
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(user)s] %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["request"], "formatter": "line"}},
    "root": {"handlers": ["console"], "level": os.environ.get("XASO_LOG_LEVEL", "WARNING")},
}

NINJA_PAGINATION_PER_PAGE = 50
NINJA_MAX_PER_PAGE_SIZE = 500
