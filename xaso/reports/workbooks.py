"""Spreadsheets: a plan's indicators and tasks with their status as of a period's end; a province with one
sheet per area. The figures are xaso.tracking.figures', the same as the pages, the .docx and the API."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from xaso.core import areas
from xaso.core.cells import append_row, sheet_title
from xaso.core.periods import Period, label_of
from xaso.tracking.budget import plan_budget, province_budget
from xaso.tracking.calendars import calendar_for
from xaso.tracking.figures import plan_figures
from xaso.tracking.summary import summarise

NUMBER = "#,##0.0"  # Excel and LibreOffice show it with the reader's separators: 1.234,5 in Vietnamese
HEAD = PatternFill("solid", fgColor="DDE6F0")


def _sheet(workbook, title: str, header: list[str], rows: list[list], widths: list[int], numeric: set[int] = frozenset()):
    sheet = workbook.create_sheet(sheet_title(title))
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font, cell.fill = Font(bold=True), HEAD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        append_row(sheet, row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for column in numeric:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = NUMBER
    sheet.freeze_panes = "A2"
    return sheet


def _save(workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def plan_workbook(plan, today: date, period: Period | None = None) -> bytes:
    figures = plan_figures(plan, today, period)
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Chỉ tiêu", ["TT", "Lĩnh vực", "Chỉ tiêu", "Giá trị nền", "Chỉ tiêu năm", "Số liệu mới nhất", "Kỳ", "Đánh giá"],
           [[i, areas.LABELS[r.indicator.area], r.indicator.text, r.indicator.baseline_text, r.indicator.target_text,
             float(r.value) if r.value is not None else None, label_of(r.period), r.label] for i, r in enumerate(figures.indicators, 1)],
           [5, 22, 60, 12, 16, 14, 20, 16], {6})
    _sheet(workbook, "Nhiệm vụ", ["TT", "Lĩnh vực", "Nhiệm vụ", "Chủ trì", "Thời gian", "Hạn", "Tình trạng", "Số ngày trễ", "Điểm"],
           [[i, areas.LABELS[r.task.area], r.task.name, r.task.lead_label, r.task.timeline_text,
             r.task.due_date, r.status.label, r.status.days_late or None, r.score] for i, r in enumerate(figures.tasks, 1)],
           [5, 22, 60, 20, 20, 12, 18, 10, 8], {9})
    for (cell,) in workbook["Nhiệm vụ"].iter_rows(min_row=2, min_col=6, max_col=6):
        cell.number_format = "DD/MM/YYYY"
    calendar = calendar_for(plan)
    shown = period or calendar.period_in_year(today, plan.report_cadence, plan.year)
    _budget_sheet(workbook, plan_budget(plan, today, shown, calendar=calendar), shown)
    return _save(workbook)


def _budget_sheet(workbook, table, period: Period):
    """"Kinh phí thực hiện": planned, spent in the period, spent to its end, by area then by source (million VND)."""
    rows = []
    for _, head, lines in table.sections:
        for line in [*lines, table.total]:
            rows.append([f"Theo {head.lower()}", line.label, float(line.planned), float(line.spent_period),
                         float(line.spent_to_date), float(line.share) if line.share is not None else None])
    _sheet(workbook, "Kinh phí thực hiện", ["Nhóm", "Lĩnh vực / nguồn", "Kế hoạch (triệu đồng)",
                                            f"Đã chi trong {period.label[0].lower() + period.label[1:]} (triệu đồng)",
                                            "Lũy kế đã chi (triệu đồng)", "Tỷ lệ đã chi (%)"],
           rows, [22, 30, 16, 20, 18, 14], {3, 4, 5, 6})


def province_workbook(province, plans, today: date, period: Period | None = None) -> bytes:
    """One sheet per area and one row per commune, plus an overview sheet."""
    summaries = summarise(plans, today, period)
    rows = [(p.commune.title, summaries[p.pk]) for p in sorted(plans, key=lambda p: (p.commune.name, p.commune.title))]
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, "Tổng hợp", ["Xã", "Điểm chung", "Nhiệm vụ", "Hoàn thành", "Quá hạn"],
           [[name, s.score, s.task_count, s.done_count, s.late_count] for name, s in rows], [28, 12, 10, 12, 10], {2})
    for code, label in areas.AREAS:
        if code == areas.OTHER:
            continue
        _sheet(workbook, label, ["Xã", "Điểm", "Số mục tính điểm", "Nhiệm vụ", "Hoàn thành", "Quá hạn"],
               [[name, (round(s.by_code[code].score / s.by_code[code].items, 1) if code in s.by_code and s.by_code[code].items else None),
                 s.by_code[code].items if code in s.by_code else 0, s.by_code[code].tasks if code in s.by_code else 0,
                 s.by_code[code].done if code in s.by_code else 0, s.by_code[code].late if code in s.by_code else 0]
                for name, s in rows], [28, 10, 16, 10, 12, 10], {2})
    calendar = calendar_for(province)
    shown = period or calendar.period_of(today)
    _budget_sheet(workbook, province_budget(plans, today, shown, calendar=calendar), shown)
    return _save(workbook)
