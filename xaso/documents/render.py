"""One page of a PDF as a PNG, for the import review's page image: run in the budgeted child (sandbox.run), since
the file is a user's and a page can be costly to draw. Pure Python over pypdfium2 and Pillow, no Django."""

from __future__ import annotations

import io

from .errors import DocumentError

DPI = 100  # enough to read a scanned A4 page beside the rows (about 830 × 1170 pixels), small to send


def page_png(data: bytes, name: str, page: int, dpi: int = DPI) -> bytes:
    """Page `page` (from 1) drawn at `dpi`; DocumentError("no_page") when the file has no such page."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError:
        raise DocumentError(f"Không mở được “{name}” như tệp PDF.", "bad_pdf") from None
    try:
        if not 1 <= page <= len(pdf):
            raise DocumentError(f"“{name}” không có trang {page}.", "no_page")
        image = pdf[page - 1].render(scale=dpi / 72).to_pil()
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=False)
        return out.getvalue()
    finally:
        pdf.close()
