"""Wrong year: a heading naming a year other than the plan's (Part I assesses the year before, Part II plans this
one; the title too, when the rest of the document says which year the plan is for), and deadlines set before the
plan year anywhere in the plan's own part — in a task, an indicator, a sentence.

A deadline before the plan year is an error (the plan's own year proves it); one after it, not written as a span of
years, is a warning (a plan may set later milestones).
"""

from __future__ import annotations

import re

from xaso.core.text import fold
from xaso.core.timelines import parse_timeline
from xaso.extract.header import NAME, title_year
from xaso.extract.outline import is_heading, numbering

from .context import CheckContext, clause_quote
from .model import ERROR, WARNING, Finding

_YEAR = re.compile(r"\b(?:NĂM|năm|Năm)\s+(20\d{2})\b(?!\s*[-–—]\s*20\d{2})")
_SPAN = re.compile(r"20\d{2}\s*[-–—]\s*20\d{2}|giai đoạn|đến năm|tới năm|định hướng", re.IGNORECASE)
_DATE_BEFORE = re.compile(r"(?:ngày\s+\d{0,2}\s*)?tháng\s+\d{0,2}\s*$", re.IGNORECASE)
_ASSESSMENT = ("ket qua", "danh gia", "tinh hinh", "so ket", "tong ket", "thuc hien nam", "da dat")
_ROMAN = r"(?:I{1,3}|IV|[1-4])"
_WHEN = (rf"quý\s+{_ROMAN}(?:\s*[-–]\s*{_ROMAN})?\s*(?:/|năm|,\s*năm)\s*(?P<q>20\d{{2}})"
         rf"|tháng\s+\d{{1,2}}\s*(?:/|năm|,\s*năm)\s*(?P<m>20\d{{2}})"
         rf"|(?:ngày\s+)?\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*(?P<d>20\d{{2}})"
         rf"|ngày\s+\d{{1,2}}\s+tháng\s+\d{{1,2}}\s+năm\s+(?P<w>20\d{{2}})"
         rf"|năm\s+(?P<y>20\d{{2}})")
DEADLINE = re.compile(
    rf"(?:(?:hoàn thành|thực hiện|triển khai|tổ chức|ban hành|xong|kết thúc|bắt đầu)\s+(?:xong\s+)?)?"
    rf"(?P<lead>trong|trước|vào|đến hết|đến|chậm nhất|hạn|trước hết)\s+(?:{_WHEN})",
    re.IGNORECASE,
)
_CITATION_BEFORE = re.compile(r"(?:số|số hiệu)\s*:?\s*\d+[^\s,;]*\s*,?\s*$", re.IGNORECASE)


def check_years(ctx: CheckContext) -> list[Finding]:
    year = ctx.plan.plan_year
    if not year:
        return []
    findings: list[Finding] = []
    title = title_year(ctx.paragraphs)
    if title and title[1] != year and not _SPAN.search(title[0].text):
        p = title[0]
        findings.append(ctx.at(p, "wrong_year", ERROR, p.text.strip()[:120],
                               f"Tiêu đề ghi năm {title[1]}, nhưng nội dung (Phần II, thời hạn các nhiệm vụ) là kế "
                               f"hoạch năm {year}."))
    findings.extend(_issue_date(ctx, year))
    assessing_level = None  # inside a section that reports past results: its years are the past
    for index, p in enumerate(ctx.paragraphs):
        if title and p is title[0]:
            continue
        if _is_heading_line(p):
            level = _level(p)
            if assessing_level is not None and level <= assessing_level:
                assessing_level = None
            if ctx.outline.part1 is None and assessing_level is None and _assesses(p, year):
                assessing_level = level
            # a numbered item reads as a heading ("1. Lắp camera, hoàn thành trước 31/12/2025."): its deadline
            # is judged as one, and the year it names is not judged again as the heading's
            deadlines = _deadline_years(ctx, p, year) if _plans(ctx, index, assessing_level) else []
            findings.extend(deadlines)
            findings.extend(_heading_year(ctx, index, p, year, assessing_level is not None,
                                          skip=[m.span() for m in DEADLINE.finditer(p.text)] if deadlines else []))
        elif _plans(ctx, index, assessing_level):
            findings.extend(_deadline_years(ctx, p, year))
    reported = {fold(f.quote) for f in findings}
    for task in ctx.plan.tasks:
        timeline = parse_timeline(task.timeline, year)
        if not timeline.due or timeline.due.year == year or _SPAN.search(task.timeline or ""):
            continue
        if any(fold(task.timeline) in quote for quote in reported):
            continue  # a task written in the body: its sentence was judged above
        before = timeline.due.year < year
        findings.append(Finding(
            "wrong_year", ERROR if before else WARNING, _timeline_quote(ctx, task), None,
            f"Nhiệm vụ “{task.name[:80]}” của kế hoạch năm {year} có thời hạn {task.timeline}, "
            f"{'trước' if before else 'sau'} năm kế hoạch.", task.source.where if task.source else ""))
    return findings


_ISSUED = re.compile(rf"^\W*{NAME},\s*ngày\s+(\d{{1,2}})\s*(?:tháng\s*|/)(\d{{1,2}})\s*(?:năm\s*|/)(20\d{{2}})\b",
                     re.IGNORECASE)


def _issue_date(ctx: CheckContext, year: int) -> list[Finding]:
    """"Hòa An, ngày 06 tháng 01 năm 2026" above a plan for 2027: a plan is signed in the months before its year or
    early in it; a year later than the plan's, or more than half a year before it, is a year left from a template."""
    for p in ctx.paragraphs[:20]:
        if m := _ISSUED.match(p.text.strip()):
            month, signed = int(m.group(2)), int(m.group(3))
            if signed > year or signed < year - 1:
                return [ctx.at(p, "wrong_year", ERROR, m.group(0).strip(" *_"),
                               f"Kế hoạch năm {year} nhưng ngày ban hành ghi năm {signed}.")]
            if signed == year - 1 and month < 7:
                return [ctx.at(p, "wrong_year", WARNING, m.group(0).strip(" *_"),
                               f"Kế hoạch năm {year} ban hành tháng {month}/{signed}, hơn nửa năm trước năm kế "
                               f"hoạch: kiểm tra lại năm ban hành.")]
            return []
    return []


def _timeline_quote(ctx: CheckContext, task) -> str:
    """The words a reader can find: "Thời gian: Quý II/2025" where the body states it once, else name and time."""
    label = re.compile(r"(?:thời\s+(?:gian|hạn)|tiến\s+độ)[^:.;]{0,30}:\s*" + re.escape(task.timeline), re.IGNORECASE)
    found = [m.group(0) for p in ctx.paragraphs for m in label.finditer(p.text)]
    return found[0] if len(found) == 1 else f"{task.name[:60]}: {task.timeline}"


def _is_heading_line(p) -> bool:
    return is_heading(p) and len(p.text) <= 160


def _level(p) -> int:
    n = numbering(p.text)
    return n.level if n else (p.heading or 3)


def _assesses(p, year: int) -> bool:
    """A section reporting the past: "I. KẾT QUẢ THỰC HIỆN NĂM 2025", "Đánh giá tình hình …"."""
    folded = fold(p.text)
    return any(w in folded for w in _ASSESSMENT) and not re.search(rf"\b{year}\b", p.text)


def _plans(ctx: CheckContext, index: int, assessing_level: int | None) -> bool:
    """Whether paragraph `index` sets what is to be done: in the plan's part, outside a section on past results."""
    return not ctx.in_part1(index) and assessing_level is None and _in_plan(ctx, index)


def _in_plan(ctx: CheckContext, index: int) -> bool:
    """Paragraphs of the plan proper: Part II, or everything after the first heading when there are no parts."""
    if ctx.outline.part1 is not None:
        return ctx.in_part2(index)
    first = next((i for i, p in enumerate(ctx.paragraphs) if _is_heading_line(p) and numbering(p.text)), None)
    return first is not None and index > first


def _heading_year(ctx: CheckContext, index: int, p, year: int, assessing: bool,
                  skip: list[tuple[int, int]] = ()) -> list[Finding]:
    if _SPAN.search(p.text):
        return []
    named = [(int(m.group(1)), m) for m in _YEAR.finditer(p.text)
             if not any(a <= m.start() < b for a, b in skip)
             and not _DATE_BEFORE.search(p.text[: m.start()]) and not re.search(r"so với\s*$", p.text[: m.start()])]
    if not named:
        return []
    n = numbering(p.text)
    is_part = n is not None and n.style in ("part", "letter")
    words = fold(p.text)
    part_one = "danh gia" in words or "ket qua" in words or (
        n is not None and n.style == "part" and n.value == (1,) and "ke hoach" not in words)
    if ctx.in_part1(index) or (is_part and part_one):
        expected, role = year - 1, "Phần I đánh giá năm"
    elif assessing and all(y == year - 1 for y, _ in named):
        return []
    else:
        expected, role = year, "kế hoạch cho năm"
    wrong = [y for y, _ in named if y != expected]
    if not wrong:
        return []
    return [ctx.at(p, "wrong_year", ERROR, p.text.strip()[:120],
                   f"Đây là kế hoạch năm {year}: {role} {expected}, nhưng tiêu đề ghi năm {wrong[0]}.")]


def _deadline_years(ctx: CheckContext, p, year: int) -> list[Finding]:
    findings = []
    for m in DEADLINE.finditer(p.text):
        named = int(next(g for g in (m.group("q"), m.group("m"), m.group("d"), m.group("w"), m.group("y")) if g))
        if named == year:
            continue
        if m.group("y") and not re.match(r"(?:hoàn thành|thực hiện|triển khai|tổ chức|ban hành|xong|kết thúc)",
                                         m.group(0), re.IGNORECASE):
            continue  # "trong năm 2025" alone may tell of the past; a deadline says what is to be done
        clause_start = max(p.text.rfind(sep, 0, m.start()) for sep in (";", ". ", ":")) + 1
        clause = p.text[clause_start: m.end()]
        context = p.text[max(0, m.start() - 40): m.end() + 30]
        if _SPAN.search(context) or re.search(r"\bđã\b", clause) or _CITATION_BEFORE.search(p.text[:m.start()]):
            continue
        if (m.group("d") or m.group("w")) and re.search(r"\d+[-/][A-ZĐ]", p.text[max(0, m.start() - 40): m.start()]):
            continue  # "Kế hoạch số 12/KH-UBND ngày …": a citation's date
        quote = clause_quote(p.text, m.start(), m.end())
        before = named < year
        findings.append(ctx.at(
            p, "wrong_year", ERROR if before else WARNING, quote,
            f"Kế hoạch năm {year} đặt thời hạn “{m.group(0).strip()}”, tức năm {named} — "
            + ("trước năm kế hoạch." if before else "sau năm kế hoạch, mà không ghi là nhiều năm.")))
    return findings
