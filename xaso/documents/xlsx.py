"""Excel .xlsx: each sheet a table; the extractor recognises its header row by meaning.

A real appendix sheet carries title rows above its table ("PHỤ LỤC I", "DANH MỤC CHỈ TIÊU … NĂM 2026", "(Kèm theo
Kế hoạch số …)") and notes or a signature below it: rows holding one text (a merged title counts once) before the
first row of two or more cells and after the last one are read as paragraphs, so the title says whose plan it is and
for which year. Merged cells are repeated over the cells they cover, as Word's are.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from .errors import DocumentError
from .model import Document, Paragraph, Table

MAX_ROWS = 20000
_MERGE = re.compile(rb'<mergeCell[^>]*\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')


def _cell(cell) -> str:
    """A cell as a person sees it: 0.95 formatted as a percentage is "95%", a date is dd/mm/yyyy, a decimal has a
    decimal comma."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, (datetime, date)):
        return f"{value.day:02d}/{value.month:02d}/{value.year}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        percent = "%" in (getattr(cell, "number_format", "") or "")
        number = value * 100 if percent else value
        text = str(int(number)) if float(number).is_integer() else f"{number:.10g}".replace(".", ",")
        return text + ("%" if percent else "")
    return str(value).strip()


def _column(letters: bytes) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ch - 64
    return number


def _merged_ranges(sheet) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 1-based, read from the sheet's XML: the streaming reader
    does not expose them."""
    try:
        with sheet._get_source() as source:  # openpyxl's read-only sheet: its part of the archive
            xml = source.read()
    except (AttributeError, KeyError, OSError):
        return []
    return [(int(r1), _column(c1), int(r2), _column(c2)) for c1, r1, c2, r2 in _MERGE.findall(xml)][:5000]


def _fill_merged(rows: list[list[str]], merged) -> None:
    for r1, c1, r2, c2 in merged:
        if r1 > len(rows) or r2 - r1 > 500 or c2 - c1 > 100:
            continue
        value = rows[r1 - 1][c1 - 1] if c1 - 1 < len(rows[r1 - 1]) else ""
        for r in range(r1, min(r2, len(rows)) + 1):
            row = rows[r - 1]
            row.extend([""] * (c2 - len(row)))
            for c in range(c1, c2 + 1):
                if not row[c - 1]:
                    row[c - 1] = value


def _distinct(row: list[str]) -> int:
    return len({c for c in row if c.strip()})


def read_xlsx(data: bytes, name: str) -> Document:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises several kinds for broken or foreign files
        raise DocumentError(f"Tệp “{name}” bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ.", "bad_xlsx") from exc
    doc = Document(name=name, format="xlsx")
    try:
        for sheet in workbook.worksheets:
            rows = []
            for row in sheet.iter_rows():
                rows.append([_cell(c) for c in row])
                if len(rows) > MAX_ROWS:
                    raise DocumentError(f"Bảng tính “{name}” có quá nhiều dòng (trên 20.000).", "too_large")
            _fill_merged(rows, _merged_ranges(sheet))
            _add_sheet(doc, rows)
    finally:
        workbook.close()
    return doc


def _add_sheet(doc: Document, rows: list[list[str]]) -> None:
    numbered = [(i + 1, row) for i, row in enumerate(rows) if any(c.strip() for c in row)]
    wide = [k for k, (_, row) in enumerate(numbered) if _distinct(row) >= 2]
    if not wide:
        doc.blocks.extend(Paragraph(next(c for c in row if c.strip()), line, bold=True) for line, row in numbered)
        return
    first, last = wide[0], wide[-1]
    for line, row in numbered[:first]:
        doc.blocks.append(Paragraph(next(c for c in row if c.strip()), line, bold=True))
    body = [row for _, row in numbered[first: last + 1]]
    width = max(len(r) for r in body)
    while width and not any(len(r) >= width and r[width - 1].strip() for r in body):
        width -= 1
    doc.blocks.append(Table(rows=[(r + [""] * width)[:width] for r in body], line=numbered[first][0]))
    for line, row in numbered[last + 1:]:
        doc.blocks.append(Paragraph(next(c for c in row if c.strip()), line))
