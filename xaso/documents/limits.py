"""How much of a document the readers take, counted as they go: a file small on disk can hold millions of empty
rows, a paragraph per line, or a page count no one could read. Every reader counts what it builds here and stops
at the first limit passed, before the rest of the file costs time or memory.

`Limits` are the numbers (the upload checks of uploads.py read its byte limits too); `Tally` counts one reading.
A reader makes one (`Tally(name, limits)`) and calls `page()`, `paragraph(text)`, `row(cells)`, `cells(n)` or
`sheet_row(n)`, `chars(n)` for each thing it keeps; each raises the readers' DocumentError ("too_large", or "too_many_pages")
with a Vietnamese message naming the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .errors import DocumentError


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024  # a .docx/.xlsx whose parts inflate past this is a zip bomb
    max_pdf_pages: int = 500
    max_image_pixels: int = 50_000_000  # a 50-megapixel photo; an image claiming more is a decompression bomb
    # A real commune plan: about 400 paragraphs, 300 table cells and 60,000 characters.
    max_paragraphs: int = 20_000
    max_lines: int = 200_000  # lines of a text file, blank ones included
    max_rows: int = 20_000  # table rows kept, every table and sheet together
    # Spreadsheet rows read, empty ones too: the streaming reader still keeps a little of each row it passes.
    max_sheet_rows: int = 100_000
    max_cells: int = 500_000  # cells read, empty ones too
    max_chars: int = 500_000  # characters of text taken from the document
    max_ocr_seconds: float = 60.0  # one scanned page's recognition (about 2 s on a clean page, 5 on a busy machine)


def number_text(n: int) -> str:
    """20000 → "20.000", as Vietnamese writes numbers."""
    return f"{n:,}".replace(",", ".")


class Tally:
    """What one reading has taken so far."""

    def __init__(self, name: str, limits: Limits = Limits()):
        self.name = name
        self.limits = limits
        self.pages = self.paragraphs = self.lines = self.rows = self.sheet_rows = self.cell_count = self.char_count = 0

    def _refuse(self, what: str, limit: int) -> DocumentError:
        return DocumentError(
            f"Văn bản “{self.name}” quá lớn để xử lý: có hơn {number_text(limit)} {what} (giới hạn của hệ thống). "
            "Hãy bỏ phần không thuộc kế hoạch (dòng trống, trang thừa) hoặc tách thành nhiều tệp nhỏ hơn.",
            "too_large")

    def page(self) -> None:
        self.pages += 1
        if self.pages > self.limits.max_pdf_pages:
            raise DocumentError(f"Tệp PDF “{self.name}” có hơn {number_text(self.limits.max_pdf_pages)} trang, vượt "
                                f"giới hạn {number_text(self.limits.max_pdf_pages)} trang.", "too_many_pages")

    def paragraph(self, text: str, *, counted: bool = False) -> None:
        """`counted`: its characters were counted already (a text file counts all of its characters first)."""
        self.paragraphs += 1
        if self.paragraphs > self.limits.max_paragraphs:
            raise self._refuse("đoạn văn", self.limits.max_paragraphs)
        if not counted:
            self.chars(len(text))

    def line_count(self, count: int) -> None:
        self.lines += count
        if self.lines > self.limits.max_lines:
            raise self._refuse("dòng", self.limits.max_lines)

    def row(self, cells: Sequence[str], *, counted: bool = False) -> None:
        """A table row kept: its cells and their text count too, unless `counted` already (a text file counts its
        characters first, a spreadsheet counts cells as it reads them)."""
        self.rows += 1
        if self.rows > self.limits.max_rows:
            raise self._refuse("dòng bảng", self.limits.max_rows)
        if not counted:
            self.cells(len(cells))
            self.chars(sum(len(cell) for cell in cells))

    def sheet_row(self, cells: int) -> None:
        """A spreadsheet row read, empty or not, and its cells."""
        self.sheet_rows += 1
        if self.sheet_rows > self.limits.max_sheet_rows:
            raise self._refuse("dòng (kể cả dòng trống)", self.limits.max_sheet_rows)
        self.cells(cells)

    def cells(self, count: int) -> None:
        self.cell_count += count
        if self.cell_count > self.limits.max_cells:
            raise self._refuse("ô bảng", self.limits.max_cells)

    def chars(self, count: int) -> None:
        self.char_count += count
        if self.char_count > self.limits.max_chars:
            raise self._refuse("ký tự", self.limits.max_chars)
