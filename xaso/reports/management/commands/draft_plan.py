"""`xaso draft-plan --commune NAME|ID --year 2027 [--format docx|pdf] -o FILE`: next year's plan from this year's data."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from xaso.reports.documents import ReportError, find_commune, next_year_draft


class Command(BaseCommand):
    help = "Viết dự thảo kế hoạch chuyển đổi số năm sau (.docx, hoặc .pdf để ký số) từ kết quả năm nay."

    def add_arguments(self, parser):
        parser.add_argument("--commune", required=True)
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", default="docx", choices=["docx", "pdf"])
        parser.add_argument("-o", "--output", required=True)

    def handle(self, *args, commune, year, format, output, **options):
        try:
            data, _, _ = next_year_draft(find_commune(commune), year, timezone.localdate(), format)
        except ReportError as error:
            self.stderr.write(f"Lỗi: {error.message}")
            sys.exit(2)
        Path(output).write_bytes(data)
        self.stdout.write(f"Đã ghi {output} ({len(data) // 1024} KB).")
