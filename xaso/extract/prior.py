"""Part I: targets of the assessed year paired with their stated results ("Kết quả: Đạt 90%", "(đạt)")."""

from __future__ import annotations

import re

from xaso.core.text import fold
from xaso.documents import Document, Paragraph

from .clauses import find_target
from .model import PriorResult, Source
from .outline import contains, section

_MARKER = re.compile(
    r"\(\s*((?:đạt|vượt|chưa đạt|không đạt|hoàn thành|chưa hoàn thành)[^()]{0,60})\)"
    r"|\bKết quả\s*:\s*((?:đạt|vượt|chưa|không|hoàn thành)[^.;]*?(?:\d+(?:[.,]\d+)?\s*%)?)\s*(?:[.;]|$)",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ỸĐ0-9])")
# "Tỷ lệ hồ sơ nộp trực tuyến: Chỉ tiêu 50% – Thực hiện 61,2%, vượt chỉ tiêu." / "chỉ tiêu 80%, thực hiện 72,3% (chưa đạt)"
_TARGET_AND_DONE = re.compile(r"^(?P<text>[^:]{8,200}):\s*(?:chỉ tiêu|kế hoạch|mục tiêu)\s+(?P<target>[^–—]+?)\s*(?:[–—-]|,)\s*"
                              r"(?:thực hiện|kết quả|đạt được)\s*:?\s*(?P<result>.+?)[.;]?$", re.IGNORECASE)


def prior_results(doc: Document, paragraphs: list[Paragraph], part1: tuple[int, int] | None) -> list[PriorResult]:
    if part1 is None:
        return []
    start, stop = part1
    found = section(paragraphs, start + 1, stop, lambda p: contains(p, "muc tieu", "chi tieu"))
    if found:
        start, stop = found
    results: list[PriorResult] = []
    previous_text = ""
    for p in paragraphs[start:stop]:
        text = p.text
        if m := _TARGET_AND_DONE.match(text.strip()):
            results.append(PriorResult(text=m.group("text").strip(), target=m.group("target").strip(),
                                       result=m.group("result").strip(), source=Source(doc.where(p), p.text)))
            previous_text = text
            continue
        markers = list(_MARKER.finditer(text))
        if not markers:
            previous_text = text
            continue
        cursor = 0
        for m in markers:
            segment = text[cursor: m.start()]
            cursor = m.end()
            segment = re.sub(r"\bKết quả\s*:?\s*$", "", segment.strip(), flags=re.IGNORECASE).strip(" .;:,")
            if not segment and m.start() == 0:  # "Kết quả: Đạt 100%." on its own line
                segment = previous_text.strip(" .;:,")
            sentences = [s for s in _SENTENCE.split(segment) if s.strip()]
            statement = (sentences[-1] if sentences else segment).strip(" .;:,")
            if not statement:
                continue
            result = (m.group(1) or m.group(2) or "").strip(" .;")
            target = find_target(statement)
            results.append(PriorResult(text=statement, target=_target_text(statement, target), result=result,
                                       source=Source(doc.where(p), p.text)))
        previous_text = text
    return results


def _target_text(statement: str, target) -> str | None:
    if target is None:
        return None
    m = re.search(r"((?:trên|tối thiểu|ít nhất|≥)\s*)?\d+(?:[.,]\d+)?\s*%", statement, re.IGNORECASE)
    return m.group(0).strip() if m else target.target


def from_tables(doc: Document, tables) -> list[PriorResult]:
    """Part I's table of last year's targets and results ("Chỉ tiêu | Kế hoạch 2025 | Thực hiện 2025 | Đánh giá"):
    each row a prior result, the achieved figure (or, without one, the verdict) as its result."""
    from .indicators import indicator_roles
    from .tables import clean_cell, find_header, section_title

    results = []
    for table in tables:
        columns = find_header(table.rows, lambda row: indicator_roles(row), _is_results_header)
        if columns is None:
            continue
        text_at, target_at, done_at = columns.column("text"), columns.column("target"), columns.column("baseline")
        verdict_at = next((i for i, cell in enumerate(columns.header) if "danh gia" in fold(cell)), None)
        body = table.rows[columns.start:]
        for k, row in enumerate(body):
            cells = row + [""] * (len(columns.header) - len(row))
            if section_title(cells, columns, {"target", "baseline"}, body[k + 1] if k + 1 < len(body) else None):
                continue
            text = clean_cell(cells[text_at])
            result = clean_cell(cells[done_at]) if done_at is not None else ""
            if not result and verdict_at is not None:
                result = clean_cell(cells[verdict_at])
            if text and result:
                results.append(PriorResult(text=text, target=clean_cell(cells[target_at]) or None, result=result,
                                           source=Source(doc.where(table), " | ".join(c for c in cells if c))))
    return results


def _is_results_header(roles: dict[int, str]) -> bool:
    found = set(roles.values())
    return {"text", "target"} <= found and ("baseline" in found)
