"""Markdown and plain text: bold as ** or <b>, tables as tab-separated (or |-separated) rows,
and text extracted from PDFs, whose paragraphs are broken into lines and whose page numbers
and footnotes sit in the body."""

from __future__ import annotations

import re
import unicodedata

from .errors import DocumentError
from .model import Document, Paragraph, Table
from .wrap import join_wrapped, split_bullet

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_ESCAPE = re.compile(r"\\([*_#\-+.()\[\]|$])")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)|<(https?://[^>]+)>")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16, or Windows-1258: Vietnamese text comes in all three."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data[:4000].count(b"\x00") > len(data[:4000]) // 4:
        try:
            text = data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
        except UnicodeDecodeError:
            raise DocumentError(f"Tệp “{name}” không phải văn bản (có thể là tệp nhị phân bị đổi tên).", "binary") from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1258", errors="replace")
    text = unicodedata.normalize("NFC", text)
    controls = sum(1 for ch in text[:20000] if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    if controls > max(10, len(text[:20000]) // 50) or text.count("\ufffd") > max(10, len(text) // 50):
        raise DocumentError(f"Tệp “{name}” không phải văn bản đọc được (có thể là tệp nhị phân bị đổi tên).", "binary")
    return text


def clean_inline(text: str) -> tuple[str, bool]:
    """Drop markdown/HTML decoration; say whether the whole line was bold."""
    raw = text.strip().lstrip("# ")
    bold = raw.startswith(("**", "<b>", "***")) and raw.rstrip(" :.").endswith(("**", "</b>"))
    text = _MD_LINK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HTML_TAG.sub("", text)
    text = _MD_ESCAPE.sub(r"\1", text)
    text = text.replace("**", "").replace("__", "")
    text = re.sub(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])", r"\1", text)
    text = re.sub(r"\$\\geq\s*([^$]*)\$", r"≥\1", text)
    text = re.sub(r"\$\\leq\s*([^$]*)\$", r"≤\1", text)
    return re.sub(r"[ \t\u00a0]+", " ", text).strip(), bold


def _cells(line: str) -> list[str]:
    if "\t" in line:
        parts = line.split("\t")
    else:
        parts = line.strip().strip("|").split("|")
    return [clean_inline(p)[0] for p in parts]


def _is_table_line(line: str) -> bool:
    return line.count("\t") >= 2 or (line.strip().startswith("|") and line.count("|") >= 3)


def read_text(data: bytes, name: str) -> Document:
    text = decode(data, name)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    doc = Document(name=name, format="text", raw_lines=lines)
    paragraphs: list[Paragraph] = []
    table: Table | None = None

    def flush():
        nonlocal paragraphs
        if paragraphs:
            doc.blocks.extend(join_wrapped(paragraphs, wrapped=wrapped))
            paragraphs = []

    wrapped = _looks_wrapped(lines)
    for number, line in enumerate(lines, start=1):
        if _is_table_line(line):
            if _TABLE_SEP.match(line.replace("\t", "|")):
                continue
            if table is None:
                flush()
                table = Table(rows=[], line=number)
                doc.blocks.append(table)
            table.rows.append(_cells(line))
            continue
        if not line.strip():
            table = None  # a blank line ends a table; a continued one is joined by the extractor
            continue
        if table is not None and not _TABLE_SEP.match(line):
            table = None
        heading = 0
        if m := _MD_HEADING.match(line):
            heading = len(m.group(1))
            line = line[m.end():]
        bullet = False
        if not line.lstrip().startswith("**"):
            line, bullet = split_bullet(line)
        cleaned, bold = clean_inline(line)
        if cleaned:
            paragraphs.append(Paragraph(cleaned, number, bold=bold, heading=heading, bullet=bullet))
    flush()
    return doc


def _looks_wrapped(lines: list[str]) -> bool:
    """Text from a PDF: most lines stop short of a sentence end and run on in the next line."""
    texts = [line.strip() for line in lines if line.strip()]
    if len(texts) < 20:
        return False
    runs_on = sum(1 for a, b in zip(texts, texts[1:]) if not re.search(r"[.:;!?]$", a) and b[:1].islower())
    return runs_on / len(texts) > 0.15
