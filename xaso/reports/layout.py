"""The page of an official document (Nghị định 30/2020/NĐ-CP): A4; margins top and bottom 20 mm, left 30 mm,
right 15 mm; Times New Roman (LibreOffice shows the metric-compatible Liberation Serif where it is absent),
body 14 pt; the two-column header, the place-and-date line, "Nơi nhận" and the signature block."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

FONT = "Times New Roman"
BODY_PT = 14


def setup_page(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.paragraph_format.space_after = Pt(6)
    style.paragraph_format.line_spacing = 1.15


def paragraph(container, text="", *, bold=False, italic=False, size=None, align=None, indent=True):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        run.font.name = FONT
        if size:
            run.font.size = Pt(size)
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif align is None:
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if indent:
            p.paragraph_format.first_line_indent = Mm(10)
    p.paragraph_format.space_after = Pt(3)
    return p


def _cell_paragraph(cell, text, *, bold=False, italic=False, size=13, first=False):
    p = cell.paragraphs[0] if first else cell.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    run.font.size = Pt(size)
    return p


def header(document, *, number_tag: str, kind: str):
    """ỦY BAN NHÂN DÂN / XÃ … / Số: … | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    left, right = table.rows[0].cells
    table.columns[0].width, table.columns[1].width = Mm(62), Mm(103)
    left.width, right.width = Mm(62), Mm(103)
    _cell_paragraph(left, "ỦY BAN NHÂN DÂN", size=13, first=True)
    _cell_paragraph(left, "XÃ {{ commune_upper }}", bold=True, size=13)
    _cell_paragraph(left, "———", size=10)
    _cell_paragraph(left, "Số: {{ number }}/" + kind + "-UBND", size=13)
    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12, first=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", bold=True, size=13)
    _cell_paragraph(right, "———————", size=10)
    _cell_paragraph(right, "{{ commune }}, ngày {{ day }} tháng {{ month }} năm {{ year_issued }}", italic=True, size=13)


def closing(document):
    """Nơi nhận on the left, the signature block on the right."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    run = p.add_run("Nơi nhận:")
    run.bold, run.italic = True, True
    run.font.size = Pt(12)
    for line in ("{%p for r in recipients %}", "- {{ r }};", "{%p endfor %}", "- Lưu: VT, VHXH."):
        q = left.add_paragraph()
        q.paragraph_format.space_after = Pt(0)
        q.add_run(line).font.size = Pt(11)
    _cell_paragraph(right, "{{ sign_mode }}", bold=True, size=14, first=True)
    _cell_paragraph(right, "{{ sign_title }}", bold=True, size=14)
    for _ in range(3):
        _cell_paragraph(right, "", size=14)
    _cell_paragraph(right, "{{ signer }}", bold=True, size=14)


def table(document, columns: list[tuple[str, str, int]], loop: str, *, size=12):
    """A table whose body repeats one row per item (docxtpl's {%tr %}): (heading, cell expression, width mm)."""
    t = document.add_table(rows=4, cols=len(columns))
    t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    for i, (heading, expression, width) in enumerate(columns):
        for r, text in enumerate((heading, f"{{%tr for {loop} %}}" if i == 0 else "", expression, "{%tr endfor %}" if i == 0 else "")):
            cell = t.rows[r].cells[i]
            cell.width = Mm(width)
            run = cell.paragraphs[0].add_run(text)
            run.font.size = Pt(size)
            run.bold = r == 0
    return t
