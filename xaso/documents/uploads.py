"""What an uploaded file really is: its bytes checked against its extension before anything keeps or reads it.

A Windows program renamed .docx must get the same answer wherever a user gives a file: the import page
(through `read_bytes`) and the evidence of a report (through `check_upload`). The checks and their
Vietnamese messages live here once. Pure Python, no Django.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from .errors import DocumentError
from .limits import Limits

# What each extension promises, as a user calls it.
KINDS = {
    ".docx": "tệp Word (.docx)", ".xlsx": "tệp Excel (.xlsx)", ".pdf": "tệp PDF",
    ".png": "ảnh PNG (.png)", ".jpg": "ảnh JPEG (.jpg)", ".jpeg": "ảnh JPEG (.jpeg)",
}
# The first bytes of each kind, and what a file starting so really is (for the message).
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .doc/.xls, and Office files locked with a password
MAGIC = [
    (b"MZ", "một chương trình Windows (.exe)"),
    (b"\x7fELF", "một chương trình máy tính"),
    (b"%PDF-", "một tệp PDF"),
    (OLE, "một tệp Word/Excel đời cũ (.doc/.xls)"),
    (b"PK\x03\x04", "một tệp nén (.zip)"),
    (b"\x89PNG\r\n\x1a\n", "một ảnh PNG"),
    (b"\xff\xd8\xff", "một ảnh JPEG"),
    (b"GIF8", "một ảnh GIF"),
    (b"Rar!\x1a\x07", "một tệp nén RAR"),
    (b"7z\xbc\xaf\x27\x1c", "một tệp nén 7z"),
    (b"{\\rtf", "một văn bản RTF"),
]
SIGNATURES = {".docx": b"PK\x03\x04", ".xlsx": b"PK\x03\x04", ".pdf": b"%PDF-", ".png": b"\x89PNG\r\n\x1a\n",
              ".jpg": b"\xff\xd8\xff", ".jpeg": b"\xff\xd8\xff"}
# The folder of a zip's parts that says which Office document it is.
ZIP_PARTS = {"word/": "một văn bản Word (.docx)", "xl/": "một bảng tính Excel (.xlsx)",
             "ppt/": "một bản trình chiếu PowerPoint (.pptx)"}
WRONG_KIND_CODE = {".docx": "not_zip", ".xlsx": "not_zip", ".pdf": "bad_pdf"}  # codes the import always gave


def size_text(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n / 1024:.0f} KB"


def check_upload(data: bytes, name: str, allowed: Iterable[str], limits: Limits = Limits()) -> None:
    """Everything a file a user hands in must pass before it is stored: its extension is one `allowed`,
    its bytes are that kind, and the library that reads the kind opens it (images decode)."""
    check_extension(name, allowed)
    check_size(len(data), name, limits)
    check_bytes(data, name, limits)
    check_opens(data, name, limits)


def check_extension(name: str, allowed: Iterable[str]) -> str:
    suffix = Path(name).suffix.lower()
    allowed = list(allowed)
    if suffix not in allowed:
        listed = ", ".join(allowed[:-1]) + " hoặc " + allowed[-1] if len(allowed) > 1 else allowed[0]
        raise DocumentError(f"Không nhận tệp “{name}”: chỉ nhận tệp {listed}.", "unsupported")
    return suffix


def check_size(size: int, name: str, limits: Limits) -> None:
    if size > limits.max_bytes:
        raise DocumentError(f"Tệp “{name}” quá lớn ({size_text(size)}); giới hạn là {size_text(limits.max_bytes)}.",
                            "too_large")


def check_bytes(data: bytes, name: str, limits: Limits) -> None:
    """The cheap checks, before any reader library sees the file: not empty, the signature its extension
    promises, and for .docx/.xlsx a zip with the right parts, within the zip-bomb limits."""
    if not data.strip():
        raise DocumentError(f"Tệp “{name}” rỗng: không có nội dung nào để đọc.", "empty")
    suffix = Path(name).suffix.lower()
    signature = SIGNATURES.get(suffix)
    if signature is None:
        return  # .md/.txt: the text reader judges the encoding
    head = data.lstrip()[:16] if suffix == ".pdf" else data[:16]
    if not head.startswith(signature):
        raise _wrong_kind(data, name, suffix)
    if suffix in (".docx", ".xlsx"):
        _check_zip(data, name, suffix, limits)
    elif suffix == ".pdf" and b"%%EOF" not in data[-2048:]:
        # Every PDF ends with %%EOF; a file without it was cut short (an upload that did not finish).
        raise DocumentError(f"Tệp “{name}” bị hỏng (thiếu phần cuối, có thể chưa tải lên hết), "
                            "không đọc được như tệp PDF.", "bad_pdf")


def _actual_kind(data: bytes) -> str | None:
    for magic, kind in MAGIC:
        if data.startswith(magic):
            return kind
    sample = data[:4000]
    if b"\x00" not in sample:
        try:
            sample.decode("utf-8")
        except UnicodeDecodeError as error:
            if error.start < len(sample) - 4:  # not just a character cut at the sample's end
                return None
        return "văn bản thuần (chữ)"
    return None


def _wrong_kind(data: bytes, name: str, suffix: str) -> DocumentError:
    kind, code = KINDS[suffix], WRONG_KIND_CODE.get(suffix, "bad_image")
    if data.startswith(OLE) and suffix in (".docx", ".xlsx"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return DocumentError(f"Tệp “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lại.", "encrypted")
        return DocumentError(f"Tệp “{name}” là tệp Word/Excel đời cũ (.doc/.xls): hãy mở bằng Word/Excel và lưu lại "
                             f"dưới dạng {kind}.", code)
    actual = _actual_kind(data)
    if actual is None:
        return DocumentError(f"Tệp “{name}” không phải {kind} hợp lệ (có thể là tệp khác bị đổi tên).", code)
    return DocumentError(f"Tệp “{name}” không phải {kind} hợp lệ: nội dung là {actual}.", code)


def _check_zip(data: bytes, name: str, suffix: str, limits: Limits) -> None:
    kind = KINDS[suffix]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError, EOFError):
        # NotImplementedError: a damaged header that claims a zip version or method Python does not know
        raise DocumentError(f"Tệp “{name}” bị hỏng, không mở được như {kind}.", "bad_zip") from None
    if sum(info.file_size for info in infos) > limits.max_unzipped_bytes or len(infos) > 5000:
        raise DocumentError(
            f"Tệp “{name}” khi giải nén lớn bất thường (quá {size_text(limits.max_unzipped_bytes)}); "
            "tệp có thể bị làm giả nên không được đọc.", "zip_bomb"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise DocumentError(f"Tệp “{name}” được đặt mật khẩu; hãy gỡ mật khẩu rồi tải lại.", "encrypted")
    names = [info.filename for info in infos]
    folder = "word/" if suffix == ".docx" else "xl/"
    if "[Content_Types].xml" not in names or not any(n.startswith(folder) for n in names):
        actual = next((label for prefix, label in ZIP_PARTS.items()
                       if "[Content_Types].xml" in names and any(n.startswith(prefix) for n in names)),
                      "một tệp nén (.zip)")
        raise DocumentError(f"Tệp “{name}” không phải {kind} hợp lệ: nội dung là {actual}.",
                            "bad_docx" if suffix == ".docx" else "bad_xlsx")


def check_opens(data: bytes, name: str, limits: Limits) -> None:
    """The library that reads the kind opens the file: python-docx, openpyxl, pdfminer; Pillow decodes
    images. The messages are the readers' own (xaso.documents.docx, .xlsx, .pdf), so import and evidence agree."""
    suffix = Path(name).suffix.lower()
    if suffix == ".docx":
        import docx

        try:
            docx.Document(io.BytesIO(data))
        except Exception:  # python-docx raises many kinds (KeyError, XMLSyntaxError…) for broken parts
            raise DocumentError(f"Tệp “{name}” bị hỏng hoặc không phải văn bản Word (.docx) hợp lệ.", "bad_docx") from None
    elif suffix == ".xlsx":
        from .xlsx import open_read_only

        try:
            open_read_only(data).close()
        except Exception:  # openpyxl raises several kinds for broken or foreign files
            raise DocumentError(f"Tệp “{name}” bị hỏng hoặc không phải bảng tính Excel (.xlsx) hợp lệ.",
                                "bad_xlsx") from None
    elif suffix == ".pdf":
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        from .pdf import _refused

        try:
            # The cross-reference table, the catalog and the first page: a locked or broken file fails here,
            # without parsing every page of a long one.
            next(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))
        except Exception as exc:
            raise _refused(name, exc) from None
    elif suffix in (".png", ".jpg", ".jpeg"):
        _check_image(data, name, suffix, limits)


def _check_image(data: bytes, name: str, suffix: str, limits: Limits) -> None:
    from PIL import Image

    expected = {"PNG"} if suffix == ".png" else {"JPEG", "MPO"}  # MPO: a camera's JPEG with a preview inside
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in expected:
                raise _wrong_kind(data, name, suffix)
            if image.width * image.height > limits.max_image_pixels:
                raise DocumentError(
                    f"Ảnh “{name}” quá lớn ({image.width} × {image.height} điểm ảnh); hãy thu nhỏ ảnh "
                    f"(tối đa {limits.max_image_pixels // 1_000_000} triệu điểm ảnh) rồi tải lại.", "image_too_large")
            if suffix != ".png":
                image.draft("RGB", (image.width // 8, image.height // 8))  # decodes every block, at an eighth the memory
            image.load()
    except DocumentError:
        raise
    except Exception:  # Pillow raises OSError, SyntaxError, ValueError, DecompressionBombError… for broken images
        raise DocumentError(f"Ảnh “{name}” bị hỏng, không mở được.", "bad_image") from None
