"""Wrong year: a heading naming a year other than the plan's (Part I assesses the year before,
Part II plans this one), and deadlines outside the plan year not written as multi-year spans."""

from __future__ import annotations

import re

from xaso.core.timelines import parse_timeline
from xaso.extract.outline import is_heading, numbering

from .context import CheckContext
from .model import ERROR, WARNING, Finding

_YEAR = re.compile(r"\b(?:NĂM|năm|Năm)\s+(20\d{2})\b(?!\s*[-–—]\s*20\d{2})")
_SPAN = re.compile(r"20\d{2}\s*[-–—]\s*20\d{2}|giai đoạn|đến năm|tới năm", re.IGNORECASE)
_DEADLINE = re.compile(
    r"(?:(?:thực hiện|hoàn thành|triển khai|tổ chức)?\s*(?:trong|trước|vào|đến hết)\s+)?"
    r"(quý\s+(?:I{1,3}|IV|[1-4])(?:\s*[-–]\s*(?:I{1,3}|IV|[1-4]))?\s*(?:/|năm)\s*(20\d{2})"
    r"|tháng\s+\d{1,2}\s*(?:/|năm)\s*(20\d{2}))",
    re.IGNORECASE,
)


def check_years(ctx: CheckContext) -> list[Finding]:
    year = ctx.plan.plan_year
    if not year:
        return []
    findings = []
    for index, p in enumerate(ctx.paragraphs):
        if _is_heading_line(p):
            findings.extend(_heading_year(ctx, index, p, year))
        elif ctx.in_part2(index) and ctx.outline.part1 is not None:
            findings.extend(_deadline_years(ctx, p, year))
    for task in ctx.plan.tasks:
        timeline = parse_timeline(task.timeline, year)
        if timeline.due and timeline.due.year != year and not _SPAN.search(task.timeline or ""):
            when = "trước" if timeline.due.year < year else "sau"
            findings.append(Finding(
                "wrong_year", WARNING, task.timeline, None,
                f"Nhiệm vụ “{task.name[:80]}” của kế hoạch năm {year} có thời hạn {task.timeline}, "
                f"{when} năm kế hoạch.", task.source.where if task.source else ""))
    return findings


def _is_heading_line(p) -> bool:
    return is_heading(p) and len(p.text) <= 160


def _heading_year(ctx: CheckContext, index: int, p, year: int) -> list[Finding]:
    if _SPAN.search(p.text):
        return []
    n = numbering(p.text)
    text_years = [int(y) for y in _YEAR.findall(p.text)]
    if not text_years:
        return []
    is_part = n is not None and n.style == "part"
    if ctx.in_part1(index) or (is_part and n.value == (1,)):
        expected, role = year - 1, "Phần I đánh giá năm"
    elif ctx.in_part2(index) and (is_part or index < 6 or ctx.outline.part1 is not None):
        expected, role = year, "kế hoạch cho năm"
    else:
        return []
    wrong = [y for y in text_years if y != expected]
    if not wrong:
        return []
    return [Finding(
        "wrong_year", ERROR, p.text.strip()[:120], p.line,
        f"Đây là kế hoạch năm {year}: {role} {expected}, nhưng tiêu đề ghi năm {wrong[0]}.", ctx.doc.where(p), page=p.page)]


def _deadline_years(ctx: CheckContext, p, year: int) -> list[Finding]:
    findings = []
    for m in _DEADLINE.finditer(p.text):
        named = int(m.group(2) or m.group(3))
        context = p.text[max(0, m.start() - 30): m.end() + 30]
        if named == year or _SPAN.search(context) or re.search(r"ngày\s+\d", p.text[max(0, m.start() - 15): m.start()]):
            continue
        quote = m.group(0).strip()
        findings.append(Finding(
            "wrong_year", WARNING, quote, p.line,
            f"Kế hoạch năm {year} đặt thời hạn “{quote}”, tức năm {named} — "
            + ("trước năm kế hoạch." if named < year else "sau năm kế hoạch, mà không ghi là nhiều năm."),
            ctx.doc.where(p), page=p.page))
    return findings
