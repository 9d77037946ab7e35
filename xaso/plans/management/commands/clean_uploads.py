import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from xaso.jobs.models import Job
from xaso.plans.models import ImportDraft, Plan
from xaso.tracking.models import Evidence


def referenced() -> set[str]:
    """Every stored file a row points to, trashed plans included (they can come back)."""
    names = set(Plan.all_objects.exclude(source_file="").values_list("source_file", flat=True))
    names |= set(Plan.history.exclude(source_file="").values_list("source_file", flat=True))
    names |= set(ImportDraft.objects.values_list("source_file", flat=True))
    names |= set(Evidence.objects.exclude(file="").values_list("file", flat=True))
    names |= set(Job.objects.exclude(source_file="").values_list("source_file", flat=True))  # waiting to be read
    return names


class Command(BaseCommand):
    help = ("Xóa các tệp tải lên không còn dòng dữ liệu nào trỏ tới (ví dụ khi máy chủ dừng đột ngột giữa lúc "
            "nhập văn bản) và đã cũ hơn --older-than giờ.")

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=float, default=24, help="số giờ (mặc định 24)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ liệt kê, không xóa")

    def handle(self, *args, older_than, dry_run, **options):
        root = Path(settings.MEDIA_ROOT)
        keep, cutoff = referenced(), time.time() - older_than * 3600
        orphans = [p for p in root.rglob("*") if p.is_file() and p.relative_to(root).as_posix() not in keep
                   and p.stat().st_mtime < cutoff] if root.exists() else []
        for path in orphans:
            if dry_run:
                self.stdout.write(str(path.relative_to(root)))
            else:
                path.unlink()
        verb = "Tìm thấy" if dry_run else "Đã xóa"
        self.stdout.write(f"{verb} {len(orphans)} tệp không còn được dùng.")
