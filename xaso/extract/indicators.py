"""Indicators: the measurable targets of the plan year stated in Part II's goals section
(or, where a plan has none, in its plan-content section), or in an indicator table."""

from __future__ import annotations

import re

from xaso.core import areas
from xaso.core.targets import find_targets
from xaso.core.text import fold
from xaso.documents import Document, Paragraph

from .clauses import find_target, statements, strip_lead_in
from .model import IndicatorRow, Source
from .outline import contains, heading_text, is_heading, numbering, section
from .tables import HEADER_SCAN, clean_cell, find_header, same_header, section_title
from .tasks import is_task_header

_SPECIFIC = ("muc tieu cu the", "chi tieu cu the", "muc tieu, chi tieu", "muc tieu va chi tieu", "cac chi tieu",
             "chi tieu chu yeu", "chi tieu phan dau", "mot so chi tieu", "chi tieu chuyen doi so", "chi tieu ke hoach",
             "he thong chi tieu", "chi tieu nam", "cac muc tieu cu the")
_GENERIC = ("muc tieu", "chi tieu")
_NOT_GOALS = ("muc tieu chung", "tinh hinh", "ket qua thuc hien", "danh gia", "muc dich", "ket qua dat duoc",
              "nhiem vu", "giai phap")
_CONTENT = ("noi dung ke hoach", "nhiem vu trong tam", "nhiem vu, giai phap", "nhiem vu chu yeu")
# Sections whose percentages are not the plan's indicators (the gold's rule): solutions, responsibilities, budget.
_NOT_INDICATORS = ("giai phap", "to chuc thuc hien", "kinh phi", "trach nhiem", "muc dich", "yeu cau", "can cu",
                   "noi nhan", "phu luc", "danh muc nhiem vu", "muc tieu chung")


def _heading_like(p: Paragraph) -> bool:
    """A heading, or a short line introducing what follows ("Mục tiêu cụ thể:") as web copies write them."""
    return is_heading(p) or (len(p.text) <= 100 and p.text.rstrip().endswith(":"))


def _is_goals_heading(p: Paragraph, stems) -> bool:
    return (_heading_like(p) and len(p.text) <= 160 and contains(p, *stems) and not contains(p, *_NOT_GOALS)
            and not find_targets(p.text))


def goals_section(paragraphs: list[Paragraph], start: int, stop: int):
    """The specific targets' section ("2. Mục tiêu cụ thể", "II. CHỈ TIÊU PHẤN ĐẤU NĂM 2026"), else the goals
    section as a whole ("II. MỤC TIÊU"), else the plan-content section; it runs on past the area headings inside it
    ("a) Chính quyền số") to the next heading of its level or above."""
    for stems in (_SPECIFIC, _GENERIC):
        found = section(paragraphs, start, stop, lambda p, stems=stems: _is_goals_heading(p, stems))
        if found:
            return _through_area_headings(paragraphs, found, stop)
    return section(paragraphs, start, stop, lambda p: numbering(p.text) is not None and contains(p, *_CONTENT))


def _through_area_headings(paragraphs: list[Paragraph], found: tuple[int, int], stop: int) -> tuple[int, int]:
    first, last = found
    while last < stop and _is_area_heading(paragraphs[last]):
        following = section(paragraphs, last, stop, lambda p: True)
        if following is None or following[1] <= last:
            break
        last = following[1]
    return first, last


def _is_area_heading(p: Paragraph) -> bool:
    """"1. Chính quyền số", "b) Về hạ tầng số": a group of goals, not the next section of the plan."""
    text = fold(heading_text(p.text))
    return (len(text) <= 60 and areas.classify(text) != areas.OTHER
            and not any(w in text for w in ("nhiem vu", "giai phap", "to chuc", "kinh phi", "trach nhiem")))


def from_paragraphs(doc: Document, paragraphs: list[Paragraph], start: int, stop: int) -> list[IndicatorRow]:
    found = goals_section(paragraphs, start, stop)
    if not found:
        return []
    first, last = found
    return _statements(doc, paragraphs[first + 1:last])


def from_anywhere(doc: Document, paragraphs: list[Paragraph], start: int, stop: int) -> list[IndicatorRow]:
    """A plan without a goals heading (a web page's running text): target statements of Part II outside the
    sections whose percentages are not indicators."""
    kept, skipping, level = [], False, 0
    for p in paragraphs[start:stop]:
        if is_heading(p) and not find_targets(p.text):
            skipping, level = contains(p, *_NOT_INDICATORS) or contains(p, "nhiem vu"), 0
            continue
        if not skipping:
            kept.append(p)
    rows = _statements(doc, kept)
    for row in rows:
        row.warnings.append("Văn bản không có mục “Mục tiêu cụ thể”: chỉ tiêu này lấy từ câu có con số mục tiêu, "
                            "hãy kiểm tra lại.")
    return rows


def _statements(doc: Document, paragraphs: list[Paragraph]) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    group = None
    general = False  # inside "Mục tiêu chung": its words are no indicators
    for p in paragraphs:
        if _heading_like(p) and not p.bullet and not find_targets(p.text):
            general = contains(p, "muc tieu chung")
            group = heading_text(p.text).rstrip(" :") or group
            continue
        if general:
            continue
        if _is_group_label(p):
            group = p.text.strip(" :")
            continue
        body, label = strip_lead_in(p.text)
        if label and areas.classify(label) != areas.OTHER:
            group = label
        elif label:
            body = p.text
        for statement in statements(body):
            statement = strip_lead_in(statement)[0] if statement is not body else statement
            target = find_target(statement)
            if target is None:
                continue
            rows.append(IndicatorRow(
                group=_pillar(group), text=_clean(_drop_numbering(statement)), baseline=target.baseline,
                target=target.target, target_value=target.value, unit=target.unit, comparator=target.comparator,
                source=Source(doc.where(p), p.text),
            ))
    return rows


def _drop_numbering(text: str) -> str:
    n = numbering(text)
    text = text[n.length:] if n and n.style != "part" else text
    return re.sub(r"^\(\d{1,2}\)\s*", "", text)


def _is_group_label(p: Paragraph) -> bool:
    text = p.text.strip()
    return len(text) <= 60 and not re.search(r"\d", text) and (text.endswith(":") or fold(text).startswith("ve "))


def _pillar(group: str | None) -> str | None:
    if not group:
        return None
    group = re.sub(r"^(?:về|nhiệm vụ phát triển|phát triển)\s+", "", group.strip(), flags=re.IGNORECASE)
    return group[:1].upper() + group[1:] if group else None


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .;:,-–")


# Indicator tables -----------------------------------------------------------------------------

_BASELINE_WORDS = ("hien trang", "thuc hien", "ket qua", "uoc dat", "nam truoc", "co so", "gia tri nen", "da dat",
                   "thuc trang", "dat duoc")
_TARGET_WORDS = ("muc tieu", "chi tieu nam", "ke hoach nam", "chi tieu 20", "ke hoach 20", "kh 20", "phan dau",
                 "chi tieu giao", "gia tri muc tieu", "muc can dat", "den nam", "chi tieu ke hoach")
_LEAD_WORDS = ("chu tri", "phu trach", "don vi thuc hien", "co quan thuc hien", "trach nhiem")
_TEXT_WORDS = ("chi tieu", "noi dung", "ten", "tieu chi")
ITEM_ROLES = {"target", "baseline", "unit"}


def indicator_roles(header: list[str], plan_year: int | None = None) -> dict[int, str]:
    """Column → role by meaning. Year columns ("Năm 2024 | Năm 2025 | Năm 2026"): the plan's year (or the latest)
    holds the target, the year just before it the baseline — not an older year's figure."""
    roles: dict[int, str] = {}
    years = {i: int(m.group(1)) for i, c in enumerate(header) if (m := re.search(r"\b(20\d{2})\b", c))}
    target_year = plan_year if plan_year in years.values() else max(years.values(), default=None)
    earlier = [y for y in years.values() if target_year and y < target_year]
    baseline_year = max(earlier, default=None)
    for index, cell in enumerate(header):
        f = fold(cell)
        if not f:
            continue
        year = years.get(index)
        if re.fullmatch(r"(so\s*)?s?tt\.?|so thu tu", f):
            roles.setdefault("index", index)
        elif "don vi tinh" in f or f in ("dvt", "don vi"):
            roles.setdefault("unit", index)
        elif "ghi chu" in f:
            roles.setdefault("note", index)
        elif any(w in f for w in _LEAD_WORDS):
            roles.setdefault("lead", index)
        elif year is not None and baseline_year is not None and year < baseline_year:
            continue  # an older year's figure: neither the baseline nor the target
        elif not any(w in f for w in _TARGET_WORDS) and (any(w in f for w in _BASELINE_WORDS)
                                                         or (year is not None and year == baseline_year)):
            roles.setdefault("baseline", index)  # "Thực hiện 2025", "Hiện trạng", or the year before the target's
        elif (any(w in f for w in _TARGET_WORDS) or year is not None) and f != "chi tieu":
            roles.setdefault("target", index)
        elif any(w in f for w in _TEXT_WORDS):
            roles.setdefault("text", index)
    return {index: role for role, index in roles.items()}


def _is_indicator_roles(roles: dict[int, str]) -> bool:
    return "text" in roles.values() and "target" in roles.values()


def from_tables(doc: Document, tables, plan_year: int | None = None) -> list[IndicatorRow]:
    rows_out: list[IndicatorRow] = []
    columns = None
    group = None
    for table in tables:
        if not table.rows or any(is_task_header(row) for row in table.rows[:HEADER_SCAN]):
            continue  # a task table ("Tên nhiệm vụ | Mục tiêu | Kết quả…") is no indicator table
        found = find_header(table.rows, lambda row: _indicator_columns(row, plan_year), _is_indicator_roles)
        if found is not None:
            columns, body = found, table.rows[found.start:]
            group = None
        elif columns is not None and len(table.rows[0]) == len(columns.header):
            body = table.rows  # the same table continued after a page break
        else:
            continue
        text_at, target_at = columns.column("text"), columns.column("target")
        for k, row in enumerate(body):
            cells = row + [""] * (len(columns.header) - len(row))
            if same_header(cells, columns.header) or _is_indicator_roles(_indicator_columns(cells, plan_year)):
                continue
            title = section_title(cells, columns, ITEM_ROLES, body[k + 1] if k + 1 < len(body) else None)
            if title:
                group = title
                continue
            text = clean_cell(cells[text_at])
            if not text:
                continue
            rows_out.append(_table_row(doc, table, columns, cells, group, text, clean_cell(cells[target_at]) or None))
    return rows_out


def _indicator_columns(row: list[str], plan_year: int | None) -> dict[int, str]:
    return indicator_roles(row, plan_year)


def _table_row(doc, table, columns, cells, group, text, target_text) -> IndicatorRow:
    unit_at, baseline_at = columns.column("unit"), columns.column("baseline")
    unit = clean_cell(cells[unit_at]) if unit_at is not None else ""
    baseline = clean_cell(cells[baseline_at]) if baseline_at is not None else ""
    if unit == "%" and baseline and re.fullmatch(r"[\d.,]+", baseline):
        baseline += "%"
    row = IndicatorRow(group=group, text=text, baseline=baseline or None, target=None, target_value=None,
                       unit=unit or None, comparator=None,
                       source=Source(doc.where(table), " | ".join(c for c in cells if c)))
    row.read_target(target_text)
    if target_text and row.target_value is None:
        row.warnings.append("Chỉ tiêu không có con số đo được; giữ nguyên như văn bản.")
    return row


