"""`xaso report --commune NAME|ID --period 2026-Q1|2026-H1|2026 --format docx|pdf|xlsx -o FILE`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from xaso.reports.documents import ReportError, find_commune, progress_report


class Command(BaseCommand):
    help = "Viết báo cáo tiến độ kế hoạch chuyển đổi số của một xã (.docx theo Nghị định 30/2020/NĐ-CP, bản .pdf để ký số, hoặc .xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True)
        parser.add_argument("--period", required=True)
        parser.add_argument("--format", default="docx", choices=["docx", "pdf", "xlsx"])
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, commune, period, format, output, **options):
        try:
            data, _, _ = progress_report(find_commune(commune), period, format, timezone.localdate())
        except ReportError as error:
            self.stderr.write(f"Lỗi: {error.message}")
            sys.exit(2)
        Path(output).write_bytes(data)
        self.stdout.write(f"Đã ghi {output} ({len(data) // 1024} KB).")
