"""Saved web pages (.html/.htm): communes publish their plans on their portals, and officers save the page.

Read with lxml's HTML parser (libxml2: forgiving of the broken markup portals produce): paragraphs, headings (h1–h6,
or a paragraph wholly in <b>/<strong>), list items and data tables in document order. Site furniture (script, style,
nav, header, footer, aside, forms) is dropped. A table that holds other tables is page layout, not data: its cells
are read as running text. Merged cells (colspan/rowspan) are repeated over the grid, as Word's merged cells are, so
a section row spanning the table reads as one repeated text.
"""

from __future__ import annotations

import re
import unicodedata

from .errors import DocumentError
from .limits import Tally
from .model import Document, Paragraph, Table
from .text import decode
from .wrap import split_bullet

_SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "button", "select", "textarea",
         "iframe", "svg", "head", "template", "object", "embed", "map"}
_BLOCK = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "dd", "dt",
          "center", "main", "ul", "ol", "dl", "address", "figure", "figcaption", "caption", "hr", "body", "td", "th",
          "tr", "table"}
_BOLD = {"b", "strong"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def decode_html(data: bytes, name: str) -> str:
    """The page's declared charset when there is one (old portals still serve windows-1258), else as text files."""
    if m := _CHARSET.search(data[:4096]):
        charset = m.group(1).decode("ascii", "ignore").lower()
        if charset not in ("utf-8", "utf8"):
            try:
                return unicodedata.normalize("NFC", data.decode(charset, errors="replace"))
            except LookupError:
                pass
    return decode(data, name)


def read_html(data: bytes, name: str, tally: Tally | None = None) -> Document:
    import lxml.html
    from lxml import etree

    tally = tally or Tally(name)
    text = decode_html(data, name)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(f"Tệp “{name}” không phải trang web (HTML) đọc được.", "bad_html") from exc
    reader = _Reader(Document(name=name, format="html"), tally)
    body = root.find("body")
    reader.walk(body if body is not None else root)
    reader.flush()
    if not reader.doc.blocks:
        raise DocumentError(f"Trang web “{name}” không có nội dung chữ nào để đọc.", "no_text")
    return reader.doc


class _Reader:
    def __init__(self, doc: Document, tally: Tally):
        self.doc = doc
        self.tally = tally
        self.parts: list[tuple[str, bool]] = []  # (text, bold) of the paragraph being gathered
        self.heading = 0
        self.bullet = False
        self.count = 0

    def flush(self):
        text = "".join(t for t, _ in self.parts)
        pieces = [re.sub(r"[ \t\u00a0\r]+", " ", piece).strip() for piece in text.split("\n")]
        visible = [(t, b) for t, b in self.parts if t.strip()]
        bold = bool(visible) and all(b for _, b in visible)
        for piece in pieces:
            if not piece:
                continue
            self.tally.paragraph(piece)
            self.count += 1
            bullet = self.bullet
            if not bullet:
                piece, bullet = split_bullet(piece)
            self.doc.blocks.append(Paragraph(piece, self.count, bold=bold, heading=self.heading, bullet=bullet))
        self.parts, self.heading, self.bullet = [], 0, False

    def walk(self, element, bold: bool = False):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or _hidden(element):
            self._tail(element, bold)
            return
        if tag == "table" and _is_data_table(element):
            self.flush()
            self.table(element)
            self._tail(element, bold)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.heading = int(tag[1])
            elif tag == "li":
                self.bullet = True
        if tag == "br":
            self.parts.append(("\n", bold))
        inner = bold or tag in _BOLD or _style_bold(element)
        if element.text:
            self.parts.append((element.text, inner))
        for child in element:
            self.walk(child, inner)
        if block:
            self.flush()
        self._tail(element, bold)

    def _tail(self, element, bold: bool):
        if element.tail:
            self.parts.append((element.tail, bold))

    def table(self, element):
        rows = _grid(element, self.tally)
        for row in rows:
            self.tally.row(row)
        if rows:
            self.count += 1
            self.doc.blocks.append(Table(rows=rows, line=self.count))


def _hidden(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or element.get("hidden") is not None


def _style_bold(element) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return bool(re.search(r"font-weight:(bold|[6-9]00)", style))


def _rows_of(table) -> list:
    """The table's own rows (in thead, tbody, tfoot or directly), not those of a table inside it."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if isinstance(r.tag, str) and r.tag.lower() == "tr")
    return rows


def _cells_of(row) -> list:
    return [c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _is_data_table(table) -> bool:
    """A table of rows and columns; a page-layout table (holding tables, or one column) is read as text."""
    if any(True for _ in table.iter("table") if _ is not table):
        return False
    rows = _rows_of(table)
    return len(rows) >= 2 and max((len(_cells_of(r)) for r in rows), default=0) >= 2


def _cell_text(cell) -> str:
    lines, current = [], []

    def walk(el):
        tag = el.tag.lower() if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            if el.tail:
                current.append(el.tail)
            return
        if tag in ("br", "p", "div", "li") and current:
            lines.append("".join(current))
            current.clear()
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if tag in ("p", "div", "li"):
            lines.append("".join(current))
            current.clear()
        if el.tail and el is not cell:
            current.append(el.tail)

    walk(cell)
    lines.append("".join(current))
    cleaned = [re.sub(r"[ \t\u00a0\r\n]+", " ", line).strip() for line in lines]
    return "\n".join(line for line in cleaned if line)


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), 50))
    except ValueError:
        return 1


def _grid(table, tally: Tally) -> list[list[str]]:
    """Rows of cell texts with colspan/rowspan repeated over the cells they cover."""
    grid: list[list[str | None]] = []
    pending: dict[tuple[int, int], str] = {}
    for r, row in enumerate(_rows_of(table)[:5000]):
        out: list[str | None] = []
        column = 0
        for cell in _cells_of(row):
            while (r, column) in pending:
                out.append(pending.pop((r, column)))
                column += 1
            text = _cell_text(cell)
            cols, rows = _span(cell, "colspan"), _span(cell, "rowspan")
            tally.cells(cols * rows)  # a merged cell is repeated over the cells it covers
            for k in range(cols):
                out.append(text)
                for below in range(1, rows):
                    pending[(r + below, column + k)] = text
            column += cols
        while (r, column) in pending:
            out.append(pending.pop((r, column)))
            column += 1
        grid.append(out)
    width = max((len(row) for row in grid), default=0)
    rows = [[c or "" for c in row] + [""] * (width - len(row)) for row in grid]
    return [row for row in rows if any(c.strip() for c in row)]
