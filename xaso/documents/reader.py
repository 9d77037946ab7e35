"""Which reader a file needs. The checks every upload passes first (size, signature, zip bombs) live in uploads.py,
shared with the evidence of reports; the limits on what a reader takes (rows, cells, paragraphs, characters) in
limits.py, counted as each reader goes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .errors import DocumentError
from .model import Document
from .limits import Limits, Tally
from .uploads import check_bytes, check_extension, check_size

SUPPORTED_EXTENSIONS = (".docx", ".pdf", ".xlsx", ".html", ".htm", ".md", ".txt", ".jpg", ".jpeg", ".png")
SUPPORTED_LABEL = ".docx, .pdf, .xlsx, .html, .md, .txt, .jpg, .png"  # how the pages and commands name them
IMAGES = (".jpg", ".jpeg", ".png")  # a photo or scan of one page, read by OCR
__all__ = ["SUPPORTED_EXTENSIONS", "SUPPORTED_LABEL", "Limits", "load_path", "read_bytes", "read_path"]


def read_path(path: str | Path, limits: Limits = Limits()) -> Document:
    return read_bytes(load_path(path, limits), Path(path).name, limits)


def load_path(path: str | Path, limits: Limits = Limits()) -> bytes:
    """A file's bytes, refused before they are read when it is missing, a folder or over the size limit."""
    path = Path(path)
    if path.is_dir():
        raise DocumentError(f"Không mở được “{path}”: đây là một thư mục, không phải tệp; hãy chỉ ra một tệp trong "
                            "thư mục.", "folder")
    try:
        size = path.stat().st_size
        check_size(size, path.name, limits)
        return path.read_bytes()
    except OSError:
        raise DocumentError(f"Không mở được tệp “{path.name}”: tệp không tồn tại hoặc không có quyền đọc.", "missing") from None


Progress = Callable[[int, int], None]  # (pages done, pages in all): a long read (a scan) reports as it goes


def read_bytes(data: bytes, name: str, limits: Limits = Limits(), progress: Progress | None = None) -> Document:
    """Read a document from its bytes; the extension says what the user meant, the bytes what it is."""
    doc = _read(data, name, limits, progress)
    if progress and doc.format != "pdf":  # a PDF reports after each of its pages
        progress(1, 1)
    return doc


def _read(data: bytes, name: str, limits: Limits, progress: Progress | None) -> Document:
    suffix = check_extension(name, SUPPORTED_EXTENSIONS)
    check_size(len(data), name, limits)
    check_bytes(data, name, limits)
    if suffix == ".docx":
        from .docx import read_docx

        return read_docx(data, name, Tally(name, limits))
    if suffix == ".xlsx":
        from .xlsx import read_xlsx

        return read_xlsx(data, name, Tally(name, limits))
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(data, name, limits, progress)
    if suffix in IMAGES:
        from .image import read_image

        return read_image(data, name, limits)
    if suffix in (".html", ".htm"):
        from .html import read_html

        return read_html(data, name, Tally(name, limits))
    from .text import read_text

    return read_text(data, name, Tally(name, limits))
