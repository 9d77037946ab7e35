"""One plan saying one thing twice, differently: a target stated with two values (100% in the goals, "phấn đấu đạt
90%" in the tasks), one task given two deadlines, an indicator listed twice.

Precision first — a false alarm costs an officer's trust: two statements are about the same thing only when their
subjects agree word for word once the target and the framing words ("phấn đấu", "đến cuối năm", "đạt") are set
aside, and hold enough words to be specific. Both quotes are given as the proof.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xaso.core.numbers import format_number
from xaso.core.targets import find_targets
from xaso.core.text import fold
from xaso.core.timelines import parse_timeline
from xaso.extract.clauses import statements, strip_lead_in

from .context import CheckContext, clause_quote
from .model import ERROR, WARNING, Finding
from .years import DEADLINE

# Framing words around a target, matched with their diacritics (folded, "tử" would read as "từ" and "đất" as "đạt").
_FRAME = re.compile(
    r"^(?:(?:phấn đấu|mục tiêu(?: năm nay| năm 20\d\d)?|chỉ tiêu|trong năm(?: 20\d\d)?|đến (?:hết|cuối) năm(?: 20\d\d)?"
    r"|năm 20\d\d|đạt|có|bảo đảm|đảm bảo|hướng đến|hướng tới|duy trì|tối thiểu|ít nhất|trên|không dưới|từ|và)\s+)+")
_TRAIL = re.compile(r"(?:\s+(?:trở lên|trở xuống|đạt|từ|trên|không dưới|tối thiểu|ít nhất))+$")
MIN_WORDS = 5


@dataclass
class _Stated:
    subject: str
    value: float
    unit: str
    quote: str
    paragraph: object
    index: int
    where: str


def _level(stated: _Stated) -> str:
    unit = stated.unit if stated.unit == "%" else f" {stated.unit}".rstrip()
    return f"{format_number(stated.value)}{unit}"


def _subject(text: str, start: int, end: int) -> str:
    """What a statement is about, folded for comparison: the words before its target when they name it ("Tỷ lệ …
    đạt 95%", whatever follows), else the words after it ("100% hồ sơ … được số hóa"); framing words set aside."""
    before = _clean(text[:start])
    rate = before.rfind("tỷ lệ")  # "Đẩy mạnh …, phấn đấu tỷ lệ thanh toán … đạt 60%": the rate is what is meant
    if rate > 0 and len(before[rate:].split()) >= MIN_WORDS:
        before = before[rate:]
    elif not _clean(text[:start].rsplit(",", 1)[-1]) and len(_clean(text[end:]).split()) >= MIN_WORDS:
        # "Triển khai …, phấn đấu đạt 90% hồ sơ … được xử lý trên mạng": the action before is no subject
        return _key(_clean(text[end:]))
    if len(before.split()) >= MIN_WORDS:
        return _key(before)
    return _key(_clean(f"{text[:start]} {text[end:]}"))


_FUNCTION_WORDS = re.compile(r"\b(?:duoc|cac|nhung|cua|da)\b")


def _key(words: str) -> str:
    """Folded, without the words a writer adds or drops when stating a target again ("hồ sơ được xử lý", "hồ sơ xử
    lý"): the same subject gives the same key."""
    return re.sub(r"\s+", " ", _FUNCTION_WORDS.sub(" ", fold(words))).strip()


def _clean(text: str) -> str:
    words = text.lower()
    words = re.sub(r"^\s*(?:\(\d{1,2}\)|\d{1,2}(?:\.\d{1,2})*[.)]|[a-zđ]\))\s*", "", words)
    words = re.sub(r"\s+", " ", re.sub(r"[^\w%/ ]+", " ", words)).strip()
    return _TRAIL.sub("", _FRAME.sub("", words)).strip()


def check_consistency(ctx: CheckContext) -> list[Finding]:
    """The plan's indicators (its goals list or table) come first: a statement elsewhere that gives one of them
    another target is the one reported; then any two statements of the plan's own part."""
    first: dict[tuple[str, str], _Stated] = {}
    for indicator in ctx.plan.indicators:
        subject = _indicator_subject(indicator)
        if indicator.target_value is not None and len(subject.split()) >= MIN_WORDS:
            quote = f"{indicator.text}: {indicator.target}" if indicator.target and indicator.target not in indicator.text \
                else indicator.text
            first.setdefault((subject, indicator.unit or ""), _Stated(
                subject, float(indicator.target_value), indicator.unit or "", quote, None,
                -1, indicator.source.where if indicator.source else ""))
    findings = []
    for index, p in enumerate(ctx.paragraphs):
        if ctx.in_part1(index) or _past(p.text):
            continue
        for statement in statements(strip_lead_in(p.text)[0]):
            mentions = find_targets(statement)
            if len(mentions) != 1 or mentions[0].baseline:
                continue
            m = mentions[0]
            subject = _subject(statement, m.start, m.end)
            if len(subject.split()) < MIN_WORDS:
                continue
            quote = statement.strip() if len(statement.strip()) <= 160 else clause_quote(statement, m.start, m.end, 110)
            item = _Stated(subject, float(m.value), m.unit, quote, p, index, ctx.doc.where(p))
            earlier = first.setdefault((subject, m.unit), item)
            if earlier is not item and earlier.value != item.value:
                findings.append(ctx.at(
                    p, "contradiction", ERROR, item.quote,
                    f"Cùng một chỉ tiêu được đặt hai mức khác nhau: {_level(earlier)} ở “{earlier.quote}” "
                    f"({earlier.where}) và {_level(item)} ở “{item.quote}” ({item.where})."))
    findings.extend(_repeated_indicators(ctx))
    findings.extend(_two_deadlines(ctx))
    told = {f.line for f in findings}
    findings.extend(f for f in _two_deadlines_in_text(ctx) if f.line not in told)
    return findings


def _past(text: str) -> bool:
    """A sentence about what was reached ("Năm 2025 đạt 80%", "kết quả đạt được") is no target."""
    return bool(re.search(r"\bđã\s+(?:đạt|có|thực hiện|hoàn thành)|kết quả (?:đạt được|thực hiện)", text, re.IGNORECASE))


def _repeated_indicators(ctx: CheckContext) -> list[Finding]:
    """An indicator listed twice with the same target in the plan's list of indicators."""
    findings, seen = [], {}
    for indicator in ctx.plan.indicators:
        if indicator.target_value is None:
            continue
        subject = _indicator_subject(indicator)
        if len(subject.split()) < MIN_WORDS:
            continue
        key = (subject, indicator.unit, indicator.target_value)
        if key in seen:
            first = seen[key]
            findings.append(Finding(
                "contradiction", WARNING, indicator.text[:120], None,
                f"Chỉ tiêu “{indicator.text[:100]}” được ghi hai lần ({first.source.where if first.source else ''} và "
                f"{indicator.source.where if indicator.source else ''}).", indicator.source.where if indicator.source else ""))
        else:
            seen[key] = indicator
    return findings


def _indicator_subject(indicator) -> str:
    """An indicator's subject: a table row's text is its subject; a sentence loses its target."""
    if indicator.source and indicator.source.where.startswith("bảng"):
        return _subject(indicator.text, 0, 0)
    mentions = find_targets(indicator.text)
    if len(mentions) != 1:
        return ""
    return _subject(indicator.text, mentions[0].start, mentions[0].end)


def _two_deadlines(ctx: CheckContext) -> list[Finding]:
    """One task written twice with two deadlines that cannot both hold."""
    findings, seen = [], {}
    year = ctx.plan.plan_year
    for task in ctx.plan.tasks:
        name = re.sub(r"\s+", " ", re.sub(r"[^\w ]+", " ", fold(task.name))).strip()
        if len(name.split()) < MIN_WORDS or not task.timeline:
            continue
        due = parse_timeline(task.timeline, year).due
        if name in seen:
            first, first_due = seen[name]
            if due and first_due and due != first_due:
                findings.append(Finding(
                    "contradiction", ERROR, f"{task.name[:80]}: {task.timeline}", None,
                    f"Nhiệm vụ “{task.name[:80]}” được ghi hai lần với hai thời hạn: “{first.timeline}” "
                    f"({first.source.where if first.source else ''}) và “{task.timeline}” "
                    f"({task.source.where if task.source else ''}).", task.source.where if task.source else ""))
            continue
        seen[name] = (task, due)
    return findings


def _two_deadlines_in_text(ctx: CheckContext) -> list[Finding]:
    """One piece of work written twice in the plan's sentences ("Số hóa hồ sơ hộ tịch, hoàn thành trong Quý II/2027"
    … "Số hóa hồ sơ hộ tịch hoàn thành trong Quý IV/2027") with two due dates. A warning: two rounds of one
    activity are possible, and the reader decides."""
    findings, seen = [], {}
    year = ctx.plan.plan_year
    for index, p in enumerate(ctx.paragraphs):
        if ctx.in_part1(index) or _past(p.text):
            continue
        for statement in statements(strip_lead_in(p.text)[0]):
            m = DEADLINE.search(statement)
            if not m:
                continue
            subject = _key(_clean(re.sub(r"\b(?:hoàn thành|thực hiện|xong)\s*$", "", statement[:m.start()].strip(" ,;:-"),
                                         flags=re.IGNORECASE)))
            due = parse_timeline(m.group(0), year).due
            if len(subject.split()) < MIN_WORDS or due is None:
                continue
            quote = statement.strip() if len(statement.strip()) <= 160 else clause_quote(statement, m.start(), m.end(), 110)
            if subject not in seen:
                seen[subject] = (quote, due, ctx.doc.where(p))
                continue
            first, first_due, first_where = seen[subject]
            if due != first_due:
                findings.append(ctx.at(
                    p, "contradiction", WARNING, quote,
                    f"Cùng một việc được ghi hai thời hạn khác nhau: “{first}” ({first_where}) và “{quote}” "
                    f"({ctx.doc.where(p)})."))
    return findings
