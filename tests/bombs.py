"""Documents small on disk and costly to read, as an attacker sends them to the public check page, and the damaged
or oddly encoded files a careless user sends. Each is made in memory, in the shape the attack used."""

from __future__ import annotations

import io
import re
import zipfile

from xaso import demo_documents as dd

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _replace_part(data: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, content if info.filename == part else source.read(info.filename))
    return out.getvalue()


def many_lines_docx(lines: int) -> bytes:
    """One short line per paragraph, each running on from the one before (lower case, no full stop): the reader
    joins them all into one paragraph. 8,000 such lines cost 37 s of CPU to join before the join was linear."""
    import docx

    blank = io.BytesIO()
    docx.Document().save(blank)
    body = "".join(f"<w:p><w:r><w:t>thực hiện nhiệm vụ số {i} của xã</w:t></w:r></w:p>" for i in range(lines))
    xml = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}</w:body></w:document>'
    return _replace_part(blank.getvalue(), "word/document.xml", xml.encode())


def _sheet_xml(rows: str, dimension: str | None = None) -> bytes:
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><worksheet {ns}>{dim}<sheetData>{rows}</sheetData></worksheet>'.encode()


def _blank_xlsx() -> bytes:
    import openpyxl

    out = io.BytesIO()
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "x"
    workbook.save(out)
    return out.getvalue()


def empty_rows_xlsx(rows: int = 2_000_000) -> bytes:
    """A title and then `rows` empty rows, with no declared size: read whole, it took 57 s and 2.5 GB."""
    title = '<row r="1"><c r="A1" t="inlineStr"><is><t>KẾ HOẠCH CHUYỂN ĐỔI SỐ</t></is></c></row>'
    empty = "<row/>" * rows  # a row without its number is the one after the last
    return _replace_part(_blank_xlsx(), "xl/worksheets/sheet1.xml", _sheet_xml(title + empty))


def stale_dimension_xlsx(tasks: int = 30) -> bytes:
    """A plan's task table of `tasks` rows whose declared size says A1:G7: read by its declared size, 7 rows."""
    data = dd.to_xlsx(dd.make_plan(seed=5, tasks=tasks))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    stale, count = re.subn(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:G7"/>', sheet)
    assert count == 1
    return _replace_part(data, "xl/worksheets/sheet1.xml", stale)


def damaged_xlsx() -> bytes:
    """A workbook that opens (its zip and workbook part are whole) with a sheet cut off mid-row."""
    data = dd.to_xlsx(dd.make_plan(seed=5))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    return _replace_part(data, "xl/worksheets/sheet1.xml", sheet[: len(sheet) // 2])


def utf32_text(bom: bool = True) -> bytes:
    """A plan saved as UTF-32 (Notepad++ and some converters offer it)."""
    text = dd.to_markdown(dd.make_plan(seed=5))
    return text.encode("utf-32" if bom else "utf-32-le")


def huge_text(megabytes: int = 19) -> bytes:
    """Just under the 20 MB upload limit of short lines."""
    line = "thực hiện nhiệm vụ của xã\n".encode()
    return line * (megabytes * 1024 * 1024 // len(line))
