"""What every rule reads: the document's paragraphs (with places) and what the plan says of itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xaso.core.text import fold
from xaso.documents import Document, Paragraph, Table
from xaso.extract.model import ExtractedPlan
from xaso.extract.outline import Outline, split_parts
from xaso.extract.tasks import column_role

from .model import Finding


@dataclass
class CheckContext:
    doc: Document
    plan: ExtractedPlan
    paragraphs: list[Paragraph]
    outline: Outline

    @classmethod
    def build(cls, doc: Document, plan: ExtractedPlan) -> "CheckContext":
        paragraphs = doc.paragraphs
        return cls(doc, plan, paragraphs, split_parts(paragraphs))

    def in_part2(self, index: int) -> bool:
        start, stop = self.outline.part2
        return start <= index < stop

    def in_part1(self, index: int) -> bool:
        return self.outline.part1 is not None and self.outline.part1[0] <= index < self.outline.part1[1]

    def at(self, p: Paragraph | Table, kind: str, severity: str, quote: str, explanation: str) -> Finding:
        """A finding about paragraph or table `p`: its line, page and place as a person finds them."""
        return Finding(kind, severity, quote, p.line, explanation, self.doc.where(p), page=p.page)


def clause_quote(text: str, start: int, end: int, width: int = 70) -> str:
    """The words around a mistake, within its clause: enough for a person to find it, never the number alone."""
    left = max(text.rfind(sep, 0, start) for sep in (";", ". ", "\n")) + 1
    left = max(left, start - width)
    right_candidates = [i for i in (text.find(sep, end) for sep in (";", ". ", "\n")) if i != -1]
    right = min(right_candidates + [len(text), end + 30])
    if right == end + 30 and right < len(text) and text.find(" ", right) != -1:
        right = min(text.find(" ", right), min(right_candidates + [len(text)]))  # not in the middle of a word
    quote = text[left:right].strip(" ,.;:")
    if left > 0 and left == start - width and not text[left - 1].isspace():
        quote = quote.split(" ", 1)[-1]  # cut inside a word
    return quote


def row_label(cells: list[str], header: list[str]) -> str:
    """The words that name a table row, as a person looks for it: its "Nhiệm vụ" or "Chỉ tiêu" cell, else its
    longest cell that is no number."""
    named = [i for i, h in enumerate(header) if column_role(h) == "name" or "chi tieu" in fold(h)]
    if named and named[0] < len(cells) and cells[named[0]].strip():
        return cells[named[0]].strip()[:120]
    texts = [c.strip() for c in cells if c and re.search(r"[^\W\d_]{2,}", c)]
    return max(texts, key=len, default=" | ".join(c for c in cells if c))[:120]
