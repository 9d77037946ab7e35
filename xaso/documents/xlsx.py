"""Excel .xlsx: each sheet a table; the extractor recognises its header row by meaning."""

from __future__ import annotations

import io

from .errors import DocumentError
from .model import Document, Table


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


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
            for row in sheet.iter_rows(values_only=True):
                cells = [_cell(v) for v in row]
                if any(cells):
                    rows.append(cells)
                if len(rows) > 20000:
                    raise DocumentError(f"Bảng tính “{name}” có quá nhiều dòng (trên 20.000).", "too_large")
            if rows:
                doc.blocks.append(Table(rows=rows, line=1, page=None))
    finally:
        workbook.close()
    return doc
