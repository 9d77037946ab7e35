"""Rejoin paragraphs that a PDF (or a PDF turned into text) broke into lines.

A line continues the one before when it starts in lower case, or when the one before stops short of
a sentence end while reaching the page's usual line width. Headings and list items always start anew.
"""

from __future__ import annotations

import re
import statistics

from .model import Paragraph

MARKER = re.compile(
    r"^\s*(?:[-+•*–▪]\s|(?:phần|phan)\s+[ivx\d]+\b|[IVXLC]+\s*[.)/-]\s|\d+(?:\.\d+)*\s*[.)/]\s|[a-zđ]\s*[).]\s|\(\d+\)\s)",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.:;!?…]\s*[\"”)]*\s*$")
PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$|^\s*(?:trang|page)\s+\d+(?:\s*/\s*\d+)?\s*$", re.IGNORECASE)


_AWAITS_NUMBER = re.compile(r"\b(?:quý|tháng|ngày)\s*$", re.IGNORECASE)

BULLET = re.compile(r"^\s*(?:[-*•▪+–·]\s+)+|^\s*\+(?=[^\s\d])|^\s*\+(?=\d+\s*%)")


def split_bullet(text: str) -> tuple[str, bool]:
    """"- 100% thôn…" → ("100% thôn…", True): list markers become a flag."""
    if m := BULLET.match(text):
        return text[m.end():], True
    return text, False


def starts_lower(text: str) -> bool:
    stripped = text.lstrip(" *_\"“(")
    return bool(stripped) and stripped[0].islower() and not MARKER.match(text)


def join_wrapped(paragraphs: list[Paragraph], *, wrapped: bool) -> list[Paragraph]:
    """`wrapped`: the source breaks paragraphs at a line width (PDF, text extracted from PDF)."""
    widths = [len(p.text) for p in paragraphs if len(p.text) > 20]
    width = statistics.quantiles(widths, n=10)[8] if len(widths) >= 10 else (max(widths) if widths else 80)
    out: list[Paragraph] = []
    for para in paragraphs:
        if wrapped and PAGE_NUMBER.match(para.text):
            continue
        if out and _continues(out[-1], para, width, wrapped):
            prev = out[-1]
            if prev.text.endswith("-") and not prev.text.endswith(" -") and starts_lower(para.text):
                prev.text = prev.text[:-1] + para.text.lstrip()
            else:
                prev.text = f"{prev.text.rstrip()} {para.text.lstrip()}"
            continue
        out.append(Paragraph(para.text, para.line, para.bold, para.heading, para.bullet, para.page))
    return out


def _continues(prev: Paragraph, para: Paragraph, width: float, wrapped: bool) -> bool:
    if para.heading or para.bullet:
        return False
    if _AWAITS_NUMBER.search(prev.text) and re.match(r"(?:[IVX]+|\d{1,2})/\d{4}\b", para.text.lstrip()):
        return True  # "Thời gian: Quý" / "II/2025. Sản phẩm: …"
    if MARKER.match(para.text):
        return False
    if starts_lower(para.text):
        return not SENTENCE_END.search(prev.text) or prev.text.rstrip().endswith(";") or wrapped
    if not wrapped or prev.heading:
        return False
    if para.text[:1].isdigit() and re.search(r"[:,]\s*$", prev.text) and len(prev.text) >= 0.7 * width:
        return True  # "…trong đó: Số thửa làm giàu:" / "1227 thửa; …"
    return not SENTENCE_END.search(prev.text) and len(prev.text) >= 0.7 * width
