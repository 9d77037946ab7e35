"""Markdown and plain text: bold as ** or <b>, tables as tab-separated (or |-separated) rows,
and text extracted from PDFs, whose paragraphs are broken into lines and whose page numbers
and footnotes sit in the body."""

from __future__ import annotations

import re
import unicodedata

from .errors import DocumentError
from .limits import Tally
from .model import Document, Paragraph, Table
from .wrap import join_wrapped, split_bullet

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_ESCAPE = re.compile(r"\\([*_#\-+.()\[\]|$])")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^)]*)\)|<(https?://[^>]+)>")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


_BOMS = [(b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),  # before UTF-16's: same start
         (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")]


def decode(data: bytes, name: str) -> str:
    """UTF-8 (with or without BOM), UTF-16, UTF-32 or Windows-1258: Vietnamese text comes in all of them."""
    binary = DocumentError(f"Tệp “{name}” không phải văn bản (có thể là tệp nhị phân bị đổi tên).", "binary")
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    head = data[:4000]
    if encoding:
        data = data[4 if "32" in encoding else 2:]
    elif head.count(b"\x00") > len(head) // 2 and len(data) % 4 == 0:
        # UTF-32 without a BOM: three zero bytes in four, the letter first (little-endian) or last
        encoding = "utf-32-le" if head[1:4] == b"\x00\x00\x00" else "utf-32-be"
    elif head.count(b"\x00") > len(head) // 4:
        encoding = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            raise binary from None
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


def _is_separator(line: str) -> bool:
    """A line holding only "|": what a web page's table becomes when copied one cell per line."""
    return line.strip() == "|"


def _looks_like_index(text: str) -> bool:
    """The first cell of a table row: "1", "2.", "1.1", "I", "II.", "a)", "A"."""
    return bool(re.fullmatch(r"\s*(?:\d{1,3}(?:\.\d{1,2})*\.?|[IVXLC]{1,5}\.?|[a-zđA-Z]\s*[.)]?)\s*", text))


def read_text(data: bytes, name: str, tally: Tally | None = None) -> Document:
    tally = tally or Tally(name)
    text = decode(data, name)
    # Counted before the text is split and cleaned: the whole of it is what the reader takes.
    tally.chars(len(text))
    tally.line_count(text.count("\n") + text.count("\r") - text.count("\r\n") + 2 * text.count("\f"))
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\f\n").split("\n")
    noise = page_noise(lines)
    lines = ["" if i in noise or line == "\f" else line for i, line in enumerate(lines)]
    doc = Document(name=name, format="text", raw_lines=lines)
    paragraphs: list[Paragraph] = []
    wrapped = _looks_wrapped(lines)

    def flush():
        nonlocal paragraphs
        if paragraphs:
            doc.blocks.extend(join_wrapped(paragraphs, wrapped=wrapped))
            paragraphs = []

    number = 0
    while number < len(lines):
        line = lines[number]
        table = None
        if _is_table_line(line):
            table, after = _row_table(lines, number)
        elif line.strip() and not _is_separator(line) and _separator_within(lines, number + 1, 1):
            table, after = _cell_table(lines, number)
        if table is not None:
            flush()
            for row in table.rows:
                tally.row(row, counted=True)
            doc.blocks.append(table)
            number = after
            continue
        number += 1
        if not line.strip() or _TABLE_SEP.match(line) or _is_separator(line):
            continue
        heading = 0
        if m := _MD_HEADING.match(line):
            heading = len(m.group(1))
            line = line[m.end():]
        bullet = False
        if not line.lstrip().startswith("**"):
            line, bullet = split_bullet(line)
        cleaned, bold = clean_inline(line)
        if cleaned:
            tally.paragraph(cleaned, counted=True)
            paragraphs.append(Paragraph(cleaned, number, bold=bold, heading=heading, bullet=bullet))
    flush()
    return doc


def _next_content(lines: list[str], start: int) -> int:
    while start < len(lines) and not lines[start].strip():
        start += 1
    return start


def _row_table(lines: list[str], start: int) -> tuple[Table, int]:
    """Tab- or pipe-separated rows. A page break inside the table leaves blank lines (and at times the header
    written again): the table goes on when the next row has as many cells and is no new table's header."""
    table = Table(rows=[], line=start + 1)
    number = start
    while number < len(lines):
        line = lines[number]
        if _is_table_line(line):
            if not _TABLE_SEP.match(line.replace("\t", "|")):
                cells = _cells(line)
                width = len(table.rows[0]) if table.rows else 0
                last = table.rows[-1] if len(table.rows) > 1 else None
                if last is not None and len(last) < width and len(last) + len(cells) - 1 == width:
                    # A line break typed inside a cell (Word pasted into a text editor): the row goes on here.
                    last[-1] = f"{last[-1]}\n{cells[0]}".strip()
                    last.extend(cells[1:])
                elif not (table.rows and [c.lower() for c in cells] == [c.lower() for c in table.rows[0]]):
                    table.rows.append(cells)
            number += 1
            continue
        following = _next_content(lines, number)
        if following == number or following >= len(lines) or not _is_table_line(lines[following]):
            break
        cells = _cells(lines[following])
        width = len(table.rows[0]) if table.rows else 0
        repeated = table.rows and [c.lower() for c in cells] == [c.lower() for c in table.rows[0]]
        if len(cells) != width or not (repeated or not cells[0].strip() or _looks_like_index(cells[0])):
            break
        number = following
    return table, number


def _separator_within(lines: list[str], start: int, count: int) -> bool:
    """Whether a "|" line comes within the next `count` lines that hold anything."""
    for number in range(start, len(lines)):
        line = lines[number]
        if _is_separator(line):
            return True
        if line.strip():
            count -= 1
            if count <= 0:
                return False
    return False


def _cell_table(lines: list[str], start: int) -> tuple[Table, int]:
    """A table copied from a web page one cell per line, with "|" lines between the cells of a row.

    A new row starts where a line follows a cell without a "|" between and is a row number ("1", "II", "a)"),
    comes after a blank line, or follows the header (whose cells hold one line each) or the last cell of a row in a
    table without row numbers; otherwise the line continues its cell. A "|" after the last cell of a row means the
    next row's first cell is empty. Section rows may hold fewer cells (a merged cell). The table ends where no "|"
    follows within a few lines, or where the next table's header starts ("STT" and a "|"): the title lines above
    that header are given back as paragraphs.
    """
    rows: list[list[str]] = []
    row: list[str] = []
    cell: list[tuple[int, str]] = [(start, lines[start].strip())]
    width = 0
    blank = False
    number = start + 1
    while number < len(lines):
        line = lines[number].strip()
        if _is_separator(line):
            row.append(_join_cell(cell))
            if width and len(row) == width:
                rows.append(row)
                row = [""]
            cell, blank = [], False
        elif not line:
            blank = True
            if not _separator_within(lines, number + 1, 4):
                break
        elif rows and _INDEX_HEADER.fullmatch(line) and _separator_within(lines, number + 1, 1):
            while cell and _is_title_line(cell[-1][1]):
                number = cell.pop()[0]
            break
        elif not cell and not (width and len(row) == width - 1 and _next_row_number(line, rows, row)):
            cell, blank = [(number, line)], False
        elif not cell:  # the row's last cell is empty: this number starts the next row
            row.append("")
            rows.append(row)
            row, cell, blank = [], [(number, line)], False
        else:
            new_row = (blank or _next_row_number(line, rows, row) or not rows
                       or (not _numbered(rows, row) and len(row) == width - 1))
            if not _separator_within(lines, number, 6):
                break
            if new_row:
                row.append(_join_cell(cell))
                rows.append(row)
                width = width or len(row)
                row, cell = [], [(number, line)]
            else:
                cell.append((number, line))
            blank = False
        number += 1
    if cell:
        row.append(_join_cell(cell))
    if row:
        rows.append(row)
    width = max(len(r) for r in rows)
    table = Table(rows=[r + [""] * (width - len(r)) for r in rows if any(c.strip() for c in r)], line=start + 1)
    return table, number


_INDEX_HEADER = re.compile(r"(?:số\s+)?(?:stt|tt|thứ tự)\.?", re.IGNORECASE)


def _is_title_line(text: str) -> bool:
    """A line above a table: an upper-case title, "PHỤ LỤC II", "(Kèm theo Kế hoạch số …)"."""
    letters = [ch for ch in text if ch.isalpha()]
    upper = bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)
    return upper or bool(re.match(r"\(?\s*(?:kèm theo|phụ lục|biểu)\b", text, re.IGNORECASE))


def _next_row_number(line: str, rows: list[list[str]], row: list[str]) -> bool:
    """Whether `line` is the number the next row would carry: a section's "II" or "B", or the number after the
    last row's ("3" after "2", "2.1" after "2", "3" after "2.4"). A budget of "250" is none."""
    text = line.strip().rstrip(".")
    if re.fullmatch(r"[IVXLC]{1,5}|[A-ZĐ]|[a-zđ]\)", text):
        return True
    if not re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*", text):
        return False
    numbers = [r[0].strip().rstrip(".") for r in [*rows[1:], row] if r and re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.?", r[0].strip())]
    if not numbers:  # a table picked up after a repeated header: any number may follow a section row
        return text in ("1", "1.1") or bool(row and re.fullmatch(r"[IVXLC]{1,5}\.?|[A-ZĐ]\.?", row[0].strip()))
    parts = [int(x) for x in numbers[-1].split(".")]
    following = {".".join(map(str, parts + [1])), "1"}
    for depth in range(1, len(parts) + 1):
        following.add(".".join(map(str, parts[: depth - 1] + [parts[depth - 1] + 1])))
    return text in following


def _numbered(rows: list[list[str]], row: list[str]) -> bool:
    """Whether the table's rows start with a row number (the one being read counts too)."""
    return any(_looks_like_index(r[0]) for r in [*rows[1:], row] if r)


def _join_cell(lines: list[tuple[int, str]]) -> str:
    return "\n".join(clean_inline(text)[0] for _, text in lines)


def page_noise(lines: list[str]) -> set[int]:
    """Page numbers ("- 3 -", "Trang 3", a number alone right after a page break) and the running header that
    follows each page break: lines a printed page adds that no one wrote as part of the plan. A number alone
    elsewhere is left be: in a table flattened to lines it is a row's number."""
    breaks = {i for i, line in enumerate(lines) if line == "\f" or _PAGE_NUMBER.fullmatch(line.strip())}
    breaks |= {i for i in range(len(lines)) if re.fullmatch(r"\d{1,3}", lines[i].strip())
               and any(lines[j] == "\f" for j in range(max(0, i - 2), min(len(lines), i + 3)))}
    near: dict[str, set[int]] = {}
    for b in breaks:
        for j in range(b + 1, min(b + 5, len(lines))):
            text = lines[j].strip()
            if text and len(text) <= 120 and not _is_separator(text) and j not in breaks:
                near.setdefault(text, set()).add(j)  # a page number and its form feed are one break
                break
    headers = {j for occurrences in near.values() if len(occurrences) >= 2 for j in occurrences}
    return {b for b in breaks if lines[b] != "\f"} | headers


_PAGE_NUMBER = re.compile(r"-\s*\d{1,3}\s*-|(?:trang|page)\s+\d{1,3}(?:\s*/\s*\d{1,3})?", re.IGNORECASE)


def _looks_wrapped(lines: list[str]) -> bool:
    """Text from a PDF: most lines stop short of a sentence end and run on in the next line."""
    texts = [line.strip() for line in lines if line.strip()]
    if len(texts) < 20:
        return False
    runs_on = sum(1 for a, b in zip(texts, texts[1:]) if not re.search(r"[.:;!?]$", a) and b[:1].islower())
    return runs_on / len(texts) > 0.15
