"""The PDF reader xaso had before it read PDFs with pdfium (xaso/documents/pdf.py): pdfplumber, character by character.

Kept, unchanged but for its imports, as the reference the new reader must agree with on every generated PDF
(tests/documents/test_pdf_reader.py): same paragraphs, lines, pages, bold, bullets and table cells."""

from __future__ import annotations

import io
import logging

from xaso.documents.errors import DocumentError
from xaso.documents.model import Document, Paragraph, Table
from xaso.documents.wrap import join_wrapped, split_bullet

logging.getLogger("pdfminer").setLevel(logging.ERROR)
PAGES_PER_OPEN = 20


def _refused(name: str, exc: Exception, page: int | None = None) -> DocumentError:
    """pdfminer raises many kinds of errors for broken or locked files: one Vietnamese message for each case."""
    if exc.__class__.__name__ == "PDFPasswordIncorrect" or "password" in repr(exc).lower():
        return DocumentError(f"Tệp PDF “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lại.", "encrypted")
    where = f" ở trang {page}" if page else ""
    return DocumentError(f"Tệp “{name}” bị hỏng{where}, không đọc được như tệp PDF.", "bad_pdf")


def read_pdf(data: bytes, name: str, limits) -> Document:
    import pdfplumber

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise DocumentError(f"Tệp “{name}” không phải tệp PDF hợp lệ.", "bad_pdf")
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            total = len(pdf.pages)
    except Exception as exc:
        raise _refused(name, exc) from None
    if total > limits.max_pdf_pages:
        raise DocumentError(f"Tệp PDF “{name}” có {total} trang, vượt giới hạn {limits.max_pdf_pages} trang.", "too_many_pages")
    doc = Document(name=name, format="pdf")
    lines: list[Paragraph] = []
    # pdfminer caches every object it parses for as long as the file is open: reopening it every few
    # pages keeps a long PDF's memory flat.
    for first in range(1, total + 1, PAGES_PER_OPEN):
        numbers = list(range(first, min(first + PAGES_PER_OPEN, total + 1)))
        number = first
        try:
            with pdfplumber.open(io.BytesIO(data), pages=numbers) as chunk:
                for number, page in zip(numbers, chunk.pages):
                    _read_page(page, number, doc, lines)
                    page.flush_cache()
        except Exception as exc:
            raise _refused(name, exc, number) from None
    _flush(lines, doc)
    if sum(len(p.text) for p in doc.paragraphs) + sum(len(" ".join(r)) for t in doc.tables for r in t.rows) < 40:
        raise DocumentError(
            f"Tệp PDF “{name}” không có lớp chữ (có thể là bản quét ảnh). Hãy dùng tệp Word gốc, hoặc PDF xuất từ Word.",
            "no_text",
        )
    return doc


def _flush(lines: list[Paragraph], doc: Document):
    if lines:
        doc.blocks.extend(join_wrapped(lines, wrapped=True))
        lines.clear()


def _read_page(page, number: int, doc: Document, lines: list[Paragraph]):
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]

    def outside(obj):
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside) if boxes else page
    items = []
    for line_no, line in enumerate(text_page.extract_text_lines(return_chars=True), start=1):
        chars = [c for c in line["chars"] if c["text"].strip()]
        bold = bool(chars) and sum("bold" in c.get("fontname", "").lower() for c in chars) > len(chars) / 2
        text, bullet = split_bullet(line["text"].strip())
        items.append((line["top"], Paragraph(text, line_no, bold=bold, bullet=bullet, page=number)))
    for table in tables:
        rows = [[(cell or "").strip() for cell in row] for row in table.extract()]
        if rows:
            items.append((table.bbox[1], Table(rows=rows, line=0, page=number)))
    items.sort(key=lambda item: item[0])
    for _, block in items:
        if isinstance(block, Table):
            _flush(lines, doc)
            doc.blocks.append(block)
        elif block.text:
            lines.append(block)
