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
    """`wrapped`: the source breaks paragraphs at a line width (PDF, text extracted from PDF).

    Linear in the number of lines: a paragraph keeps its lines as pieces, joined once at the end, and the rules
    that decide whether a line runs on read only the end of the paragraph so far (re-joining and re-searching the
    whole paragraph at every line made 8,000 short lines of one paragraph cost minutes)."""
    widths = [len(p.text) for p in paragraphs if len(p.text) > 20]
    width = statistics.quantiles(widths, n=10)[8] if len(widths) >= 10 else (max(widths) if widths else 80)
    out: list[_Growing] = []
    for para in paragraphs:
        if wrapped and PAGE_NUMBER.match(para.text):
            continue
        if out and _continues(out[-1], para, width, wrapped):
            prev = out[-1]
            tail = prev.end()
            if tail.endswith("-") and not tail.endswith(" -") and starts_lower(para.text):
                prev.drop_last_char()
                prev.add(para.text.lstrip())
            else:
                prev.rstrip()
                prev.add(" " + para.text.lstrip())
            continue
        out.append(_Growing(para))
    return [growing.done() for growing in out]


# How much of a paragraph's end the rules read: a sentence end, "… Quý", a colon. A paragraph ending in more than
# this many spaces, quotes or brackets does not occur: every reader strips its lines.
TAIL = 200


class _Growing:
    """A paragraph being joined from lines: its pieces, its length, and its end, without joining it each time."""

    def __init__(self, para: Paragraph):
        self.para = Paragraph(para.text, para.line, para.bold, para.heading, para.bullet, para.page)
        self.parts = [para.text]
        self.length = len(para.text)
        self.heading = para.heading

    def end(self) -> str:
        """At least the last TAIL characters (whole pieces), or all of it when shorter."""
        size, index = 0, len(self.parts)
        while index and size <= TAIL:
            index -= 1
            size += len(self.parts[index])
        return "".join(self.parts[index:])

    def add(self, text: str) -> None:
        if text:
            self.parts.append(text)
            self.length += len(text)

    def rstrip(self) -> None:
        while self.parts:
            last = self.parts[-1]
            stripped = last.rstrip()
            self.length -= len(last) - len(stripped)
            if stripped:
                self.parts[-1] = stripped
                return
            self.parts.pop()

    def drop_last_char(self) -> None:
        last = self.parts.pop()
        self.length -= 1
        if len(last) > 1:
            self.parts.append(last[:-1])

    def done(self) -> Paragraph:
        self.para.text = "".join(self.parts)
        return self.para


def _continues(prev: _Growing, para: Paragraph, width: float, wrapped: bool) -> bool:
    if para.heading or para.bullet:
        return False
    text = prev.end()
    if _AWAITS_NUMBER.search(text) and re.match(r"(?:[IVX]+|\d{1,2})/\d{4}\b", para.text.lstrip()):
        return True  # "Thời gian: Quý" / "II/2025. Sản phẩm: …"
    if MARKER.match(para.text):
        return False
    if starts_lower(para.text):
        return not SENTENCE_END.search(text) or text.rstrip().endswith(";") or wrapped
    if not wrapped or prev.heading:
        return False
    if para.text[:1].isdigit() and re.search(r"[:,]\s*$", text) and prev.length >= 0.7 * width:
        return True  # "…trong đó: Số thửa làm giàu:" / "1227 thửa; …"
    return not SENTENCE_END.search(text) and prev.length >= 0.7 * width
