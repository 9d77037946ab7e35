"""`xaso check FILE [--json]`: the mistakes in a plan or report, with their proof. Exit 0 / 1 / 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand

from xaso.checks import has_errors
from xaso.documents import SUPPORTED_LABEL, DocumentError, load_path
from xaso.plans.importing import document_limits, read_document


class Command(BaseCommand):
    help = f"Kiểm tra văn bản ({SUPPORTED_LABEL}): sai năm, sai số học, đánh số, thiếu “6 rõ”…"

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--json", action="store_true", help='in {"findings": [...]}')

    def handle(self, *args, path, json: bool, **options):
        try:
            reading = read_document(load_path(path, document_limits()), Path(path).name, as_plan=False)
        except DocumentError as error:
            self.stderr.write(f"Lỗi: {error.message}")
            sys.exit(2)
        doc, findings = reading.document, reading.findings
        if json:
            self.stdout.write(_dumps({"findings": [f.to_json() for f in findings]}))
        else:
            self._print(doc.name, findings)
        sys.exit(1 if has_errors(findings) else 0)

    def _print(self, name, findings):
        if not findings:
            self.stdout.write(f"“{name}”: không thấy lỗi nào.")
            return
        errors = sum(1 for f in findings if f.severity == "lỗi")
        self.stdout.write(f"“{name}”: {errors} lỗi, {len(findings) - errors} cảnh báo.\n")
        for f in findings:
            place = f.where or (f"dòng {f.line}" if f.line else "")
            self.stdout.write(f"[{f.severity}] {f.label} — {place}\n  “{f.quote}”\n  {f.explanation}\n")


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
