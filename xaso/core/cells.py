"""Spreadsheet cells that stay text: what a user typed never runs as a formula in an officer's Excel.

Excel (and LibreOffice) read a CSV cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula,
so a commune named `=HYPERLINK(…)` would run on every desktop that opens the export. OWASP's advice is followed:
such text is written with a leading apostrophe in CSV, which Excel shows as plain text. In .xlsx a string is
stored as a string cell (openpyxl would otherwise store any text starting with `=` as a formula). Numbers, dates
and booleans are values, not text, and stay as they are — a negative number stays a number.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SHEET_TITLE_LENGTH = 31  # Excel refuses a longer sheet name
SHEET_TITLE_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def sheet_title(words: str) -> str:
    """A sheet's name from a table's title, as Excel allows it: at most 31 characters, cut at a word, never mid-word
    ("Lãnh đạo, chỉ đạo, kiểm tra, giám sát" → "Lãnh đạo, chỉ đạo, kiểm tra"), none of [ ] : * ? / \\."""
    words = " ".join(words.translate(SHEET_TITLE_FORBIDDEN).split())
    if len(words) <= SHEET_TITLE_LENGTH:
        return words or "Bảng"
    head = words[:SHEET_TITLE_LENGTH + 1]
    cut = head.rsplit(" ", 1)[0].rstrip(" ,;-–") if " " in head else ""
    return cut or words[:SHEET_TITLE_LENGTH]


def inert_text(value):
    """A CSV cell: text that would start a formula gets a leading apostrophe; anything else is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def append_row(sheet, row) -> None:
    """sheet.append(row) for an openpyxl worksheet, every text cell kept a string cell, never a formula."""
    sheet.append(list(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
