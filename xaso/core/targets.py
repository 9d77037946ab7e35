"""Indicator targets as plans write them ("≥ 95%", "trên 80%", "100% (2025-2027)", "Cấp độ 2 hoặc 3").

The comparator words follow shared/gold/SCHEMA.md: "≥", "trên", "tối thiểu", "ít nhất",
"từ … trở lên", "đạt", "phấn đấu" and a bare number mean at least (">="); "≤", "không quá",
"tối đa", "dưới" mean at most ("<="). A target without a number is qualitative.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import parse_number
from .text import fold, squash

AT_LEAST = ">="
AT_MOST = "<="

_NUMBER = r"\d+(?:[.,]\d+)*"
_SPAN = re.compile(r"\(?\s*(?:giai\s+doan\s+|nam\s+)?(20\d{2})\s*[-–—]\s*(20\d{2})\s*\)?")
_AT_MOST_WORDS = re.compile(r"(≤|<=|<|khong\s+qua|toi\s+da|duoi|khong\s+vuot\s+qua|giam\s+xuong\s+con)")
_QUALITATIVE_HINT = re.compile(r"\bhoac\b")
_FREQUENCY = re.compile(r"^\s*\d+\s*(?:lan\s*/|[a-z]+\s*/\s*\d*\s*lan)")


@dataclass(frozen=True)
class Target:
    text: str
    value: Decimal | None = None
    comparator: str | None = None
    unit: str | None = None
    span: tuple[int, int] | None = None
    frequency: bool = False

    @property
    def qualitative(self) -> bool:
        return self.value is None


def parse_target(text: str | None) -> Target:
    """Read a target; a text with no number, or with alternatives ("2 hoặc 3"), is qualitative."""
    raw = squash(text)
    if not raw:
        return Target(raw)
    span = None
    body = raw
    if m := _SPAN.search(fold(raw)):
        span = (int(m.group(1)), int(m.group(2)))
        body = (raw[: m.start()] + raw[m.end():]).strip()
    folded = fold(body)
    if _QUALITATIVE_HINT.search(folded) and "%" not in body:
        return Target(raw, span=span)
    if _FREQUENCY.search(folded) or re.search(r"\d+\s*/\s*(?:ngay|tuan|thang|quy|nam)\b", folded):
        m = re.search(r"\d+", body)
        unit = body[m.end():].strip() if m else None
        return Target(raw, Decimal(m.group()) if m else None, AT_LEAST, unit or None, span, True)
    m = re.search(_NUMBER, body)
    if not m:
        return Target(raw, span=span)
    value = parse_number(m.group())
    if value is None:
        return Target(raw, span=span)
    before, after = fold(body[: m.start()]), body[m.end():].strip()
    comparator = AT_MOST if _AT_MOST_WORDS.search(before) else AT_LEAST
    unit = unit_of(after)
    return Target(raw, value, comparator, unit, span)


# First syllables of two-syllable count nouns: "tài khoản", "hồ sơ", "doanh nghiệp"…
_COMPOUND_HEADS = {"tài", "hồ", "doanh", "thủ", "văn", "cán", "hộ", "cơ", "học", "công", "sản", "bài", "thiết", "máy",
                   "điểm", "hợp", "gian", "người", "trường"}


def unit_of(after: str) -> str | None:
    """The unit written after a number: "%", or a count noun ("hộ", "tài khoản", "tin/năm")."""
    if after.startswith("%"):
        return "%"
    words = re.findall(r"[^\d\s(),;.:]+(?:\s*/\s*[^\d\s(),;.:]+)?", after)
    if not words:
        return None
    if words[0].lower() in _COMPOUND_HEADS - {"hộ", "người"} and len(words) > 1:
        return f"{words[0]} {words[1]}"
    return words[0]


def is_met(target: Target, value: Decimal | None) -> bool | None:
    """Whether an actual value meets the target; None when it cannot be judged."""
    if value is None or target.value is None or target.comparator is None:
        return None
    if target.comparator == AT_MOST:
        return value <= target.value
    return value >= target.value
