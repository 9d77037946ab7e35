"""`xaso backup FILE` and `xaso restore FILE`: the database and the uploaded files in one .tar.gz.

The database copy is consistent while the server runs: SQLite's online backup API, PostgreSQL's pg_dump
(one snapshot). A backup restores into the same kind of database, new or freshly migrated and empty;
`migrate` then brings it up to the running version. Nothing is half-written: the archive is built beside
its target and renamed at the end; a restore refuses a database that already holds data.

The archive holds every commune's data: it is created readable by its owner only (0600), and it leaves out the
rows that would let its reader act as someone — login sessions — and the rows that are no one's record (the login
rate limiter's attempts and logs, a database cache). A restore reads and checks the whole archive before it
writes anything, so a truncated or damaged one changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections

FORMAT = 1
DUMP = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables whose rows mean "this database is in use": a restore into it would mix two histories.
IN_USE = ["auth_user", "plans_province", "plans_commune", "plans_plan"]
# Tables whose rows stay out of the archive (their structure is kept).
LEFT_OUT = ["django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"]
ARCHIVE_MODE = 0o600


def left_out() -> list[str]:
    """LEFT_OUT and the tables of any database cache."""
    caches = [c.get("LOCATION") for c in settings.CACHES.values() if c.get("BACKEND", "").endswith("DatabaseCache")]
    return LEFT_OUT + [c for c in caches if c]


class BackupError(Exception):
    """A message for the person at the command line, in Vietnamese."""


def _pg_env(db: dict) -> tuple[list[str], dict]:
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    return args, env


def _run(command: list[str], env: dict, what: str):
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(f"Không tìm thấy chương trình {command[0]} (gói postgresql-client).") from None
    if done.returncode != 0:
        raise BackupError(f"{what} không thành công: {done.stderr.strip()[-500:]}")


def _dump(alias: str, target: Path):
    connection = connections[alias]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
            tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            for table in left_out():
                if table in tables:
                    copy.execute(f'DELETE FROM "{table}"')
            copy.commit()
            copy.execute("VACUUM")  # the deleted rows' bytes leave the file too
        finally:
            copy.close()
    else:  # postgresql: backup() has refused any other engine
        args, env = _pg_env(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(target),
              *(f"--exclude-table-data={table}" for table in left_out()), *args], env, "Sao lưu PostgreSQL (pg_dump)")


def _row_counts(alias: str) -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        skipped = set(left_out())
        tables = [t for t in connection.introspection.table_names(cursor)
                  if not t.startswith("search_entry_fts") and t not in skipped]
        counts = {}
        for table in sorted(tables):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def backup(archive: str | Path, *, alias: str = "default", media: Path | None = None) -> dict:
    """Write the archive; returns its manifest (engine, time, row counts, files)."""
    archive = Path(archive)
    media = Path(media or settings.MEDIA_ROOT)
    if not archive.parent.is_dir():
        raise BackupError(f"Thư mục “{archive.parent}” không tồn tại; hãy tạo thư mục trước rồi sao lưu lại.")
    with tempfile.TemporaryDirectory(dir=archive.parent if archive.parent.exists() else None) as work:
        work = Path(work)
        vendor = connections[alias].vendor
        if vendor not in DUMP:
            raise BackupError(f"Chưa hỗ trợ sao lưu CSDL loại {vendor}.")
        _dump(alias, work / DUMP[vendor])
        files = sorted(p for p in media.rglob("*") if p.is_file()) if media.exists() else []
        manifest = {"format": FORMAT, "engine": vendor, "created": datetime.now(timezone.utc).isoformat(),
                    "tables": _row_counts(alias), "files": [str(p.relative_to(media).as_posix()) for p in files]}
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
        partial = archive.with_name(archive.name + ".part")
        # Created with its final mode: never readable by others, not even between creation and a chmod.
        partial.unlink(missing_ok=True)  # a stale one from a crash keeps its old mode
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), ARCHIVE_MODE)
        with os.fdopen(descriptor, "wb") as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            tar.add(work / "manifest.json", "manifest.json")
            tar.add(work / DUMP[vendor], DUMP[vendor])
            for path in files:
                tar.add(path, f"media/{path.relative_to(media).as_posix()}")
        os.replace(partial, archive)
    return manifest


def _safe_member(member: tarfile.TarInfo) -> PurePosixPath | None:
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not member.isfile():
        return None
    return path


def vendor_of(db: dict) -> str:
    return "sqlite" if "sqlite" in db["ENGINE"] else "postgresql" if "postgresql" in db["ENGINE"] else db["ENGINE"]


def raw_connection(db: dict):
    """A plain DB-API connection to a database given as Django settings (no Django connection involved)."""
    if vendor_of(db) == "sqlite":
        return sqlite3.connect(db["NAME"])
    import psycopg

    return psycopg.connect(dbname=db["NAME"], host=db.get("HOST") or None, port=db.get("PORT") or None,
                           user=db.get("USER") or None, password=db.get("PASSWORD") or None)


def _is_empty(db: dict) -> bool:
    conn = raw_connection(db)
    try:
        cursor = conn.cursor()
        for table in IN_USE:
            try:
                cursor.execute(f'SELECT 1 FROM "{table}" LIMIT 1')
            except Exception:  # no such table: a new database
                conn.rollback()
                continue
            if cursor.fetchone():
                return False
        return True
    finally:
        conn.close()


def _unpack(tar: tarfile.TarFile, work: Path, vendor: str) -> dict:
    """Every member read and written under `work` before the database or the media folder is touched: a
    truncated or damaged archive fails here, having changed nothing. Returns the manifest."""
    try:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    except (KeyError, AttributeError, ValueError, EOFError, OSError, tarfile.TarError, zlib.error):
        raise BackupError("Tệp sao lưu thiếu hoặc hỏng mục manifest.json.") from None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        raise BackupError("Tệp sao lưu thiếu hoặc hỏng mục manifest.json.")
    if manifest.get("engine") != vendor:
        raise BackupError(f"Bản sao lưu này của CSDL {manifest.get('engine')}; chỉ khôi phục được vào CSDL cùng "
                          f"loại (đang dùng {vendor}).")
    found_dump = False
    try:
        for member in tar:
            path = _safe_member(member)
            if path is None or not (path == PurePosixPath(DUMP[vendor]) or (path.parts[0] == "media" and len(path.parts) > 1)):
                continue
            found_dump = found_dump or path.parts[0] != "media"
            target = work.joinpath(*path.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            with tar.extractfile(member) as source, open(target, "wb") as out:
                shutil.copyfileobj(source, out)
    except (EOFError, OSError, tarfile.TarError, zlib.error):
        raise BackupError("Tệp sao lưu bị cắt cụt hoặc hỏng (đọc không hết); chưa khôi phục gì. "
                          "Hãy dùng một bản sao lưu khác còn nguyên vẹn.") from None
    if not found_dump:
        raise BackupError("Tệp sao lưu thiếu phần cơ sở dữ liệu.")
    return manifest


def restore(archive: str | Path, *, db: dict | None = None, media: Path | None = None) -> dict:
    """Load the archive into the empty database `db` (Django settings; default: the configured one) and its
    files into `media`; returns the manifest."""
    media = Path(media or settings.MEDIA_ROOT)
    db = db or connections["default"].settings_dict
    connections["default"].close()
    vendor = vendor_of(db)
    try:
        tar = tarfile.open(archive, "r:gz")
    except (OSError, EOFError, tarfile.TarError, zlib.error):
        raise BackupError(f"“{archive}” không phải tệp sao lưu của xaso (.tar.gz).") from None
    with tar, tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = _unpack(tar, work, vendor)
        if not _is_empty(db):
            raise BackupError("CSDL đích đã có dữ liệu. Hãy khôi phục vào một CSDL mới hoặc vừa migrate, còn trống.")
        dump = work / DUMP[vendor]
        if vendor == "sqlite":
            source, target = sqlite3.connect(dump), sqlite3.connect(db["NAME"])
            try:
                source.backup(target)
            except sqlite3.DatabaseError:
                raise BackupError("Phần cơ sở dữ liệu trong tệp sao lưu bị hỏng; chưa khôi phục gì.") from None
            finally:
                source.close()
                target.close()
        else:
            args, env = _pg_env(db)
            _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                  *args, str(dump)], env, "Khôi phục PostgreSQL (pg_restore)")
        unpacked = work / "media"
        for path in sorted(unpacked.rglob("*")) if unpacked.exists() else []:
            if path.is_file():
                target_path = media / path.relative_to(unpacked)
                target_path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target_path)
    return manifest


# Nightly backups into a folder (contrib/xaso-backup.service): each named by its time, the oldest removed past `keep`.
DATED = re.compile(r"xaso-\d{8}-\d{6}\.tar\.gz")


def dated_archive(folder: Path) -> Path:
    return folder / datetime.now().strftime("xaso-%Y%m%d-%H%M%S.tar.gz")


def prune(folder: Path, keep: int) -> list[Path]:
    """Remove all but the `keep` newest archives that xaso named in `folder` (no other file is touched)."""
    archives = sorted(p for p in folder.iterdir() if DATED.fullmatch(p.name) and p.is_file())
    removed = archives[:-keep] if keep > 0 else archives
    for path in removed:
        path.unlink()
    return removed
