"""Indicators: the measurable targets of the plan year stated in Part II's goals section
(or, where a plan has none, in its plan-content section), or in an indicator table."""

from __future__ import annotations

import re

from xaso.core.numbers import parse_number
from xaso.core.targets import parse_target
from xaso.core.text import fold
from xaso.documents import Document, Paragraph

from .clauses import clauses, find_target
from .model import IndicatorRow, Source
from .outline import contains, heading_text, is_heading, numbering, section
from .tasks import is_task_header

_GOALS = ("muc tieu cu the", "chi tieu cu the", "muc tieu, chi tieu", "cac chi tieu", "chi tieu chu yeu")
_CONTENT = ("noi dung ke hoach", "nhiem vu trong tam", "nhiem vu, giai phap", "nhiem vu chu yeu")


def goals_section(paragraphs: list[Paragraph], start: int, stop: int):
    def is_goals(p):
        return contains(p, *_GOALS) and not contains(p, "tinh hinh", "ket qua thuc hien", "danh gia")

    found = section(paragraphs, start, stop, is_goals)
    if found:
        return found
    return section(paragraphs, start, stop, lambda p: numbering(p.text) is not None and contains(p, *_CONTENT))


def from_paragraphs(doc: Document, paragraphs: list[Paragraph], start: int, stop: int) -> list[IndicatorRow]:
    found = goals_section(paragraphs, start, stop)
    if not found:
        return []
    first, last = found
    rows: list[IndicatorRow] = []
    group = None
    for p in paragraphs[first + 1:last]:
        if is_heading(p) and not p.bullet:
            group = heading_text(p.text) or group
            continue
        if _is_group_label(p):
            group = p.text.strip(" :")
            continue
        for clause in _split_targets(clauses(p.text)):
            target = find_target(clause)
            if target is None:
                continue
            rows.append(IndicatorRow(
                group=_pillar(group), text=_clean(clause), baseline=target.baseline, target=target.target,
                target_value=target.value, unit=target.unit, comparator=target.comparator,
                source=Source(doc.where(p), p.text),
            ))
    return rows


def _split_targets(parts: list[str]) -> list[str]:
    """"Tỷ lệ A đạt 100%, tỷ lệ B đạt 100%": one clause per stated rate."""
    out = []
    for part in parts:
        pieces = re.split(r",\s+(?=tỷ lệ\s)", part, flags=re.IGNORECASE)
        if len(pieces) > 1 and all(find_target(x) for x in pieces):
            out.extend(pieces)
        else:
            out.append(part)
    return out


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

def _indicator_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, cell in enumerate(header):
        f = fold(cell)
        if not f:
            continue
        if re.fullmatch(r"(so\s*)?s?tt", f):
            roles.setdefault("index", index)
        elif "don vi tinh" in f or f == "dvt":
            roles.setdefault("unit", index)
        elif any(w in f for w in ("hien trang", "thuc hien nam", "ket qua nam", "ket qua thuc hien", "uoc thuc hien", "nam truoc", "co so")):
            roles.setdefault("baseline", index)
        elif any(w in f for w in ("muc tieu", "chi tieu nam", "ke hoach nam", "chi tieu 20", "ke hoach 20", "nam 20")) and "chi tieu" != f:
            roles.setdefault("target", index)
        elif "chi tieu" in f or "noi dung" in f or "ten" in f:
            roles.setdefault("text", index)
        elif "ghi chu" in f:
            roles.setdefault("note", index)
    return roles


def from_tables(doc: Document) -> list[IndicatorRow]:
    rows: list[IndicatorRow] = []
    for table in doc.tables:
        if not table.rows:
            continue
        if any(is_task_header(row) for row in table.rows[:4]):
            continue  # a task table ("Tên nhiệm vụ | Mục tiêu | Kết quả…") is no indicator table
        roles = _indicator_roles(table.rows[0])
        if "text" not in roles or "target" not in roles or len(roles) < 3:
            continue
        group = None
        for row in table.rows[1:]:
            cells = row + [""] * (len(table.rows[0]) - len(row))
            text = cells[roles["text"]].strip()
            distinct = {c.strip() for c in cells if c.strip()}
            if len(distinct) == 1 and not cells[roles["target"]].strip():
                group = heading_text(distinct.pop())
                continue
            if not text or _indicator_roles(row) == roles:
                continue
            target_text = cells[roles["target"]].strip() or None
            target = parse_target(target_text)
            unit = cells[roles["unit"]].strip() if "unit" in roles else None
            baseline = cells[roles["baseline"]].strip() if "baseline" in roles else None
            warnings = []
            if target_text and target.value is None:
                warnings.append("Chỉ tiêu không có con số đo được; giữ nguyên như văn bản.")
            rows.append(IndicatorRow(
                group=group, text=text, baseline=baseline or None, target=target_text,
                target_value=float(target.value) if target.value is not None else None,
                unit=unit or target.unit, comparator=target.comparator,
                source=Source(f"bảng, {doc.where(table)}", " | ".join(c for c in row if c)), warnings=warnings,
            ))
    return rows


def baseline_number(text: str | None):
    return parse_number((text or "").rstrip("%").strip())


