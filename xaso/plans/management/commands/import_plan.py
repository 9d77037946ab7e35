"""`xaso import`: a plan document (or a folder of them) → JSON, or draft plans of a commune."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand

from xaso.core import communes
from xaso.core.text import fold
from xaso.documents import SUPPORTED_EXTENSIONS, SUPPORTED_LABEL, DocumentError, load_path
from xaso.checks import check_document, finding_json
from xaso.plans.importing import (SECOND_PLAN, document_limits, find_or_create_commune, import_warnings, read_document,
                                  store_plan)


class Command(BaseCommand):
    help = f"Nhập kế hoạch từ tệp {SUPPORTED_LABEL} (hoặc cả thư mục)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="tệp hoặc thư mục")
        parser.add_argument("--json", action="store_true", help="in kế hoạch đọc được dưới dạng JSON, không lưu")
        parser.add_argument("--commune", help="tên xã nhận kế hoạch, có thể kèm loại (“Phường Bến Nghé”); mặc định: xã ghi trong văn bản")
        parser.add_argument("--province", help="tên tỉnh của xã")
        parser.add_argument("--create-commune", action="store_true", help="tạo xã nếu chưa có (là phường, đặc khu nếu tên hoặc văn bản ghi vậy)")
        parser.add_argument("--year", type=int, help="năm kế hoạch, khi văn bản không ghi rõ")
        parser.add_argument("--second-plan", action="store_true",
                            help="tạo thêm kế hoạch khi xã đã có kế hoạch của năm đó (mặc định: từ chối)")

    def handle(self, *args, path, json: bool, commune, province, create_commune, year, second_plan, **options):
        target = Path(path)
        self.second = second_plan
        if target.is_dir():
            return self._import_folder(target, commune, province, create_commune, year)
        def pages(page, total):  # a read that reports pages (a scan's OCR): a bar on stderr, page by page
            if total > 1:
                _progress(page, total, f"{target.name}: trang {page}/{total}")
                if page == total:
                    sys.stderr.write("\n")

        try:
            reading = _read(target, pages)
        except DocumentError as error:
            self._fail(error.message)
        extracted = reading.plan
        _set_year(extracted, year)
        if json:
            self.stdout.write(_dumps(extracted.to_json()))
            return
        try:
            plan, warnings = self._store(target, reading, year, commune, province, create_commune)
        except DocumentError as error:
            self._fail(error.message)
        self.stdout.write(f"Đã nhập “{target.name}” thành kế hoạch dự thảo #{plan.pk} của {plan.commune.phrase}: "
                          f"{plan.indicators.count()} chỉ tiêu, {plan.tasks.count()} nhiệm vụ.")
        for warning in warnings:
            self.stdout.write(f"  Cảnh báo: {warning}")

    def _fail(self, message: str):
        self.stderr.write(f"Lỗi: {message}")
        sys.exit(2)

    def _store(self, path: Path, reading, year, commune_name, province, create):
        doc, extracted = reading.document, reading.plan
        name = commune_name or extracted.commune
        if not name:
            raise DocumentError("Văn bản không ghi tên xã; hãy chỉ rõ bằng --commune TÊN_XÃ.", "no_commune")
        if not extracted.plan_year:
            raise DocumentError("Văn bản không ghi rõ năm kế hoạch; hãy chỉ rõ bằng --year NĂM.", "no_year")
        # "--commune 'Phường Bến Nghé'" names its kind; the header's kind ("UBND PHƯỜNG …") is the named commune's only
        same = not commune_name or fold(communes.split_name(commune_name)[1]) == fold(extracted.commune)
        commune = find_or_create_commune(name, province or extracted.province, create,
                                         extracted.commune_kind if same else None)
        if commune is None:
            raise DocumentError(f"Chưa có xã “{name}” trong hệ thống; thêm --create-commune để tạo mới.", "no_commune")
        warnings = list(extracted.warnings) + import_warnings(extracted, commune)
        # A year given on the command line changes the plan's dates: its findings are those of the plan as changed.
        findings = [finding_json(f) for f in (check_document(doc, extracted) if year else reading.findings)]
        try:
            plan = store_plan(extracted, commune, source_name=path.name, source_bytes=path.read_bytes(),
                              findings=findings, second=self.second)
        except ValidationError as error:
            hint = " (thêm --second-plan)" if getattr(error, "code", None) == SECOND_PLAN else ""
            raise DocumentError("Không lưu được kế hoạch: " + "; ".join(error.messages) + hint, "invalid") from None
        missing_lead = sum(1 for t in extracted.tasks if not t.lead)
        if missing_lead:
            warnings.append(f"{missing_lead} nhiệm vụ thiếu đơn vị chủ trì.")
        missing_time = sum(1 for t in extracted.tasks if not t.timeline)
        if missing_time:
            warnings.append(f"{missing_time} nhiệm vụ thiếu thời gian thực hiện.")
        return plan, warnings

    def _import_folder(self, folder: Path, commune, province, create, year):
        files = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS)
        if not files:
            self._fail(f"Thư mục “{folder}” không có tệp {SUPPORTED_LABEL} nào.")
        results = []
        for done, path in enumerate(files, start=1):
            _progress(done - 1, len(files), path.name)

            def pages(page, total, done=done, path=path):  # a long file (a scan) moves the bar page by page
                _progress(done - 1 + page / max(total, 1), len(files), f"{path.name} trang {page}/{total}")

            try:
                reading = _read(path, pages)
                _set_year(reading.plan, year)
                plan, warnings = self._store(path, reading, year, commune, province, create)
                status = "nhập có cảnh báo" if warnings else "đã nhập"
                results.append((path.name, status, "; ".join(warnings) or f"kế hoạch #{plan.pk}"))
            except DocumentError as error:
                results.append((path.name, "lỗi", error.message))
        _progress(len(files), len(files), "xong")
        sys.stderr.write("\n")
        width = max(len(name) for name, _, _ in results)
        self.stdout.write(f"{'Tệp'.ljust(width)}  {'Kết quả'.ljust(16)}  Chi tiết")
        for name, status, detail in results:
            self.stdout.write(f"{name.ljust(width)}  {status.ljust(16)}  {detail}")
        counts = {s: sum(1 for _, status, _ in results if status == s) for s in ("đã nhập", "nhập có cảnh báo", "lỗi")}
        self.stdout.write(f"Tổng: {counts['đã nhập']} đã nhập, {counts['nhập có cảnh báo']} nhập có cảnh báo, "
                          f"{counts['lỗi']} lỗi.")
        if counts["lỗi"]:
            sys.exit(1)


def _read(path: Path, progress=None):
    """Read, extract and check within the limits and CPU/memory budget of the settings; DocumentError if refused."""
    return read_document(load_path(path, document_limits()), path.name, as_plan=True, progress=progress)


def _set_year(extracted, year: int | None):
    """The year given on the command line wins over the document's; dates are read again in it."""
    if year:
        extracted.plan_year = year
        extracted.read_figures()


def _progress(done: float, total: int, label: str):
    filled = int(30 * done / total)
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {int(done)}/{total} {label[:50]:<50}")
    sys.stderr.flush()


def _dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
