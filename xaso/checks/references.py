"""One cited document given two different dates (or one dated document two numbers)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from xaso.core.text import fold

from .context import CheckContext
from .model import ERROR, Finding

_KINDS = r"Kế hoạch|Quyết định|Nghị quyết|Công văn|Thông báo|Hướng dẫn|Chỉ thị|Thông tư|Nghị định|Báo cáo|Văn bản|Kết luận|Chương trình"
_CITATION = re.compile(
    rf"\b({_KINDS})\s+(?:số\s*:?\s*)?(\d+[A-Za-zĐđ]?\s*(?:[-/]\s*[A-ZĐa-zđ0-9&.]+)+)\s*,?\s*(?:\(ban hành\s+)?ngày\s+"
    rf"(\d{{1,2}})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{{1,2}})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{{4}})",
)


def citations(ctx: CheckContext):
    for p in ctx.paragraphs:
        for m in _CITATION.finditer(p.text):
            number = re.sub(r"\s+", "", m.group(2)).upper()
            date = f"{int(m.group(3))}/{int(m.group(4))}/{m.group(5)}"
            yield p, m, fold(m.group(1)), number, date


def check_references(ctx: CheckContext) -> list[Finding]:
    by_number: dict[tuple, list] = defaultdict(list)
    by_date: dict[tuple, list] = defaultdict(list)
    for p, m, kind, number, date in citations(ctx):
        by_number[(kind, number)].append((p, m, date))
        issuer = number.split("/", 1)[1] if "/" in number else number.split("-", 1)[-1]
        by_date[(kind, issuer, date)].append((p, m, number))
    findings = _same_document_two_numbers(ctx, by_date)
    for (kind, number), cited in by_number.items():
        dates = Counter(date for _, _, date in cited)
        if len(dates) < 2:
            continue
        usual, count = dates.most_common(1)[0]
        if list(dates.values()).count(count) > 1:
            usual = cited[0][2]  # a tie: the first citation sets the date
        for p, m, date in cited:
            if date == usual:
                continue
            first = next(q for q, _, d in cited if d == usual)
            findings.append(Finding(
                "inconsistent_reference", ERROR, m.group(0), p.line,
                f"Cùng văn bản {m.group(1)} số {m.group(2)} được trích dẫn với ngày {usual} "
                f"({ctx.doc.where(first)}) và ngày {date} ({ctx.doc.where(p)}).", ctx.doc.where(p), page=p.page))
    return findings


def _same_document_two_numbers(ctx: CheckContext, by_date: dict) -> list[Finding]:
    """One dated document cited with two numbers: same kind, issuer and date, and the same subject after it."""
    findings = []
    for (kind, issuer, date), cited in by_date.items():
        numbers = {number for _, _, number in cited}
        if len(numbers) < 2:
            continue
        first_p, first_m, first_number = cited[0]
        subject = _subject(first_p.text, first_m.end())
        for p, m, number in cited[1:]:
            if number == first_number or not subject:
                continue
            if SequenceMatcher(None, subject, _subject(p.text, m.end())).ratio() >= 0.8:
                findings.append(Finding(
                    "inconsistent_reference", ERROR, m.group(0), p.line,
                    f"Cùng văn bản {m.group(1)} ngày {date} về “{subject[:60]}” được trích dẫn với số {first_number} "
                    f"({ctx.doc.where(first_p)}) và số {number} ({ctx.doc.where(p)}).", ctx.doc.where(p), page=p.page))
    return findings


def _subject(text: str, start: int) -> str:
    return fold(text[start: start + 80]).strip(" ,.;:")
