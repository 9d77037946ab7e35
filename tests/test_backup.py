"""`xaso backup` then `xaso restore` into an empty database: every table and every uploaded file comes back.
Runs on SQLite (backup API) and on PostgreSQL (pg_dump / pg_restore into a new database)."""

import filecmp
import os
import stat
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from xaso import backup
from xaso.tracking import services
from xaso.tracking.models import Evidence


def _table_rows(db):
    conn = backup.raw_connection(db)
    try:
        cursor = conn.cursor()
        if backup.vendor_of(db) == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                           "AND name NOT LIKE 'search_entry_fts%'")
        else:
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        content = {}
        for (table,) in sorted(cursor.fetchall()):
            cursor.execute(f'SELECT * FROM "{table}"')
            content[table] = sorted(map(repr, cursor.fetchall()))
        return content
    finally:
        conn.close()


@pytest.fixture
def empty_database(settings):
    """A second, empty database of the same kind as the one under test (Django settings of it)."""
    db = {**connection.settings_dict}
    if connection.vendor == "sqlite":
        db["NAME"] = str(Path(settings.MEDIA_ROOT).parent / "restored.sqlite3")
        yield db
        return
    db["NAME"] = f"xaso_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    yield db
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{db["NAME"]}"')


def test_round_trip_restores_every_table_and_file(transactional_db, plan, officer, today, tmp_path, settings,
                                                   empty_database):
    unit = plan.commune.units.get(short_name="TT PVHCC")
    report = services.save_task_report(user=officer, task=plan.tasks.get(lead_unit=unit), unit=unit, period_code="2026-Q4",
                                       today=today, data=services.TaskReportData(status="in_progress", percent=30))
    Evidence.objects.create(report=report, file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban"),
                            name="bien-ban.pdf", size=17)
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive))
    assert archive.exists() and not archive.with_name(archive.name + ".part").exists()

    restored_media = tmp_path / "restored-media"
    manifest = backup.restore(archive, db=empty_database, media=restored_media)
    rows = _table_rows(empty_database)
    assert rows["plans_task"] and rows["tracking_evidence"] and rows["plans_historicaltask"]
    assert rows == _table_rows(connection.settings_dict)
    assert manifest["files"] and all(
        filecmp.cmp(Path(settings.MEDIA_ROOT) / name, restored_media / name, shallow=False) for name in manifest["files"])

    with pytest.raises(backup.BackupError, match="đã có dữ liệu"):
        backup.restore(archive, db=empty_database, media=restored_media)


@pytest.mark.parametrize("content, message", [
    (b"not a tar", "không phải tệp sao lưu"),
    (None, "thiếu hoặc hỏng mục manifest.json"),
])
def test_a_wrong_file_is_refused_with_a_message(db, tmp_path, content, message):
    path = tmp_path / "sai.tar.gz"
    if content is None:
        import tarfile

        with tarfile.open(path, "w:gz"):
            pass
    else:
        path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(path))


def test_nightly_backups_into_a_folder_keep_the_newest(transactional_db, tmp_path, capsys):
    """`xaso backup FOLDER --keep 2` (contrib/xaso-backup.service): a new archive named by its time, the older ones
    xaso named removed past two, any other file of the folder left alone."""
    folder = tmp_path / "backups"
    folder.mkdir()
    old = [folder / f"xaso-2026010{day}-020000.tar.gz" for day in (1, 2, 3)]
    for path in old:
        path.write_bytes(b"old")
    mine = folder / "ban-sao-tay.tar.gz"
    mine.write_bytes(b"an archive the administrator made")
    call_command("backup", str(folder), keep=2)
    kept = sorted(p.name for p in folder.iterdir())
    assert kept[0] == "ban-sao-tay.tar.gz" and kept[1] == old[2].name and len(kept) == 3
    assert backup.DATED.fullmatch(kept[2]) and kept[2] > old[2].name
    assert "Đã xóa 2 bản cũ, giữ 2 bản mới nhất." in capsys.readouterr().out


@pytest.mark.parametrize("target,keep", [("sao-luu.tar.gz", 3), ("", 0)])
def test_keep_needs_a_folder_and_a_positive_count(db, tmp_path, target, keep):
    with pytest.raises(CommandError, match="--keep cần một thư mục đích"):
        call_command("backup", str(tmp_path / target), keep=keep)


def _sessions(db) -> list:
    conn = backup.raw_connection(db)
    try:
        cursor = conn.cursor()
        cursor.execute("SELECT session_key FROM django_session")
        return cursor.fetchall()
    finally:
        conn.close()


def test_the_archive_is_private_and_holds_no_session(transactional_db, plan, officer, client, tmp_path, settings,
                                                     empty_database):
    """The archive is created 0600 (whatever the umask) and a login session in the running site does not travel in
    it: whoever reads a backup cannot act as the officer (nor the administrator) logged in when it was made."""
    client.force_login(officer)
    assert client.get("/").status_code in (200, 302)
    assert _sessions(connection.settings_dict), "the running site has a live session"
    archive = tmp_path / "sao-luu.tar.gz"
    archive.with_name(archive.name + ".part").write_bytes(b"stale")
    archive.with_name(archive.name + ".part").chmod(0o644)
    old = os.umask(0o000)
    try:
        call_command("backup", str(archive))
    finally:
        os.umask(old)
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600
    with tarfile.open(archive) as tar:
        dump = tar.extractfile(next(m for m in tar if m.name.startswith("database."))).read()
    assert not any(key.encode() in dump for (key,) in _sessions(connection.settings_dict))

    backup.restore(archive, db=empty_database, media=tmp_path / "restored-media")
    assert _sessions(empty_database) == []
    assert _table_rows(empty_database)["plans_task"] == _table_rows(connection.settings_dict)["plans_task"]


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_a_truncated_archive_is_refused_and_nothing_is_restored(transactional_db, plan, tmp_path, settings,
                                                                 empty_database, cut, capsys):
    from xaso import cli

    media = Path(settings.MEDIA_ROOT)
    (media / "minh-chung").mkdir(parents=True)
    (media / "minh-chung" / "anh.bin").write_bytes(os.urandom(200_000))  # incompressible: the cut may land in it
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", str(archive))
    data = archive.read_bytes()
    archive.write_bytes(data[: int(len(data) * cut)])
    restored_media = tmp_path / "restored-media"
    with pytest.raises(backup.BackupError, match="cắt cụt hoặc hỏng|thiếu hoặc hỏng"):
        backup.restore(archive, db=empty_database, media=restored_media)
    assert not restored_media.exists()
    assert not _table_rows(empty_database).get("plans_task")

    assert cli.run_command("restore", [str(archive)]) == 2  # the archive is read whole before the database is looked at
    said = capsys.readouterr()
    assert "Lỗi: Tệp sao lưu" in said.err and "Traceback" not in said.err + said.out
