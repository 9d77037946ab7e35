"""`xaso figures` (from a timer, after midnight): compute today's figures of every commune's plan ahead, so the first
province or national page of the day reads them instead of computing them."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from xaso.tracking import snapshots


class Command(BaseCommand):
    help = ("Tính trước số liệu hôm nay của kế hoạch mọi xã cho trang tổng hợp của tỉnh và cả nước "
            "(trang vẫn tự tính lại phần nào đã thay đổi; chạy lại không sao).")

    def handle(self, *args, **options):
        started = timezone.now()
        count = snapshots.refresh_all(timezone.localdate())
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(f"Đã tính số liệu của {count} kế hoạch trong {seconds:.1f} giây.")
