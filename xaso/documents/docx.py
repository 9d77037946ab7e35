"""Word .docx: paragraphs with their style, bold and list numbering, and tables, in document order."""

from __future__ import annotations

import io
import re

from .errors import DocumentError
from .limits import Tally
from .model import Document, Paragraph, Table
from .wrap import join_wrapped

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str, tally: Tally | None = None) -> Document:
    import docx

    tally = tally or Tally(name)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XMLSyntaxError…) for broken parts
        raise _broken(name) from exc
    try:
        return _read_body(document, name, tally)
    except (DocumentError, MemoryError, RecursionError):
        raise
    except Exception as exc:  # a part that opened but does not hold what Word writes (a table row without cells…)
        raise _broken(name) from exc


def _broken(name: str) -> DocumentError:
    return DocumentError(f"Tệp “{name}” bị hỏng hoặc không phải văn bản Word (.docx) hợp lệ.", "bad_docx")


def _read_body(document, name: str, tally: Tally) -> Document:
    from docx.table import Table as DocxTable

    doc = Document(name=name, format="docx")
    pending: list[Paragraph] = []
    styles = _style_table(document)

    def flush():
        if pending:
            doc.blocks.extend(join_wrapped(pending, wrapped=False))
            pending.clear()

    for index, element in enumerate(document.element.body.iterchildren(), start=1):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            style_name, style_bold = styles.get(element.style, styles.get(None, ("", False)))
            text, bold = _text_and_bold(element, style_bold)
            pieces = [re.sub(r"[ \t\u00a0]+", " ", piece).strip() for piece in text.split("\n")]
            if not any(pieces):
                continue
            heading = _heading_level(style_name)
            bullet = element.find(f"{W}pPr/{W}numPr") is not None or style_name.startswith("List")
            for piece in pieces:
                if piece:
                    tally.paragraph(piece)
                    pending.append(Paragraph(piece, index, bold=bold, heading=heading, bullet=bullet))
        elif tag == "tbl":
            flush()
            rows = []
            for row in DocxTable(element, document).rows:
                cells = [_cell_text(cell) for cell in row.cells]
                tally.row(cells)
                rows.append(cells)
            doc.blocks.append(Table(rows=rows, line=index))
    flush()
    return doc


def _style_table(document) -> dict:
    """styleId → (name, bold), looked up once: python-docx resolves a paragraph's style slowly."""
    table = {}
    for style in document.styles:
        try:
            table[style.style_id] = (style.name or "", bool(style.font.bold))
        except (AttributeError, ValueError):
            continue
    default = document.styles.default(1) if hasattr(document.styles, "default") else None
    table[None] = (default.name, bool(default.font.bold)) if default is not None else ("Normal", False)
    return table


def _cell_text(cell) -> str:
    return "\n".join(p.text.strip() for p in cell.paragraphs if p.text.strip())


def _heading_level(style: str) -> int:
    if m := re.match(r"(?:Heading|Tiêu đề)\s*(\d)", style, re.IGNORECASE):
        return int(m.group(1))
    return 1 if style == "Title" else 0


def _text_and_bold(element, style_bold: bool) -> tuple[str, bool]:
    """A paragraph's text (runs inside hyperlinks too) and whether every run with text is bold."""
    parts: list[str] = []
    bold_runs = text_runs = 0
    for run in element.iter(f"{W}r"):
        run_text = []
        for child in run:
            tag = child.tag
            if tag == f"{W}t":
                run_text.append(child.text or "")
            elif tag == f"{W}tab":
                run_text.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                run_text.append("\n")
        text = "".join(run_text)
        parts.append(text)
        if text.strip():
            text_runs += 1
            b = run.find(f"{W}rPr/{W}b")
            if (b is None and style_bold) or (b is not None and b.get(f"{W}val", "true") not in ("false", "0", "off")):
                bold_runs += 1
    return "".join(parts), text_runs > 0 and bold_runs == text_runs
