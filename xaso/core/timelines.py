"""Task timelines as plans write them ("Quý II–IV/2026", "Thường xuyên", "trước ngày 01/6/2023").

A timeline is kept as written; the parsed start and due dates are derived from it. A text this
module cannot read is kept and marked `kind="unknown"` — a date is never guessed.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from .text import fold, roman_to_int

RECURRING = "recurring"
PERIOD = "period"  # a span with a start and a due date
DEADLINE = "deadline"  # only a due date
EXTERNAL = "external"  # date set by another body ("theo chỉ đạo của Sở")
FREQUENCY = "frequency"  # "1 tuần/lần": how often, not when
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Timeline:
    text: str
    kind: str
    start: date | None = None
    due: date | None = None
    recurring: bool = False

    @property
    def known(self) -> bool:
        return self.kind in (PERIOD, DEADLINE, RECURRING) and (self.due is not None or self.recurring)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _quarter_span(first: int, last: int, year: int) -> tuple[date, date]:
    return date(year, 3 * first - 2, 1), _month_end(year, 3 * last)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


_YEAR = r"(?:/|\s*-\s*|\s+nam\s+|\s+|\s*,\s*nam\s+)?(\d{4})"
_ROMAN = r"(iv|v?i{1,3}|[1-4])"
_QUARTER_SPAN = re.compile(
    rf"quy\s+{_ROMAN}\s*(?:-|–|—|den|toi|,|va)\s*(?:quy\s+)?{_ROMAN}\b(?:\s*(?:{_YEAR}))?"
)
_QUARTER = re.compile(rf"quy\s+{_ROMAN}\b(?:\s*(?:{_YEAR}))?")
_FULL_DATE = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_DAY_MONTH = re.compile(r"ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})(?!\s*[/.-]\s*\d)")
_DAY_MONTH_WORDS = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?")
_MONTH = re.compile(r"thang\s+(\d{1,2})\s*(?:/|\s+nam\s+|\s*-\s*)(\d{4})")
_MONTH_NO_YEAR = re.compile(r"thang\s+(\d{1,2})\b")
_HALF = re.compile(r"6\s+thang\s+(dau|cuoi)\s+nam(?:\s+(\d{4}))?")
_YEAR_SPAN = re.compile(r"\b(20\d{2})\s*(?:-|–|—|den)\s*(20\d{2})\b")
_YEAR_ONLY = re.compile(r"^(?:trong\s+|ca\s+)?(?:nam\s+)?(20\d{2})$")
_FREQUENCY = re.compile(r"(\d+\s*(?:ngay|tuan|thang|nam|quy)\s*/\s*\d*\s*lan|/\s*(?:ngay|tuan|thang|quy|nam)\b|hang\s+(?:ngay|tuan|thang|quy)|dinh\s+ky)")
_EXTERNAL = re.compile(r"theo\s+(?:chi\s+dao|huong\s+dan|ke\s+hoach|yeu\s+cau|lo\s+trinh|quy\s+dinh|thong\s+bao)")


def parse_timeline(text: str | None, year: int | None = None) -> Timeline:
    """Read a timeline; `year` is the plan's year, used where the text names none."""
    raw = (text or "").strip()
    folded = fold(raw).replace("–", "-").replace("—", "-")
    if not folded:
        return Timeline(raw, UNKNOWN)
    recurring = folded.startswith("thuong xuyen") or "hang nam" in folded or "sau do dinh ky" in folded

    if m := _QUARTER_SPAN.search(folded):
        first, last = _quarter_number(m.group(1)), _quarter_number(m.group(2))
        y = int(m.group(3)) if m.group(3) else year
        if first and last and first <= last and y:
            start, due = _quarter_span(first, last, y)
            return Timeline(raw, PERIOD, start, due, recurring)
    if m := _QUARTER.search(folded):
        q = _quarter_number(m.group(1))
        y = int(m.group(2)) if m.group(2) else year
        if q and y:
            start, due = _quarter_span(q, q, y)
            return Timeline(raw, PERIOD, start, due, recurring)
    if m := _HALF.search(folded):
        y = int(m.group(2)) if m.group(2) else year
        if y:
            first = m.group(1) == "dau"
            return Timeline(raw, PERIOD, date(y, 1 if first else 7, 1), _month_end(y, 6 if first else 12), recurring)
    if m := _FULL_DATE.search(folded):
        due = _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        if due:
            return Timeline(raw, DEADLINE, None, due, recurring)
        return Timeline(raw, UNKNOWN)
    if m := _DAY_MONTH_WORDS.search(folded):
        y = int(m.group(3)) if m.group(3) else year
        due = _safe_date(y, int(m.group(2)), int(m.group(1))) if y else None
        if due:
            return Timeline(raw, DEADLINE, None, due, recurring)
    if m := _DAY_MONTH.search(folded):
        due = _safe_date(year, int(m.group(2)), int(m.group(1))) if year else None
        if due:
            return Timeline(raw, DEADLINE, None, due, recurring)
    if m := _MONTH.search(folded):
        return _month_timeline(raw, folded, int(m.group(1)), int(m.group(2)), recurring)
    if (m := _MONTH_NO_YEAR.search(folded)) and year and not _FREQUENCY.search(folded):
        return _month_timeline(raw, folded, int(m.group(1)), year, recurring)
    if m := _YEAR_SPAN.search(folded):
        first, last = int(m.group(1)), int(m.group(2))
        if first <= last:
            return Timeline(raw, PERIOD, date(first, 1, 1), date(last, 12, 31), recurring)
    if m := _YEAR_ONLY.match(folded):
        y = int(m.group(1))
        return Timeline(raw, PERIOD, date(y, 1, 1), date(y, 12, 31), recurring)
    if recurring:
        return _recurring(raw, year)
    if _EXTERNAL.search(folded):
        return Timeline(raw, EXTERNAL)
    if _FREQUENCY.search(folded) or "lan/" in folded:
        return Timeline(raw, FREQUENCY, *(_year_span(year) if year else (None, None)), recurring=True)
    return Timeline(raw, UNKNOWN)


def _recurring(raw: str, year: int | None) -> Timeline:
    start, due = _year_span(year) if year else (None, None)
    return Timeline(raw, RECURRING, start, due, True)


def _year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _month_timeline(raw: str, folded: str, month: int, year: int, recurring: bool) -> Timeline:
    if not 1 <= month <= 12:
        return Timeline(raw, UNKNOWN)
    if re.search(r"truoc\s+thang", folded):
        # "Hoàn thành trước tháng 12 năm 2026": done before December begins.
        if month == 1:
            return Timeline(raw, DEADLINE, None, date(year - 1, 12, 31), recurring)
        return Timeline(raw, DEADLINE, None, _month_end(year, month - 1), recurring)
    return Timeline(raw, PERIOD, date(year, month, 1), _month_end(year, month), recurring)


def _quarter_number(token: str) -> int | None:
    token = token.strip()
    if token.isdigit():
        value = int(token)
    else:
        value = roman_to_int(token)
    return value if value and 1 <= value <= 4 else None
