"""A photo or scan of one page (.jpg, .png) read by OCR into the paragraphs and tables a text PDF's page gives.

A phone photo is turned as the camera meant (its EXIF orientation) and taken as an A4 page's width, so the PDF
reader's tolerances (in points) hold for its words and lines. The upload checks (uploads.py: signature, decodes,
decompression-bomb limit) come first.
"""

from __future__ import annotations

import io

from .errors import DocumentError
from .model import Document, Paragraph
from .uploads import check_opens

A4_WIDTH = 595.0  # points


def read_image(data: bytes, name: str, limits) -> Document:
    from PIL import Image, ImageOps

    from .pdf import Scans, _flush, place_page

    check_opens(data, name, limits)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            image = ImageOps.exif_transpose(opened).convert("L")
    except Exception:  # Pillow's many kinds for an image that decodes its header but not its body
        raise DocumentError(f"Ảnh “{name}” bị hỏng, không mở được.", "bad_image") from None
    doc = Document(name=name, format="image")
    scans = Scans(name, limits)
    runs, edges = scans.read(image, image.width / A4_WIDTH, 1)
    lines: list[Paragraph] = []
    place_page(runs, edges, 1, doc, lines)
    _flush(lines, doc)
    doc.unsure = scans.unsure
    if sum(len(p.text) for p in doc.paragraphs) + sum(len(" ".join(r)) for t in doc.tables for r in t.rows) < 40:
        raise DocumentError(f"Không nhận dạng được chữ trong ảnh “{name}”: ảnh quá mờ, quá nhỏ hoặc không phải trang "
                            "văn bản. Hãy chụp lại thẳng, đủ sáng, cả trang rõ nét.", "no_text")
    return doc
