"""Word .docx: paragraphs with their style, bold and list numbering, and tables, in document order."""

from __future__ import annotations

import io
import re

from .errors import DocumentError
from .model import Document, Paragraph, Table
from .wrap import join_wrapped

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> Document:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph as DocxParagraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XMLSyntaxError…) for broken parts
        raise DocumentError(f"Tệp “{name}” bị hỏng hoặc không phải văn bản Word (.docx) hợp lệ.", "bad_docx") from exc
    doc = Document(name=name, format="docx")
    pending: list[Paragraph] = []

    def flush():
        if pending:
            doc.blocks.extend(join_wrapped(pending, wrapped=False))
            pending.clear()

    for index, element in enumerate(document.element.body.iterchildren(), start=1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = DocxParagraph(element, document)
            for piece in paragraph.text.split("\n"):
                text = re.sub(r"[ \t\u00a0]+", " ", piece).strip()
                if text:
                    pending.append(Paragraph(text, index, bold=_is_bold(paragraph), heading=_heading_level(paragraph),
                                             bullet=_is_list_item(paragraph, element)))
        elif tag == "tbl":
            flush()
            rows = [[_cell_text(cell) for cell in row.cells] for row in DocxTable(element, document).rows]
            doc.blocks.append(Table(rows=rows, line=index))
    flush()
    return doc


def _is_list_item(paragraph, element) -> bool:
    if element.find(f"{W}pPr/{W}numPr") is not None:
        return True
    style = paragraph.style.name if paragraph.style is not None else ""
    return (style or "").startswith("List")


def _cell_text(cell) -> str:
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _heading_level(paragraph) -> int:
    style = paragraph.style.name if paragraph.style is not None else ""
    if m := re.match(r"(?:Heading|Tiêu đề)\s*(\d)", style or "", re.IGNORECASE):
        return int(m.group(1))
    return 1 if style == "Title" else 0


def _is_bold(paragraph) -> bool:
    runs = [r for r in paragraph.runs if r.text.strip()]
    if not runs:
        return False
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    return all(r.bold or (r.bold is None and style_bold) for r in runs)
