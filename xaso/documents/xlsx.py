"""Excel .xlsx: each sheet a table; the extractor recognises its header row by meaning.

A real appendix sheet carries title rows above its table ("PHỤ LỤC I", "DANH MỤC CHỈ TIÊU … NĂM 2026", "(Kèm theo
Kế hoạch số …)") and notes or a signature below it: rows holding one text (a merged title counts once) before the
first row of two or more cells and after the last one are read as paragraphs, so the title says whose plan it is and
for which year. Merged cells are repeated over the cells they cover, as Word's are.

Rows are read one at a time and counted against the limits as they come (limits.py), whatever size the sheet
declares: a declared size ("dimension") can be stale (rows past it would be lost) or missing (a sheet of a million
empty rows). Empty rows are counted, not kept.
"""

from __future__ import annotations

import io
import re
from datetime import date, datetime

from .errors import DocumentError
from .limits import Tally
from .model import Document, Paragraph, Table

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
    """(first row, first column, last row, last column), 1-based, read from the sheet's XML in pieces (the streaming
    reader does not expose them; the list sits at the end of a sheet that may be large)."""
    found: list[tuple[int, int, int, int]] = []
    overlap = 1000  # longer than any <mergeCell …/> element
    try:
        with sheet._get_source() as source:  # openpyxl's read-only sheet: its part of the archive
            carry = b""
            while len(found) < 5000:
                chunk = source.read(1 << 20)
                buffer = carry + chunk
                cut = len(buffer) if not chunk else len(buffer) - overlap
                for m in _MERGE.finditer(buffer):
                    if m.start() < cut:
                        c1, r1, c2, r2 = m.groups()
                        found.append((int(r1), _column(c1), int(r2), _column(c2)))
                if not chunk:
                    break
                carry = buffer[max(cut, 0):]
    except (AttributeError, KeyError, OSError):
        return []
    return found[:5000]


def _fill_merged(rows: dict[int, list[str]], last: int, merged) -> None:
    """`rows`: the rows holding text, by number; `last`: the number of rows the sheet has."""
    for r1, c1, r2, c2 in merged:
        if r1 > last or r2 - r1 > 500 or c2 - c1 > 100:
            continue
        top = rows.get(r1, [])
        value = top[c1 - 1] if c1 - 1 < len(top) else ""
        if not value:
            continue
        for r in range(r1, min(r2, last) + 1):
            row = rows.setdefault(r, [])
            row.extend([""] * (c2 - len(row)))
            for c in range(c1, c2 + 1):
                if not row[c - 1]:
                    row[c - 1] = value


def _distinct(row: list[str]) -> int:
    return len({c for c in row if c.strip()})


def open_read_only(data: bytes):
    """openpyxl's streaming reader, which looks for a sheet's declared size only where Excel writes it (before the
    rows). openpyxl itself parses the whole sheet when the size is missing, keeping a little of every row: a sheet
    of two million empty rows took 57 s and 2.5 GB before a single row was read."""
    import openpyxl
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    if ReadOnlyWorksheet._get_size is not _size_before_rows:
        ReadOnlyWorksheet._get_size = _size_before_rows
    return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)


def _size_before_rows(sheet) -> None:
    from openpyxl.worksheet._reader import DATA_TAG, DIMENSION_TAG
    from openpyxl.worksheet.dimensions import SheetDimension
    from openpyxl.xml.functions import iterparse

    with sheet._get_source() as source:
        for _event, element in iterparse(source, events=("start",)):
            if element.tag == DIMENSION_TAG:
                if element.get("ref"):
                    boundaries = SheetDimension.from_tree(element).boundaries
                    sheet._min_column, sheet._min_row, sheet._max_column, sheet._max_row = boundaries
                return
            if element.tag == DATA_TAG:
                return


def read_xlsx(data: bytes, name: str, tally: Tally | None = None) -> Document:
    tally = tally or Tally(name)
    try:
        workbook = open_read_only(data)
    except Exception as exc:  # openpyxl raises several kinds for broken or foreign files
        raise _broken(name) from exc
    doc = Document(name=name, format="xlsx")
    try:
        for sheet in workbook.worksheets:
            _read_sheet(doc, sheet, tally)
    except (DocumentError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # a sheet that opened but is damaged inside (broken XML, a cell of an unknown type)
        raise _broken(name) from exc
    finally:
        workbook.close()
    return doc


def _broken(name: str) -> DocumentError:
    return DocumentError(f"Tệp “{name}” bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ.", "bad_xlsx")


def _read_sheet(doc: Document, sheet, tally: Tally) -> None:
    if not hasattr(sheet, "reset_dimensions"):
        return  # a chart sheet: no cells
    sheet.reset_dimensions()  # read every row the sheet holds, not the size it declares
    rows: dict[int, list[str]] = {}
    number = 0
    for number, row in enumerate(sheet.iter_rows(), start=1):
        tally.sheet_row(len(row))
        cells = [_cell(c) for c in row]
        while cells and not cells[-1]:
            cells.pop()
        if any(c.strip() for c in cells):
            tally.row(cells, counted=True)
            tally.chars(sum(len(c) for c in cells))
            rows[number] = cells
    _fill_merged(rows, number, _merged_ranges(sheet))
    _add_sheet(doc, [(line, rows[line]) for line in sorted(rows)])


def _add_sheet(doc: Document, rows: list[tuple[int, list[str]]]) -> None:
    """`rows`: (row number, cells) of the rows holding text, in order."""
    numbered = [(line, row) for line, row in rows if any(c.strip() for c in row)]
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
