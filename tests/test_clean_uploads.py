"""Files left by an interrupted upload (no row points to them) are swept once old; nothing in use is touched."""

import os
import time
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command

from xaso.plans import trash


def _age(path: Path, hours: float):
    then = time.time() - hours * 3600
    os.utime(path, (then, then))


def test_only_old_orphans_are_removed(plan, officer, settings, capsys):
    plan.source_file.save("ke-hoach.docx", ContentFile(b"PK..."))
    trash.soft_delete(plan, officer)  # a trashed plan's document stays: the plan can come back
    media = Path(settings.MEDIA_ROOT)
    orphan, fresh = media / "plans" / "2026" / "mo-coi.docx", media / "plans" / "2026" / "dang-tai.docx"
    orphan.write_bytes(b"x")
    fresh.write_bytes(b"y")
    _age(orphan, 48)
    _age(Path(plan.source_file.path), 48)
    call_command("clean_uploads", "--dry-run")
    assert "mo-coi.docx" in capsys.readouterr().out and orphan.exists()
    call_command("clean_uploads")
    assert not orphan.exists() and fresh.exists() and Path(plan.source_file.path).exists()
