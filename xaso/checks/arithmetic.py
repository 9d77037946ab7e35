"""Arithmetic: a stated percentage that differs from its own ratio, a part larger than its total."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from xaso.core.numbers import format_number, parse_number
from xaso.core.text import fold
from xaso.extract.tables import is_total_label

from .context import CheckContext, clause_quote, row_label
from .model import ERROR, Finding

_NUM = r"\d+(?:[.,]\d+)*"
_RATIO = rf"(?<![\d/.,-])({_NUM})\s*/\s*({_NUM})(?![\d/])"
_PERCENT = rf"({_NUM})\s*%"
# The words between a ratio and its percentage: no other ratio, percentage, clause end or count of its own
# ("mức 2", "4G", "từ 14 tuổi", "năm 2025" are words; "trong đó 600 hộ" would be another count).
_QUALIFIER = r"\d{1,3}\s*(?:tuổi|tháng|giờ|km)\b|20\d{2}\b"
_GAP = rf"(?:{_QUALIFIER}|(?!\d+\s*/\s*\d|\d{{2,}}|\d[.,]\d)[^;%])"
_VERB = r"(?:đạt|=|chiếm|là|bằng|tỷ lệ|tương đương|tương ứng|đạt tỷ lệ)"
_STATED = rf"(?:\(\s*|\(?\s*{_VERB}\s*(?:tỷ lệ\s*|khoảng\s*)?)"  # "đạt X%", "(X%)", "(đạt X%)"
_WORD = r"[^\d\s,;.:()%/]+"
# (pattern, the groups of a, b and X, the groups of the two counts' nouns when they must agree)
_FORMS = [
    # "a/b … đạt X%", "a/b hồ sơ, đạt tỷ lệ X%", "a/b thôn có Wifi (đạt X%)", "a/b = X%"
    (re.compile(rf"{_RATIO}{_GAP}{{0,120}}?\(?\s*{_VERB}\s*(?:tỷ lệ\s*|khoảng\s*)?{_PERCENT}", re.IGNORECASE), (1, 2, 3), None),
    # "a/b thôn có Wifi (X%)"
    (re.compile(rf"{_RATIO}{_GAP}{{0,60}}?\(\s*{_PERCENT}\s*\)"), (1, 2, 3), None),
    # "X% (a/b …)"
    (re.compile(rf"{_PERCENT}\s*\(\s*{_RATIO}\s*[^)]{{0,40}}\)"), (2, 3, 1), None),
    # "X% (a trên (tổng số) b …)"
    (re.compile(rf"{_PERCENT}\s*\(\s*({_NUM})\s+(?:[^\d()]{{0,25}}\s)?trên\s+(?:tổng\s+(?:số\s+)?)?({_NUM})[^)]{{0,40}}\)",
                re.IGNORECASE), (2, 3, 1), None),
    # "a (…) trên tổng số b …, đạt X%", "1.920 trên 2.560 hộ … (80%)"
    (re.compile(rf"(?<![\d.,/])({_NUM})\s+(?:[^\d;%]{{0,30}}?\s)?trên\s+(?:tổng\s+(?:số\s+)?)?({_NUM}){_GAP}{{0,100}}?"
                rf"{_STATED}{_PERCENT}", re.IGNORECASE), (1, 2, 3), None),
    # "Tổng số … là b, trong đó a … chiếm X%"
    (re.compile(rf"tổng(?:\s+số)?\s[^;%\d]{{0,60}}?(?:là|:)?\s*({_NUM})\b[^;%\d]{{0,40}}?trong đó\s*:?\s*(?:có\s+)?"
                rf"({_NUM}){_GAP}{{0,100}}?{_VERB}\s*(?:tỷ lệ\s*)?{_PERCENT}", re.IGNORECASE), (2, 1, 3), None),
    # "tiếp nhận b hồ sơ …, trong đó a hồ sơ nộp trực tuyến, đạt X%": a part of a count, counted in its noun
    (re.compile(rf"(?<![\d.,/])({_NUM})\s+({_WORD})[^;%\d]{{0,60}}?trong đó\s*:?\s*(?:có\s+)?({_NUM})\s+({_WORD})"
                rf"{_GAP}{{0,100}}?{_STATED}{_PERCENT}", re.IGNORECASE), (3, 1, 5), (2, 4)),
    # "Tổng số hồ sơ tiếp nhận: b; số hồ sơ trực tuyến: a (tỷ lệ X%)": a labelled total, then a labelled part
    (re.compile(rf"tổng(?:\s+số)?\s[^;%\d:]{{0,60}}:\s*({_NUM})(?![\d/])[^;%\d:]{{0,20}}[;,]\s*(?:trong đó\s*)?"
                rf"(?:số\s)?[^;%\d:]{{0,60}}:\s*({_NUM})(?![\d/])[^;%\d]{{0,30}}?{_STATED}{_PERCENT}", re.IGNORECASE),
     (2, 1, 3), None),
    # "Trong số b hộ …, a hộ …, tương đương X%"
    (re.compile(rf"trong số\s+({_NUM})\s+({_WORD})[^;%\d]{{0,80}}?,\s*(?:có\s+)?({_NUM})\s+({_WORD}){_GAP}{{0,100}}?"
                rf"{_STATED}{_PERCENT}", re.IGNORECASE), (3, 1, 5), (2, 4)),
]
# A count and, after "trong đó", a part of it in the same noun: "có 412 tàu, trong đó 436 tàu …".
_COUNT_AND_PART = re.compile(rf"(?<![\d.,/])({_NUM})\s+({_WORD})[^;%\d]{{0,60}}?trong đó\s*:?\s*(?:có\s+)?({_NUM})\s+({_WORD})",
                             re.IGNORECASE)
_TOTAL = re.compile(
    rf"(?:tổng|tổng số)\s[^:;.]{{0,80}}?:\s*({_NUM})\s*([^\d\s,;.:()]+(?:\s[^\d\s,;.:()]+)?)?[^;:]{{0,20}}?,?\s*trong đó\s*:?\s*(.{{5,400}})",
    re.IGNORECASE,
)
_UNIT = r"[^\d\s,;.:()]+(?:\s[^\d\s,;.:()]+)?"
_PART = re.compile(rf"([^:;,]{{3,80}}):\s*({_NUM})\s*({_UNIT})?")


def _decimals(text: str) -> int:
    m = re.search(r"[.,](\d{1,2})$", text)
    return len(m.group(1)) if m else 0


def ratio_mismatch(numerator: Decimal, denominator: Decimal, stated: Decimal, decimals: int) -> Decimal | None:
    """The true percentage when the stated one is off by more than 0.1 point after the document's own
    rounding (rounded or truncated to as many decimals as it writes); None when it agrees."""
    if denominator == 0:
        return None
    actual = numerator * 100 / denominator
    scale = Decimal(10) ** decimals
    rounded = (actual * scale).to_integral_value() / scale
    truncated = Decimal(math.floor(actual * scale)) / scale
    if min(abs(rounded - stated), abs(truncated - stated)) <= Decimal("0.1"):
        return None
    return actual


def check_arithmetic(ctx: CheckContext) -> list[Finding]:
    findings = []
    for p in ctx.paragraphs:
        text = p.text
        for m, (a, b, x) in _ratio_statements(text):
            numerator, denominator, stated = parse_number(a), parse_number(b), parse_number(x)
            if None in (numerator, denominator, stated) or _is_date_or_code(text, m.start()):
                continue
            actual = ratio_mismatch(numerator, denominator, stated, _decimals(x))
            if actual is None:
                continue
            end = m.end() + 1 if text[m.end(): m.end() + 1] == ")" and "(" in text[m.start(): m.end()] else m.end()
            quote = text[m.start(): end].strip(" (")
            findings.append(ctx.at(
                p, "arithmetic", ERROR, quote,
                f"{a}/{b} = {format_number(actual, 2)}%, không phải {x}% như văn bản ghi "
                f"(lệch {format_number(abs(actual - stated), 2)} điểm phần trăm)."))
        findings.extend(_parts_over_total(ctx, p))
    for table in ctx.doc.tables:
        findings.extend(_total_columns(ctx, table))
    return findings


_TOTAL_HEADER = re.compile(r"(?:tong|tong cong|cong|tong so)(?:\s*\(.*\))?")
# One header row: "Kinh phí - Tổng (triệu đồng) | Ngân sách xã | Nguồn khác"
_FLAT_TOTAL = re.compile(r"(?:kinh phi\W+)?(?:tong|tong cong|tong so)(?:\W+kinh phi)?(?:\W+du kien)?(?:\s*\(.*\))?")
_SOURCE_HEADER = re.compile(r"ngan sach|nguon|xa hoi hoa|von|doi ung")
_SUBTOTAL = re.compile(r"(?:tong cong|tong|cong)\s+(?:nhom|muc|phan|linh vuc|[ivx]+\b|\d|[a-d]\b)")


def _total_columns(ctx: CheckContext, table) -> list[Finding]:
    """"Kinh phí" over "Tổng | Ngân sách xã | Nguồn khác" (or one header row "Tổng kinh phí | Ngân sách | Nguồn
    khác"): in every row the sources add up to the total, and a "Tổng cộng" row is the sum of the rows above."""
    rows = table.rows
    for r, sub in enumerate(rows):
        top = rows[r - 1] if r else []
        for start, stop in _merged_spans(top):
            totals = [i for i in range(start, min(stop, len(sub))) if _TOTAL_HEADER.fullmatch(fold(sub[i]).strip())]
            if len(totals) == 1 and stop - start >= 3:
                return _budget_sums(ctx, table, rows[r + 1:], top[start], sub, totals[0], range(start, stop))
        for t, cell in enumerate(sub):
            if _FLAT_TOTAL.fullmatch(fold(cell).strip()) and "tong" in fold(cell):
                stop = t + 1
                while stop < len(sub) and _SOURCE_HEADER.search(fold(sub[stop])):
                    stop += 1
                if stop - t >= 2:
                    return _budget_sums(ctx, table, rows[r + 1:], "Kinh phí", sub, t, range(t, stop))
    return []


def _budget_sums(ctx: CheckContext, table, rows, title: str, sub: list[str], total_at: int, span) -> list[Finding]:
    findings = _row_sums(ctx, table, rows, title, sub, total_at, span)
    totals = [k for k, row in enumerate(rows) if any(is_total_label(c) for c in row)]
    if len(totals) != 1:
        return findings  # subtotals per group, or no total row: no single sum to check
    above, total_row = rows[:totals[0]], rows[totals[0]]
    if any(_SUBTOTAL.match(fold(c).strip()) for row in above for c in row if c):
        return findings  # "Cộng nhóm I" rows above: the total is of them, not of every row
    for i in span:
        stated = parse_number(total_row[i].replace(" ", "")) if i < len(total_row) else None
        numbers = [parse_number(row[i].replace(" ", "")) for row in above if i < len(row) and row[i].strip()]
        if stated is None or not numbers or None in numbers:
            continue
        added = sum(numbers)
        if abs(added - stated) > max(Decimal("0.5"), stated * Decimal("0.005")):
            label = next(c.strip() for c in total_row if is_total_label(c))
            findings.append(ctx.at(
                table, "arithmetic", ERROR, f"{label} {total_row[i].strip()}",
                f"Dòng “{label}”, cột {sub[i].strip()}: ghi {total_row[i].strip()}, nhưng các dòng trên cộng lại "
                f"được {format_number(added)}."))
            break
    return findings


def _row_sums(ctx: CheckContext, table, rows, title: str, sub: list[str], total_at: int, span) -> list[Finding]:
    findings = []
    parts = [i for i in span if i != total_at]
    for row in rows:
        if any(is_total_label(c) for c in row):
            continue  # the total row is checked against the rows above it
        cells = row + [""] * (span.stop - len(row))
        total = parse_number(cells[total_at].replace(" ", ""))
        values = [parse_number(cells[i].replace(" ", "")) if cells[i].strip() else Decimal(0) for i in parts]
        if total is None or None in values or not any(values):
            continue
        added = sum(values)
        if abs(added - total) > max(Decimal("0.5"), total * Decimal("0.005")):
            written = " + ".join(f"{sub[i].strip()} {cells[i].strip()}" for i in parts if cells[i].strip())
            findings.append(ctx.at(
                table, "arithmetic", ERROR, row_label(row, sub),
                f"{title.strip()}: {written} = {format_number(added)}, không khớp cột {sub[total_at].strip()} "
                f"({cells[total_at].strip()})."))
    return findings


def _merged_spans(row: list[str]) -> list[tuple[int, int]]:
    """Runs of one text repeated over neighbouring cells: a header cell merged over its sub-columns."""
    spans, start = [], 0
    for i in range(1, len(row) + 1):
        if i == len(row) or row[i] != row[start]:
            if i - start >= 2 and row[start].strip():
                spans.append((start, i))
            start = i
    return spans


def _ratio_statements(text: str):
    """Every ratio stated with its percentage, in any of the forms, each place once."""
    seen: list[tuple[int, int]] = []
    for pattern, (a, b, x), nouns in _FORMS:
        for m in pattern.finditer(text):
            if nouns and not _same_noun(m.group(nouns[0]), m.group(nouns[1])):
                continue
            if any(start < m.end() and m.start() < end for start, end in seen):
                continue
            seen.append((m.start(), m.end()))
            yield m, (m.group(a), m.group(b), m.group(x))


def _is_date_or_code(text: str, start: int) -> bool:
    before = text[max(0, start - 12): start].lower()
    return bool(re.search(r"(ngày|số|quyết định|kế hoạch)\s*$", before))


def _same_noun(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _parts_over_total(ctx: CheckContext, p) -> list[Finding]:
    findings = []
    for m in _COUNT_AND_PART.finditer(p.text):
        total, part = parse_number(m.group(1)), parse_number(m.group(3))
        if None in (total, part) or not _same_noun(m.group(2), m.group(4)) or part <= total:
            continue
        if _is_date_or_code(p.text, m.start()):
            continue
        findings.append(ctx.at(
            p, "arithmetic", ERROR, clause_quote(p.text, m.start(), m.end(), width=0),
            f"Phần “{m.group(3)} {m.group(4)}” lớn hơn tổng số {m.group(1)} {m.group(2)} mà nó thuộc về (“trong đó”)."))
    for m in _TOTAL.finditer(p.text):
        total = parse_number(m.group(1))
        unit = (m.group(2) or "").lower()
        if total is None:
            continue
        parts = []
        for part in _PART.finditer(m.group(3)):
            value = parse_number(part.group(2))
            part_unit = (part.group(3) or "").lower()
            if value is None or (unit and part_unit and part_unit != unit):
                continue
            parts.append((part.group(1).strip(" ,;"), part.group(2), value, part.group(0).strip(" ,;")))
        for label, written, value, quote in parts:
            if value > total:
                findings.append(Finding(
                    "arithmetic", ERROR, quote, p.line,
                    f"Phần “{label}” là {written} {unit}, lớn hơn tổng số {m.group(1)} {unit} mà nó thuộc về "
                    f"(“trong đó”).".replace("  ", " "), ctx.doc.where(p), page=p.page))
                break
        else:
            if len(parts) >= 2 and sum(v for _, _, v, _ in parts) > total:
                written = " + ".join(w for _, w, _, _ in parts)
                findings.append(Finding(
                    "arithmetic", ERROR, parts[-1][3], p.line,
                    f"Các phần cộng lại {written} = {format_number(sum(v for _, _, v, _ in parts))}, "
                    f"lớn hơn tổng số {m.group(1)}.", ctx.doc.where(p), page=p.page))
    return findings
