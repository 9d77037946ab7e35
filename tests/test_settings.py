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
