"""Every dashboard table downloadable as XLSX and as CSV that a Vietnamese-locale Excel opens as columns.

Excel set to Vietnamese reads "," as the decimal mark, so its CSV separator is ";": the CSV is written with ";",
a UTF-8 byte-order mark (or Excel guesses the code page and the diacritics break) and numbers as 1.234,5.
The XLSX keeps numbers as numbers, shown with the reader's own separators.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from django.http import HttpResponse

from xaso.core.cells import append_row, inert_text, sheet_title
from xaso.core.numbers import format_number
from xaso.downloads import attachment, file_name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DECIMAL_FORMAT = "#,##0.0#"
CSV_SEPARATOR = ";"


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal)):
        return format_number(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return inert_text(str(value))


def table_response(title: tuple, header: list[str], rows: list[list], fmt: str) -> HttpResponse:
    """`title`: the words (and period) of the file's name, as xaso.downloads.file_name takes them."""
    if fmt == "xlsx":
        import openpyxl
        from openpyxl.styles import Font

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = sheet_title(title[0])
        append_row(sheet, header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_row(sheet, row)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, (float, Decimal)):
                    cell.number_format = DECIMAL_FORMAT
                elif isinstance(cell.value, date):
                    cell.number_format = "DD/MM/YYYY"
        sheet.freeze_panes = "A2"
        for column in sheet.columns:
            width = max(len(str(c.value or "")) for c in column)
            sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
        out = io.BytesIO()
        workbook.save(out)
        return attachment(out.getvalue(), file_name(*title, extension="xlsx"), XLSX)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=CSV_SEPARATOR)
    writer.writerow([inert_text(text) for text in header])
    writer.writerows([_csv_cell(value) for value in row] for row in rows)
    return attachment("\ufeff" + out.getvalue(), file_name(*title, extension="csv"), "text/csv; charset=utf-8")
