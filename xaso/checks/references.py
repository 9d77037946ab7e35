"""One cited document given two different dates (or one dated document two numbers)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

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
    for p, m, kind, number, date in citations(ctx):
        by_number[(kind, number)].append((p, m, date))
    findings = []
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
                f"({ctx.doc.where(first)}) và ngày {date} ({ctx.doc.where(p)}).", ctx.doc.where(p)))
    return findings
