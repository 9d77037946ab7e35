"""The one place that turns a commune, a period and a format into a document's bytes and file name."""

from __future__ import annotations

from datetime import date

from xaso.core import communes as communes_words
from xaso.core.periods import Period, parse_period
from xaso.downloads import file_name
from xaso.plans.models import Commune, Plan
from xaso.tracking.summary import plan_of_year

from .content import draft_context, progress_context
from .pdf import ConversionError, to_pdf
from .workbooks import plan_workbook
from .writer import render_docx

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
FORMATS = ("docx", "pdf", "xlsx")


class ReportError(Exception):
    """Why a document was not written. `code` names a converter's failure (xaso.reports.pdf), empty otherwise."""

    def __init__(self, message: str, code: str = ""):
        super().__init__(message)
        self.message, self.code = message, code


def find_commune(name_or_id: str) -> Commune:
    text = (name_or_id or "").strip()
    kind, name = communes_words.split_name(text)  # "Phường Bến Nghé": that kind first, then the name alone
    communes = Commune.objects.filter(pk=int(text)) if text.isdigit() else Commune.objects.filter(name__iexact=name)
    found = list(communes.filter(kind=kind)[:2] if kind else []) or list(communes[:2])
    if not found:
        raise ReportError(f"Không có xã “{text}”.")
    if len(found) > 1:
        raise ReportError(f"Có nhiều xã tên “{text}”; hãy dùng mã số của xã.")
    return found[0]


def plan_for(commune: Commune, year: int) -> Plan:
    plan = plan_of_year(commune, year)
    if plan is None:
        raise ReportError(f"{commune} chưa có kế hoạch năm {year}.")
    return plan


def progress_report(commune: Commune, period_code: str, fmt: str, today: date) -> tuple[bytes, str, str]:
    period: Period | None = parse_period(period_code)
    if period is None:
        raise ReportError(f"Kỳ “{period_code}” không hợp lệ; ví dụ 2026-Q1, 2026-H1, 2026-M03 hoặc 2026.")
    plan = plan_for(commune, period.year)
    if fmt == "xlsx":
        name = file_name("Bảng số liệu CĐS", commune.phrase, period, extension="xlsx")
        return plan_workbook(plan, today, period), name, XLSX
    if fmt not in ("docx", "pdf"):
        raise ReportError("Định dạng phải là docx, pdf hoặc xlsx.")
    name = file_name("Báo cáo kết quả CĐS", commune.phrase, period, extension="docx")
    return _in_format((render_docx("progress_report.docx", progress_context(plan, period, today)), name, DOCX), fmt)


def next_year_draft(commune: Commune, year: int, today: date, fmt: str = "docx") -> tuple[bytes, str, str]:
    if fmt not in ("docx", "pdf"):
        raise ReportError("Dự thảo kế hoạch chỉ có bản docx hoặc pdf.")
    plan = plan_for(commune, year - 1)
    name = file_name("Dự thảo Kế hoạch CĐS", commune.phrase, f"năm {year}", extension="docx")
    return _in_format((render_docx("plan_draft.docx", draft_context(plan, today)), name, DOCX), fmt)


def _in_format(document: tuple[bytes, str, str], fmt: str) -> tuple[bytes, str, str]:
    """The .docx as it is, or printed to PDF for signing under the same name (xaso.reports.pdf)."""
    if fmt != "pdf":
        return document
    data, name, _ = document
    try:
        return to_pdf(data), name.removesuffix(".docx") + ".pdf", PDF
    except ConversionError as error:
        raise ReportError(error.message, error.code) from None
