"""What every rule reads: the document's paragraphs (with places) and what the plan says of itself."""

from __future__ import annotations

from dataclasses import dataclass

from xaso.documents import Document, Paragraph
from xaso.extract.model import ExtractedPlan
from xaso.extract.outline import Outline, split_parts


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
