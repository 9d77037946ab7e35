"""Clauses and the targets they state: "… đạt 70% trở lên", "Tối thiểu 90% …", "≥02 hộ …"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xaso.core.numbers import parse_number
from xaso.core.targets import AT_LEAST, AT_MOST, unit_of

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")
_NUM = r"\d+(?:[.,]\d+)*"
_PERCENT = re.compile(rf"({_NUM})\s*%")
_AT_LEAST_WORDS = r"≥|>=|>|trên|tối thiểu|ít nhất|từ|đạt|phấn đấu(?:\s+(?:có|đạt))?|lên|hơn"
_AT_MOST_WORDS = r"≤|<=|<|không quá|tối đa|dưới|không vượt quá|giảm xuống còn"
_COMPARATOR_BEFORE = re.compile(rf"(?:^|[\s(])({_AT_MOST_WORDS}|{_AT_LEAST_WORDS})\s*$", re.IGNORECASE)
_FROM_TO = re.compile(rf"từ\s+({_NUM})\s*%[^%]{{0,40}}?\blên\s+({_NUM})\s*%", re.IGNORECASE)
_COUNT = re.compile(
    rf"(?:^|[\s(])(≥|>=|tối thiểu|ít nhất|trên|không quá|tối đa)\s*({_NUM})\s+([^\d\s,.;:()]+(?:\s*/\s*[^\d\s,.;:()]+)?)",
    re.IGNORECASE,
)
_NOT_UNITS = {"năm", "tháng", "ngày", "giờ", "tuổi", "quý", "lần"}


def clauses(text: str) -> list[str]:
    """A statement split where it states separate things: at ";" and at sentence ends."""
    parts = []
    for piece in re.split(r";\s*", text):
        parts.extend(_SENTENCE_BREAK.split(piece))
    return [c.strip(" .,;:-–") for c in parts if c.strip(" .,;:-–")]


@dataclass(frozen=True)
class FoundTarget:
    target: str
    value: float
    comparator: str
    unit: str
    baseline: str | None = None


def find_target(clause: str) -> FoundTarget | None:
    """The measurable target a clause states, or None: a percentage, or a count with a comparator word."""
    if m := _FROM_TO.search(clause):
        value = parse_number(m.group(2))
        if value is not None:
            return FoundTarget(f"{m.group(2)}%", float(value), AT_LEAST, "%", f"{m.group(1)}%")
    for m in _PERCENT.finditer(clause):
        value = parse_number(m.group(1))
        if value is None:
            continue
        before = clause[max(0, m.start() - 30): m.start()]
        after = clause[m.end(): m.end() + 40].lower()
        word = _COMPARATOR_BEFORE.search(before)
        comparator = AT_LEAST
        target = f"{m.group(1)}%"
        if word:
            w = word.group(1)
            comparator = AT_MOST if re.fullmatch(_AT_MOST_WORDS, w, re.IGNORECASE) else AT_LEAST
            if w.lower() in ("≥", ">=", "trên", "tối thiểu", "ít nhất", "không quá", "tối đa", "dưới", "≤", "<="):
                target = f"{w} {m.group(1)}%".replace("≥ ", "≥ ").strip()
        if "trở xuống" in after[:25]:
            comparator = AT_MOST
        return FoundTarget(target, float(value), comparator, "%")
    for m in _COUNT.finditer(clause):
        if m.group(3).lower() in _NOT_UNITS:
            continue
        value = parse_number(m.group(2))
        unit = unit_of(clause[m.end(2):].strip())
        if value is None or not unit:
            continue
        comparator = AT_MOST if re.fullmatch(_AT_MOST_WORDS, m.group(1), re.IGNORECASE) else AT_LEAST
        return FoundTarget(f"{m.group(1)} {m.group(2)} {unit}", float(value), comparator, unit)
    return None
