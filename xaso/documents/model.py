"""What a read document is: paragraphs and tables in reading order, each with its place."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Paragraph:
    text: str
    line: int  # where it starts: the line of a text file, the paragraph of a .docx, the line on a PDF page
    bold: bool = False
    heading: int = 0  # heading level from the document's own styles, 0 when none
    bullet: bool = False  # a list item ("-", "+", "•" or Word's list numbering)
    page: int | None = None

    kind = "paragraph"


@dataclass
class Table:
    rows: list[list[str]]
    line: int
    page: int | None = None

    kind = "table"


@dataclass
class Document:
    name: str
    format: str  # "docx", "pdf", "xlsx", "html", "text", "image" (a photo or scan of a page)
    blocks: list[Paragraph | Table] = field(default_factory=list)
    # Text formats keep their raw lines: a table flattened by a PDF-to-text tool is rebuilt from them.
    raw_lines: list[str] = field(default_factory=list)
    # Words a scan's OCR read with low confidence, as recognised: the import review marks them for the officer.
    unsure: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def where(self, block) -> str:
        """A place a person can find: "dòng 12", "trang 3, dòng 12", "bảng, trang 2" (a PDF's table has a page but
        no line of its own)."""
        unit = "đoạn" if self.format in ("docx", "html") else "dòng"
        parts = ["bảng"] if block.kind == "table" else []
        if block.page:
            parts.append(f"trang {block.page}")
        if block.line or not parts:
            parts.append(f"{unit} {block.line}")
        return ", ".join(parts)
