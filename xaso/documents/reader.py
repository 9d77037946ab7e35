"""Which reader a file needs, and the limits that keep a hostile file from hurting the server."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import DocumentError
from .model import Document

SUPPORTED_EXTENSIONS = (".docx", ".pdf", ".xlsx", ".html", ".htm", ".md", ".txt")
SUPPORTED_LABEL = ".docx, .pdf, .xlsx, .html, .md, .txt"  # how the pages and commands name them


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_unzipped_bytes: int = 200 * 1024 * 1024  # a .docx/.xlsx whose parts inflate past this is a zip bomb
    max_pdf_pages: int = 500


def _size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def read_path(path: str | Path, limits: Limits = Limits()) -> Document:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise DocumentError(f"Không mở được tệp “{path.name}”: tệp không tồn tại hoặc không có quyền đọc.", "missing") from None
    if size > limits.max_bytes:
        raise DocumentError(
            f"Tệp “{path.name}” quá lớn ({_size_text(size)}); giới hạn là {_size_text(limits.max_bytes)}.", "too_large"
        )
    return read_bytes(path.read_bytes(), path.name, limits)


def read_bytes(data: bytes, name: str, limits: Limits = Limits()) -> Document:
    """Read a document from its bytes; the extension says what the user meant, the bytes what it is."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_EXTENSIONS:
        raise DocumentError(
            f"Không đọc được tệp “{name}”: chỉ nhận tệp {SUPPORTED_LABEL}.", "unsupported"
        )
    if len(data) > limits.max_bytes:
        raise DocumentError(
            f"Tệp “{name}” quá lớn ({_size_text(len(data))}); giới hạn là {_size_text(limits.max_bytes)}.", "too_large"
        )
    if not data.strip():
        raise DocumentError(f"Tệp “{name}” rỗng: không có nội dung nào để đọc.", "empty")
    if suffix in (".docx", ".xlsx"):
        _check_zip(data, name, limits)
        if suffix == ".docx":
            from .docx import read_docx

            return read_docx(data, name)
        from .xlsx import read_xlsx

        return read_xlsx(data, name)
    if suffix == ".pdf":
        from .pdf import read_pdf

        return read_pdf(data, name, limits)
    if suffix in (".html", ".htm"):
        from .html import read_html

        return read_html(data, name)
    from .text import read_text

    return read_text(data, name)


def _check_zip(data: bytes, name: str, limits: Limits):
    kind = "Word (.docx)" if name.lower().endswith(".docx") else "Excel (.xlsx)"
    if not data.startswith(b"PK"):
        raise DocumentError(
            f"Tệp “{name}” không phải tệp {kind} hợp lệ (có thể là tệp khác bị đổi tên, hoặc tệp .doc/.xls cũ: "
            f"hãy mở bằng Word/Excel và lưu lại dưới dạng {kind}).", "not_zip"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        # NotImplementedError: a damaged header that claims a zip version or method Python does not know
        raise DocumentError(f"Tệp “{name}” bị hỏng, không mở được như tệp {kind}.", "bad_zip") from None
    if sum(info.file_size for info in infos) > limits.max_unzipped_bytes or len(infos) > 5000:
        raise DocumentError(
            f"Tệp “{name}” khi giải nén lớn bất thường (quá {_size_text(limits.max_unzipped_bytes)}); "
            "tệp có thể bị làm giả nên không được đọc.", "zip_bomb"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise DocumentError(f"Tệp “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lại.", "encrypted")
