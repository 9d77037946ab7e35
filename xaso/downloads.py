"""Every file the app hands out (exports, reports, drafts, evidence, source documents) leaves through here.

The browser saves it under a name in Vietnamese words ("Xếp hạng xã Tỉnh Minh Sơn Quý III-2026.xlsx"), sent
the way RFC 6266 asks: `attachment; filename="xep-hang-xa-tinh-minh-son-quy-III-2026.xlsx";
filename*=utf-8''X%E1%BA%BFp…`, the plain-ASCII name for old clients and the UTF-8 one for everyone else.
"""

from __future__ import annotations

import re
import unicodedata

from django.http import FileResponse, HttpResponse
from django.utils.http import content_disposition_header

from xaso.core.periods import Period, label_of

MAX_NAME = 150  # characters before the extension: Windows and most file systems take 255 bytes
FALLBACK = "tep-tai-ve"
# Characters Windows refuses in a file name, a path separator, and those that would end or split the header.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|;\x00-\x1f\x7f]+')


def file_name(*words, extension: str) -> str:
    """A file name from words and periods: file_name("Xếp hạng xã", Period(2026, "quarter", 3), extension="xlsx")
    gives "Xếp hạng xã Quý III-2026.xlsx". A period is written with its label, never its code."""
    text = " ".join(label_of(w) if isinstance(w, Period) else str(w) for w in words if w not in (None, ""))
    return f"{clean(text)}.{extension}"


def clean(name: str) -> str:
    """A name as a user's file may carry it, made safe to save: no path, no control or forbidden characters."""
    text = unicodedata.normalize("NFC", str(name or ""))
    text = _FORBIDDEN.sub("-", text)
    stem, extension = _split(re.sub(r"\s+", " ", text).strip(" .-"))
    stem = stem[:MAX_NAME].rstrip(" .-")
    if not stem:
        stem = FALLBACK
    return f"{stem}.{extension.lower()}" if extension else stem


def ascii_name(name: str) -> str:
    """The plain-ASCII twin of a Vietnamese name: words folded and joined by hyphens, lower case except
    abbreviations and Roman numerals written in capitals ("Quý III" → "quy-III", "CĐS" → "CDS")."""
    stem, extension = _split(name)
    decomposed = unicodedata.normalize("NFD", stem.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    words = [w if w.isupper() and len(w) > 1 else w.lower() for w in re.split(r"[^A-Za-z0-9]+", plain) if w]
    stem = "-".join(words)[:MAX_NAME] or FALLBACK
    return f"{stem}.{extension.lower()}" if extension else stem


def _split(name: str) -> tuple[str, str]:
    """(stem, extension), the extension being a short run of letters and digits after the last dot."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,8}", extension):
        return stem, extension
    return name, ""


def content_disposition(name: str) -> str:
    """RFC 6266: `attachment`, an ASCII `filename` and the exact name in `filename*` (RFC 8187, UTF-8).

    Django's content_disposition_header writes the `filename*` of a non-ASCII name (never the MIME-encoded header
    Django makes of a raw non-ASCII value, which browsers save as "download"); the ASCII twin goes before it for
    clients that read only `filename`."""
    name = clean(name)
    header = content_disposition_header(True, name)
    if "filename*=" in header:
        header = header.replace("filename*=", f'filename="{ascii_name(name)}"; filename*=', 1)
    return header


def attachment(content: bytes | str, name: str, content_type: str) -> HttpResponse:
    """A download built in memory (a report, an export)."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response


def file_attachment(handle, name: str, content_type: str = "application/octet-stream") -> FileResponse:
    """A stored file (evidence, a plan's source document), streamed, always as a download."""
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name)
    return response
