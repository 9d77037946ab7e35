"""`xaso remind` (from cron): send the reminders due today, each once."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from xaso.tracking.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi nhắc việc: nhiệm vụ sắp đến hạn, quá hạn, chưa báo cáo kỳ, báo cáo bị trả lại (chạy lại không gửi trùng)."

    def handle(self, *args, **options):
        count = send_reminders(timezone.localdate())
        self.stdout.write(f"Đã gửi {count} thông báo mới.")
