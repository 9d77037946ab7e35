"""Tables as plans draw them: where the header sits, what each column means, which rows are sections.

Shared by the indicator and the task tables. A header is found by what its cells mean (each caller gives its own
vocabulary), anywhere in a table's first rows: an appendix sheet carries title rows above it. A header may take two
rows ("Đơn vị thực hiện" merged over "Chủ trì | Phối hợp"). A section row names a group of the rows below it: its
text spans the table (a merged cell), or it holds only a text with a Roman or letter number ("II | Phát triển …"),
or a number whose children follow ("1" then "1.1"), and no value in any column that items fill.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xaso.core.text import fold, squash

from .outline import heading_text

HEADER_SCAN = 12  # rows above a header: "PHỤ LỤC I", the title, "(Kèm theo …)", a blank row


@dataclass
class Columns:
    start: int  # the first row under the header
    header: list[str]
    roles: dict[int, str]

    def column(self, role: str) -> int | None:
        return next((i for i, r in self.roles.items() if r == role), None)


def find_header(rows: list[list[str]], roles_of, accept) -> Columns | None:
    """The first row of the first `HEADER_SCAN` whose cells `accept` as a header, joined with a second header
    row when the one below it names sub-columns."""
    for i, row in enumerate(rows[:HEADER_SCAN]):
        roles = roles_of(row)
        if not accept(roles):
            continue
        header, start = list(row), i + 1
        if start < len(rows) and _is_subheader(rows[start], header, roles_of):
            below = rows[start] + [""] * (len(header) - len(rows[start]))
            header = [a if fold(a) == fold(b) else f"{a} {b}".strip() for a, b in zip(header, below)]
            roles, start = roles_of(header), start + 1
        return Columns(start, header, roles)
    return None


def _is_subheader(row: list[str], header: list[str], roles_of) -> bool:
    """"Chủ trì | Phối hợp" under a merged "Đơn vị thực hiện": every new cell names a column, none is a number."""
    new = [c for c, h in zip(row, header + [""] * len(row)) if c.strip() and fold(c) != fold(h)]
    if not new or any(is_index(c) or re.search(r"\d{2,}", re.sub(r"\b20\d{2}\b", "", c)) for c in new):
        return False  # a data row: item numbers, figures (a year is a header's word: "Năm 2025")
    named = [c for c in new if roles_of([c])]
    if len(named) == len(new) or (len(named) >= 2 and all(len(c.split()) <= 4 for c in new)):
        return True
    # Short words under a cell merged over their columns ("Kinh phí" over "Tổng | Ngân sách xã | Nguồn khác").
    merged = {i for i in range(len(header)) if header[i].strip() and (
        (i > 0 and header[i - 1] == header[i]) or (i + 1 < len(header) and header[i + 1] == header[i]))}
    below = [i for i, c in enumerate(row) if c.strip() and i < len(header) and fold(c) != fold(header[i])]
    return bool(below) and all(i in merged for i in below) and all(len(row[i].split()) <= 4 for i in below)


def same_header(a: list[str], b: list[str]) -> bool:
    return [fold(c) for c in a] == [fold(c) for c in b]


_TOTAL_LABEL = re.compile(r"tong cong|tong so|tong kinh phi|tong|cong")


def is_total_label(text: str) -> bool:
    """"Tổng cộng", "Tổng:", "Cộng": the cell that makes a row the table's total, no task or indicator."""
    return bool(_TOTAL_LABEL.fullmatch(fold(text or "").strip(" :.")))


def clean_cell(text: str) -> str:
    """Cell lines joined; list markers dropped; a break after "/" or a dash joins without a space."""
    out = ""
    for line in (text or "").split("\n"):
        line = re.sub(r"^\s*[-+•]\s+", "", line).strip()
        if not line:
            continue
        if out and (re.search(r"\S[/–-]$", out) or _no_vowel(out.split()[-1].split("/")[-1]) or _no_vowel(line.split()[0])):
            out += line  # a word a narrow PDF column cut in two: "QUYỀ" + "N", "kiể" + "m tra"
        else:
            out = f"{out} {line}" if out else line
    out = squash(out)
    return "" if re.fullmatch(r"[-–—_.…]*", out) else out  # "-", "…": a cell left blank


def _no_vowel(token: str) -> bool:
    letters = re.sub(r"[^a-z]", "", fold(token))
    return bool(letters) and not re.search(r"[aeiouy]", letters) and len(letters) <= 2 and token[:1].isalpha()


def is_index(text: str) -> bool:
    """An item's number in a table: "1", "12.", "2.3"."""
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,2})*\.?", text.strip()))


def _is_section_number(text: str) -> bool:
    """A group's number in a table: "I", "II.", "A", "b)"."""
    return bool(re.fullmatch(r"(?:[IVXLC]{1,5}|[A-ZĐ]|[a-zđ])\s*[.)]?", text.strip()))


def _parent_of(index: str, following: str | None) -> bool:
    index, following = index.strip().rstrip("."), (following or "").strip().rstrip(".")
    return bool(index) and following.startswith(index + ".")


def section_title(cells: list[str], columns: Columns, item_roles: set[str], following: list[str] | None) -> str | None:
    """The group a section row names, or None when the row is an item (or a piece of one)."""
    index_at = columns.column("index")
    index = cells[index_at].strip() if index_at is not None and index_at < len(cells) else ""
    rest = [c.strip() for i, c in enumerate(cells) if c.strip() and i != index_at]
    if not rest and index and not is_index(index) and not _is_section_number(index):
        rest, index = [index], ""  # the section's text written in the number column: "A. HẠ TẦNG SỐ"
    if not rest:
        return None
    if len(set(rest)) == 1 and (len(rest) >= 2 or not index):
        text = rest[0]  # one text merged across the row, besides its number
        if is_index(text) or text[:1].islower() or len(text) > 200:
            return None
        return group_name(text)
    if any(cells[i].strip() for i, role in columns.roles.items() if role in item_roles and i < len(cells)):
        return None
    if len(rest) > 1:
        return None
    text = clean_cell(rest[0])
    next_index = following[index_at] if following and index_at is not None and index_at < len(following) else None
    if _is_section_number(index) or _parent_of(index, next_index):
        return group_name(text)
    if not index and not text[:1].islower() and (index_at is not None or _upper(text) or len(text) <= 60):
        return group_name(text)
    return None


def _upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def group_name(text: str) -> str:
    text = re.sub(r"^[A-ZĐ]\s*[.)]\s+", "", clean_cell(text))  # "A. HẠ TẦNG SỐ"
    return heading_text(text) or text
