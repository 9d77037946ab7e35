import pytest
from django.core.exceptions import ImproperlyConfigured

from xaso import settings as xs

URL_CASES = [
    ("sqlite:////tmp/x.sqlite3", "xaso.sqlite", "/tmp/x.sqlite3"),
    ("postgres://u:p%40ss@127.0.0.1:5433/xaso", "django.db.backends.postgresql", "xaso"),
    ("postgresql://u@localhost/db", "django.db.backends.postgresql", "db"),
]


@pytest.mark.parametrize("url,engine,name", URL_CASES)
def test_database_from_url(url, engine, name):
    db = xs.database_from_url(url)
    assert (db["ENGINE"], db["NAME"]) == (engine, name)


def test_postgres_url_reads_credentials():
    db = xs.database_from_url("postgres://u:p%40ss@127.0.0.1:5433/xaso")
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == ("u", "p@ss", "127.0.0.1", "5433")


@pytest.mark.parametrize("query, options", [
    ("", {"server_side_binding": True, "prepare_threshold": 5}),
    ("?prepare_threshold=2", {"server_side_binding": True, "prepare_threshold": 2}),
    ("?prepare_threshold=", {}),  # a pooler that cannot keep prepared statements: bound on the client
    ("?sslmode=require", {"server_side_binding": True, "prepare_threshold": 5, "sslmode": "require"}),
    ("?sslmode=", {"server_side_binding": True, "prepare_threshold": 5}),  # an empty option is no option
])
def test_postgres_statements_are_prepared_unless_the_url_says_not(query, options):
    assert xs.database_from_url(f"postgres://u@db/xaso{query}")["OPTIONS"] == options


def test_a_prepare_threshold_that_is_not_a_number_is_refused():
    with pytest.raises(ImproperlyConfigured, match="prepare_threshold"):
        xs.database_from_url("postgres://u@db/xaso?prepare_threshold=many")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout():
    db = xs.database_from_url("sqlite:////tmp/x.sqlite3")
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"] and db["OPTIONS"]["timeout"] >= 5


def test_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        xs.database_from_url("mysql://x/y")


@pytest.mark.parametrize("value,expected", [("1", True), ("true", True), ("off", False), ("", False)])
def test_envbool(monkeypatch, value, expected):
    monkeypatch.setenv("XASO_TEST_FLAG", value)
    assert xs.envbool("XASO_TEST_FLAG") is expected


def test_envbool_refuses_a_guess(monkeypatch):
    monkeypatch.setenv("XASO_TEST_FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured):
        xs.envbool("XASO_TEST_FLAG")


@pytest.mark.parametrize("value,expected", [("https://xaso.example.gov.vn/", "https://xaso.example.gov.vn"), ("", ""),
                                            ("http://10.0.0.5:8000", "http://10.0.0.5:8000")])
def test_envurl(monkeypatch, value, expected):
    monkeypatch.setenv("XASO_TEST_URL", value)
    assert xs.envurl("XASO_TEST_URL") == expected


@pytest.mark.parametrize("value", ["xaso.example.gov.vn", "ftp://xaso.example.gov.vn", "https://"])
def test_envurl_refuses_what_is_not_an_address(monkeypatch, value):
    monkeypatch.setenv("XASO_TEST_URL", value)
    with pytest.raises(ImproperlyConfigured):
        xs.envurl("XASO_TEST_URL")


def test_secret_is_generated_once_and_kept(tmp_path, monkeypatch):
    monkeypatch.delenv("XASO_TEST_SECRET", raising=False)
    first = xs.envsecret("XASO_TEST_SECRET", tmp_path / "secret")
    assert len(first) > 40 and xs.envsecret("XASO_TEST_SECRET", tmp_path / "secret") == first
    assert (tmp_path / "secret").stat().st_mode & 0o077 == 0


def test_debug_is_off_by_default(tmp_path):
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "XASO_DEBUG"} | {"XASO_DATA_DIR": str(tmp_path)}
    out = subprocess.run([sys.executable, "-c", "from xaso import settings; print(settings.DEBUG)"],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "False"


def _settings_in(tmp_path, env: dict, *names: str):
    """The named settings as a fresh process reads them from `env` (exit status, stdout lines, stderr)."""
    import os
    import subprocess
    import sys

    base = {k: v for k, v in os.environ.items() if not k.startswith("XASO_")} | {"XASO_DATA_DIR": str(tmp_path)}
    script = "from xaso import settings as s\nfor n in %r: print(repr(getattr(s, n)))" % (names,)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=base | env)
    return done.returncode, done.stdout.splitlines(), done.stderr


MAIL_CASES = [
    ({}, ["'django.core.mail.backends.console.EmailBackend'", "''", "25", "False", "False", "[]"]),
    ({"XASO_EMAIL_HOST": "mail.tinh.gov.vn", "XASO_EMAIL_PORT": "587", "XASO_EMAIL_USE_TLS": "true",
      "XASO_ADMINS": "Quản trị <qt@tinh.gov.vn>, Trực ban <tb@tinh.gov.vn>"},
     ["'django.core.mail.backends.smtp.EmailBackend'", "'mail.tinh.gov.vn'", "587", "True", "False",
      "[('Quản trị', 'qt@tinh.gov.vn'), ('Trực ban', 'tb@tinh.gov.vn')]"]),
    ({"XASO_EMAIL_HOST": "mail.tinh.gov.vn", "XASO_EMAIL_PORT": "465", "XASO_EMAIL_USE_SSL": "1"},
     ["'django.core.mail.backends.smtp.EmailBackend'", "'mail.tinh.gov.vn'", "465", "False", "True", "[]"]),
]


@pytest.mark.parametrize("env,expected", MAIL_CASES)
def test_mail_settings_come_from_the_environment(tmp_path, env, expected):
    code, lines, err = _settings_in(tmp_path, env, "EMAIL_BACKEND", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS",
                                    "EMAIL_USE_SSL", "ADMINS")
    assert code == 0, err
    assert lines == expected


def test_secrets_are_read_from_the_files_named_by_the_file_variables(tmp_path):
    secrets = {"XASO_SECRET_KEY": "khoa-bi-mat-" * 5, "XASO_EMAIL_PASSWORD": "mật khẩu thư",
               "XASO_DATABASE_URL": "postgres://xaso:p%40ss@db.tinh.gov.vn:5432/xaso"}
    env = {"XASO_EMAIL_USER": "xaso@tinh.gov.vn"}
    for name, value in secrets.items():
        (tmp_path / name).write_text(value + "\n")  # an editor's final newline is not part of the secret
        env[f"{name}_FILE"] = str(tmp_path / name)
    code, lines, err = _settings_in(tmp_path, env, "SECRET_KEY", "EMAIL_HOST_PASSWORD", "EMAIL_HOST_USER", "DATABASES")
    assert code == 0, err
    assert lines[:3] == [repr(secrets["XASO_SECRET_KEY"]), "'mật khẩu thư'", "'xaso@tinh.gov.vn'"]
    assert "'PASSWORD': 'p@ss'" in lines[3] and "'HOST': 'db.tinh.gov.vn'" in lines[3]


BAD_MAIL_CASES = [
    ({"XASO_EMAIL_USE_TLS": "true", "XASO_EMAIL_USE_SSL": "true"}, "XASO_EMAIL_USE_TLS and XASO_EMAIL_USE_SSL are both true"),
    ({"XASO_EMAIL_PASSWORD": "a", "XASO_EMAIL_PASSWORD_FILE": "/etc/hostname"}, "XASO_EMAIL_PASSWORD and XASO_EMAIL_PASSWORD_FILE are both set"),
    ({"XASO_SECRET_KEY_FILE": "/nonexistent/secret_key"}, "XASO_SECRET_KEY_FILE: cannot read /nonexistent/secret_key"),
    ({"XASO_ADMINS": "quantri"}, "XASO_ADMINS: expected “Name <mail@example.gov.vn>, …”"),
    ({"XASO_EMAIL_PORT": "cổng 25"}, "XASO_EMAIL_PORT: expected a whole number"),
]


@pytest.mark.parametrize("env,message", BAD_MAIL_CASES)
def test_contradictory_or_unreadable_mail_settings_are_refused(tmp_path, env, message):
    code, _, err = _settings_in(tmp_path, env, "EMAIL_BACKEND")
    assert code != 0 and "ImproperlyConfigured" in err and message in err, err
