"""The results of an evaluation as files: a workbook (ranking with group scores, then every component of every
commune) and a results report (.docx) in the Nghị định 30/2020/NĐ-CP page layout the other reports use."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from xaso.core.cells import append_row, sheet_title
from xaso.core.numbers import format_number
from xaso.reports import layout

from .models import Answer, Assessment, EvaluationIndex

STATE_WORDS = dict(Assessment.STATES)


def _state(row) -> str:
    return STATE_WORDS[row.assessment.state] if row.assessment else "Chưa gửi bản tự đánh giá"


def workbook(index: EvaluationIndex, groups, components, rows) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = sheet_title("Xếp hạng")
    append_row(sheet, [f"{index.name} — {index.province.name}, năm {index.year}"])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, ["Hạng", "Xã", "Tổng điểm", *[f"{i}. {g.name}" for i, g in enumerate(groups, start=1)], "Trạng thái"])
    for row in rows:
        append_row(sheet, [row.rank, row.commune.name, row.total, *(row.groups or [None] * len(groups)), _state(row)])
    by_component = book.create_sheet(sheet_title("Theo tiêu chí"))
    append_row(by_component, ["Mã", "Tiêu chí", "Nhóm", "Điểm tối đa", *[r.commune.name for r in rows]])
    group_name = {g.pk: g.name for g in groups}
    for c in components:
        append_row(by_component, [c.code, c.name, group_name[c.group_id], c.max_points,
                                  *[r.scores.get(c.pk) if r.assessment else None for r in rows]])
    for ws in (sheet, by_component):
        header = 2 if ws is sheet else 1
        for cell in ws[header]:
            cell.font = Font(bold=True)
        for line in ws.iter_rows(min_row=header + 1):
            for cell in line:
                if isinstance(cell.value, Decimal):
                    cell.number_format = "0.##"
        ws.freeze_panes = ws.cell(header + 1, 3)
    sheet.column_dimensions["B"].width = 28
    by_component.column_dimensions["B"].width = 60
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _points(value) -> str:
    return "—" if value is None else format_number(value, 2).rstrip("0").rstrip(",")


def _table(document, head: list[str], body: list[list[str]]):
    from docx.shared import Pt

    t = document.add_table(rows=1, cols=len(head))
    t.style = "Table Grid"
    for cell, text in zip(t.rows[0].cells, head):
        run = cell.paragraphs[0].add_run(text)
        run.bold, run.font.size = True, Pt(layout.TABLE_PT)
    for line in body:
        cells = t.add_row().cells
        for cell, text in zip(cells, line):
            cell.paragraphs[0].add_run(text).font.size = Pt(layout.TABLE_PT)
    layout._row_flag(t.rows[0]._tr, "w:tblHeader")
    layout.fit_columns(t._tbl, layout.text_width_twips(document.sections[0]))
    return t


def report(index: EvaluationIndex, groups, components, rows, today: date) -> bytes:
    """The results report: the province's heading, what was evaluated, the ranking with group scores, and the
    components the province adjusted, with its comments."""
    import docx

    document = docx.Document()
    layout.setup_page(document)
    province = index.province.name
    place = province.removeprefix("Tỉnh ").removeprefix("Thành phố ")
    _two_columns(document, (62, 103), [
        [("ỦY BAN NHÂN DÂN", False, False), (province.upper(), True, False), ("———", False, False),
         ("Số: …/BC-UBND", False, False)],
        [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
         ("———————", False, False), (f"{place}, ngày {today.day:02d} tháng {today.month:02d} năm {today.year}", False, True)]])
    layout.paragraph(document, "BÁO CÁO", bold=True, align="center")
    layout.paragraph(document, f"Kết quả đánh giá, xếp hạng mức độ chuyển đổi số cấp xã năm {index.year}",
                     bold=True, align="center")
    sent = [r for r in rows if r.assessment]
    reviewed = [r for r in sent if r.assessment.state == Assessment.REVIEWED]
    layout.paragraph(document, f"Căn cứ {index.name}, gồm {len(groups)} nhóm và {len(components)} tiêu chí, tổng "
                               f"{_points(sum((c.max_points for c in components), Decimal(0)))} điểm; "
                               f"{len(rows)} xã thuộc {province} được đánh giá: {len(sent)} xã đã gửi bản tự đánh giá, "
                               f"{len(reviewed)} xã đã được thẩm định.")
    layout.paragraph(document, "1. Kết quả xếp hạng", bold=True, indent=False)
    _table(document, ["Hạng", "Xã", "Tổng điểm", *[f"Nhóm {i}" for i in range(1, len(groups) + 1)]],
           [[str(r.rank or "—"), r.commune.name, _points(r.total), *[_points(g) for g in (r.groups or [None] * len(groups))]]
            for r in rows])
    layout.paragraph(document, "Nhóm: " + "; ".join(f"{i}. {g.name}" for i, g in enumerate(groups, start=1)) + ".",
                     italic=True, size=12, indent=False)
    layout.paragraph(document, "2. Điểm được điều chỉnh khi thẩm định", bold=True, indent=False)

    adjusted = (Answer.objects.filter(assessment__index=index, review_status=Answer.ADJUSTED)
                .select_related("component", "assessment__commune")
                .order_by("assessment__commune__name", "component__group__position", "component__position"))
    if adjusted:
        _table(document, ["Xã", "Tiêu chí", "Tự chấm", "Thẩm định", "Ý kiến"],
               [[a.assessment.commune.name, f"{a.component.code}. {a.component.name}", _points(a.self_score),
                 _points(a.reviewed_score), a.review_comment] for a in adjusted])
    else:
        layout.paragraph(document, "Không có tiêu chí nào được điều chỉnh điểm.")
    layout.paragraph(document, "")
    _two_columns(document, (80, 85), [
        [("Nơi nhận:", True, True), ("- Ủy ban nhân dân các xã;", False, False), ("- Lưu: VT.", False, False)],
        [("TM. ỦY BAN NHÂN DÂN", True, False), ("CHỦ TỊCH", True, False), ("", False, False), ("", False, False),
         ("", False, False), ("…", True, False)]])
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _two_columns(document, widths_mm, columns):
    """The layout grid of an official document's header or closing: two borderless cells of centred lines
    (text, bold, italic); "Nơi nhận" is set left, smaller, as Nghị định 30 shows it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    grid = document.add_table(rows=1, cols=2)
    for cell, width, lines in zip(grid.rows[0].cells, widths_mm, columns):
        cell.width = Mm(width)
        for i, (text, bold, italic) in enumerate(lines):
            p = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            receivers = lines[0][0] == "Nơi nhận:"
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if receivers else WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            run = p.add_run(text)
            run.bold, run.italic = bold, italic
            run.font.size = Pt(12 if receivers and i == 0 else 11 if receivers else 13)
