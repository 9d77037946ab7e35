"""One cited document given two different dates (or one dated document two numbers)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from xaso.core.text import fold

from .context import CheckContext
from .model import ERROR, Finding

_KINDS = (r"Kế hoạch|Quyết định|Nghị quyết|Công văn|Thông báo|Hướng dẫn|Chỉ thị|Thông tư|Nghị định|Báo cáo|Văn bản"
          r"|Kết luận|Chương trình|Đề án|Quy chế|Quy định|Tờ trình")
# A kind may carry qualifiers before its number ("Kế hoạch hành động số", "Nghị quyết chuyên đề số", "Thông báo kết
# luận số"); party documents number as "7-KH/ĐU", "05-NQ/TU", state ones as "12/KH-UBND".
_CITATION = re.compile(
    rf"\b({_KINDS})((?:\s+[a-zà-ỹđ]+){{0,3}}?)\s+(?:số\s*:?\s*)(\d+[A-Za-zĐđ]?\s*(?:[-/]\s*[A-ZĐa-zđ0-9&.]+)+)"
    rf"\s*,?\s*(?:\(ban hành\s+)?ngày\s+(\d{{1,2}})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{{1,2}})\s*(?:/|-|\.|\s+năm\s+)"
    rf"\s*(\d{{4}})"
    rf"|\b({_KINDS})\s+(\d+[A-Za-zĐđ]?\s*(?:[-/]\s*[A-ZĐa-zđ0-9&.]+)+)\s*,?\s*(?:\(ban hành\s+)?ngày\s+"
    rf"(\d{{1,2}})\s*(?:/|-|\.|\s+tháng\s+)\s*(\d{{1,2}})\s*(?:/|-|\.|\s+năm\s+)\s*(\d{{4}})",
)


@dataclass
class Citation:
    """One document cited with its number and date. The number names the document (its kind is in it:
    "7-KH/ĐU", "12/KH-UBND"), whatever words the kind is written with."""

    kind: str
    number: str
    date: str
    year: str
    start: int
    end: int
    text: str


def _citation(m) -> Citation:
    if m.group(1):
        kind, number, d, mo, y = m.group(1) + (m.group(2) or ""), m.group(3), m.group(4), m.group(5), m.group(6)
    else:
        kind, number, d, mo, y = m.group(7), m.group(8), m.group(9), m.group(10), m.group(11)
    return Citation(kind, re.sub(r"\s+", "", number).upper(), f"{int(d)}/{int(mo)}/{y}", y, m.start(), m.end(),
                    m.group(0))


def citations(ctx: CheckContext):
    for p in ctx.paragraphs:
        for m in _CITATION.finditer(p.text):
            c = _citation(m)
            yield p, c


def check_references(ctx: CheckContext) -> list[Finding]:
    """The same number cited with two dates of one year (or the same day and month in two years) is one document
    given two dates; numbers restart every year, so the same number in two years is two documents."""
    by_number: dict[str, list] = defaultdict(list)
    by_date: dict[tuple, list] = defaultdict(list)
    for p, c in citations(ctx):
        by_number[c.number].append((p, c))
        issuer = c.number.split("/", 1)[1] if "/" in c.number else c.number.split("-", 1)[-1]
        by_date[(fold(c.kind.split()[0] if c.kind else ""), issuer, c.date)].append((p, c))
    findings = _same_document_two_numbers(ctx, by_date)
    for number, cited in by_number.items():
        dates = Counter(c.date for _, c in cited)
        if len(dates) < 2:
            continue
        usual, count = dates.most_common(1)[0]
        if list(dates.values()).count(count) > 1:
            usual = cited[0][1].date  # a tie: the first citation sets the date
        first_p, first = next((p, c) for p, c in cited if c.date == usual)
        for p, c in cited:
            if c.date == usual or not _same_document(first, c):
                continue
            findings.append(ctx.at(
                p, "inconsistent_reference", ERROR, c.text,
                f"Cùng văn bản số {c.number} được trích dẫn với ngày {usual} (“{first.text}”, {ctx.doc.where(first_p)}) "
                f"và ngày {c.date} ({ctx.doc.where(p)})."))
    return findings


def _same_document(a: Citation, b: Citation) -> bool:
    (d1, m1, y1), (d2, m2, y2) = a.date.split("/"), b.date.split("/")
    return y1 == y2 or (d1, m1) == (d2, m2)


def _same_document_two_numbers(ctx: CheckContext, by_date: dict) -> list[Finding]:
    """One dated document cited with two numbers: same kind, issuer and date, and the same subject after it."""
    findings = []
    for (kind, issuer, date), cited in by_date.items():
        numbers = {c.number for _, c in cited}
        if len(numbers) < 2:
            continue
        first_p, first = cited[0]
        subject = _subject(first_p.text, first.end)
        for p, c in cited[1:]:
            if c.number == first.number or not subject:
                continue
            if SequenceMatcher(None, subject, _subject(p.text, c.end)).ratio() >= 0.8:
                findings.append(ctx.at(
                    p, "inconsistent_reference", ERROR, c.text,
                    f"Cùng văn bản {c.kind} ngày {date} về “{subject[:60]}” được trích dẫn với số {first.number} "
                    f"({ctx.doc.where(first_p)}) và số {c.number} ({ctx.doc.where(p)})."))
    return findings


def _subject(text: str, start: int) -> str:
    return fold(text[start: start + 80]).strip(" ,.;:")
