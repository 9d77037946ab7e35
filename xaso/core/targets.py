"""Indicator targets as plans write them ("≥ 95%", "trên 80%", "100% (2025-2027)", "Cấp độ 2 hoặc 3").

The comparator words follow shared/gold/SCHEMA.md: "≥", "trên", "tối thiểu", "ít nhất",
"từ … trở lên", "đạt", "phấn đấu" and a bare number mean at least (">="); "≤", "không quá",
"tối đa", "dưới" mean at most ("<="). A target without a number is qualitative.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from decimal import Decimal

from .numbers import parse_number
from .text import fold, squash

AT_LEAST = ">="
AT_MOST = "<="

_NUMBER = r"\d+(?:[.,]\d+)*"
_SPAN = re.compile(r"\(?\s*(?:giai\s+doan\s+|nam\s+)?(20\d{2})\s*[-–—]\s*(20\d{2})\s*\)?")
_QUALITATIVE_HINT = re.compile(r"\bhoac\b")
_FREQUENCY = re.compile(r"^\s*\d+\s*(?:lan\s*/|[a-z]+\s*/\s*\d*\s*lan)")

# The words written just before a target's number, folded; the longest that ends there decides, so
# "không dưới 80%" (at least) is never read as "dưới 80%" (at most).
COMPARATOR_WORDS: list[tuple[str, str]] = sorted([
    *((w, AT_MOST) for w in ("≤", "<=", "<", "khong qua", "toi da", "duoi", "khong vuot qua", "giam xuong con",
                             "giam xuong duoi", "giam xuong", "giam con", "thap hon", "it hon", "khong cao hon",
                             "khong lon hon", "khong nhieu hon", "con duoi", "nho hon")),
    *((w, AT_LEAST) for w in ("≥", ">=", ">", "tren", "toi thieu", "it nhat", "tu", "khong duoi", "khong thap hon",
                              "khong it hon", "dat", "dat tu", "dat tren", "dat it nhat", "phan dau", "phan dau dat",
                              "huong den", "huong toi", "len", "tang len", "hon", "dam bao", "bao dam", "tang",
                              "cao hon", "lon hon", "vuot")),
], key=lambda item: -len(item[0]))
_ONWARDS = re.compile(r"\btro\s+(len|xuong)\b")


def comparator_before(text: str) -> tuple[str, str] | None:
    """(word as folded, comparator) of the comparator phrase that ends `text` (the words before a number)."""
    folded = fold(text).rstrip(" :")
    for word, comparator in COMPARATOR_WORDS:
        if folded.endswith(word) and (len(folded) == len(word) or not folded[-len(word) - 1].isalnum()
                                      or not word[0].isalnum()):
            return word, comparator
    return None


def comparator_after(text: str) -> str | None:
    """"… trở lên" (at least) or "… trở xuống" (at most) written after the number, within its clause."""
    m = _ONWARDS.search(fold(text))
    if not m:
        return None
    return AT_LEAST if m.group(1) == "len" else AT_MOST


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


def span_of(text: str | None) -> tuple[int, int] | None:
    """The span of years a target is set for ("100% (2025-2027)", "giai đoạn 2026-2030"), or None."""
    if m := _SPAN.search(fold(text or "")):
        first, last = int(m.group(1)), int(m.group(2))
        return (first, last) if first < last else None
    return None


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
    after = body[m.end():].strip()
    word = comparator_before(body[: m.start()])
    comparator = word[1] if word else comparator_after(after) or AT_LEAST
    unit = unit_of(after)
    return Target(raw, value, comparator, unit, span)


# First syllables of two-syllable count nouns: "tài khoản", "hồ sơ", "doanh nghiệp"…
_COMPOUND_HEADS = {"tài", "hồ", "doanh", "thủ", "văn", "cán", "hộ", "cơ", "học", "công", "sản", "bài", "thiết", "máy",
                   "điểm", "hợp", "gian", "người", "trường"}


_WORD = re.compile(r"[^\d\s(),;.:]+(?:\s*/\s*[^\d\s(),;.:]+)?")


def unit_of(after: str) -> str | None:
    """The unit written after a number: "%", or a count noun ("hộ", "tài khoản", "tin/năm")."""
    if after.startswith("%"):
        return "%"
    # The first two words only: finding every word of the rest of a long paragraph, for each of its numbers, is
    # quadratic in its length.
    words = [m.group(0) for m in itertools.islice(_WORD.finditer(after), 2)]
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


@dataclass(frozen=True)
class Mention:
    """A target stated in running text: "đạt ít nhất 65%", "từ 60 - 70%" (the lower end counts), "không quá 2%",
    "≥ 02 hộ", "từ 82% lên 95%" (95 with 82 as its baseline)."""

    start: int  # where the phrase starts: its comparator word, or the number
    end: int
    value: Decimal
    comparator: str
    unit: str
    text: str  # the phrase as written
    baseline: str | None = None

    @property
    def target(self) -> str:
        """The target as a table cell would hold it: "ít nhất 65%", "không quá 2%", "95%" (not "đạt 95%")."""
        if self.baseline:
            return self.text[self.text.rfind(" ", 0, self.text.rstrip(" %").rfind(" ") + 1) + 1:].strip()
        return _VERBS.sub("", self.text).strip() or self.text


_VERBS = re.compile(r"^(?:(?:phấn đấu|hướng đến|hướng tới|bảo đảm|đảm bảo|tăng|nâng)\s+)?(?:đạt\s+)?(?=\S)",
                    re.IGNORECASE)
_PERCENT = re.compile(rf"(?<![\d.,/])({_NUMBER})\s*(?:(?:%\s*)?(?:[-–]|đến|tới)\s*({_NUMBER})\s*)?%")
_FROM_TO = re.compile(rf"(?:^|\s)(?:(?:tăng|nâng)\s+(?:[^\d%;]{{0,60}}?\s)?từ\s+({_NUMBER})\s*%(?:\s*\([^)]*\)|[^%;]){{0,40}}?"
                      rf"\s(?:lên|đến|tới)|từ\s+({_NUMBER})\s*%(?:\s*\([^)]*\)|[^%;]){{0,40}}?\slên)\s+"
                      rf"(?:mức\s+|tối thiểu\s+|ít nhất\s+|trên\s+|khoảng\s+)?({_NUMBER})\s*%", re.IGNORECASE)
_COUNT = re.compile(rf"(?<![\d.,/])({_NUMBER})\s*([^\d\s,;.:()%]+(?:\s+[^\d\s,;.:()%]+)?)")
_NOT_UNITS = {"năm", "tháng", "ngày", "giờ", "tuổi", "quý", "lần", "tuần", "phút", "giây", "giai"}
_BASELINE_NOTE = re.compile(r"\(\s*(?:năm|cuối năm|hết năm)\s+20\d{2}[^()%]{0,25}$", re.IGNORECASE)


def find_targets(text: str) -> list[Mention]:
    """Every target a text states, in order. A percentage is a target whatever precedes it; a count is one only
    after a comparator word ("tối thiểu 05 lớp"), since a bare number may be anything."""
    from .numbers import parse_number

    found: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in _FROM_TO.finditer(text):
        value = parse_number(m.group(3))
        if value is not None:
            start = m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
            found.append(Mention(start, m.end(), value, AT_LEAST, "%", m.group(0).strip(),
                                 f"{m.group(1) or m.group(2)}%"))
            taken.append((m.start(), m.end()))
    for m in _PERCENT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = parse_number(m.group(1))
        if value is None:
            continue
        before = text[max(0, m.start() - 30): m.start()]
        if _BASELINE_NOTE.search(before) and found:
            previous = found[-1]
            found[-1] = Mention(previous.start, previous.end, previous.value, previous.comparator, previous.unit,
                                previous.text, previous.baseline or m.group(0).replace(" ", ""))
            continue
        word = comparator_before(before)
        after = text[m.end(): m.end() + 60].split(";")[0]
        comparator = word[1] if word else comparator_after(after) or AT_LEAST
        start = m.start() - _written_length(before, word)
        found.append(Mention(start, m.end(), value, comparator, "%", text[start: m.end()].strip()))
    for m in _COUNT.finditer(text):
        if any(a <= m.start() < b for a, b in taken) or any(x.start <= m.start() < x.end for x in found):
            continue
        word = comparator_before(text[max(0, m.start() - 30): m.start()])
        unit = unit_of(text[m.end(1): m.end(1) + 200].strip())  # a unit is a word or two: no copy of the rest
        if not word or word[0] in ("dat", "tu", "len", "tang", "hon", "dam bao", "bao dam", "vuot") or not unit:
            continue
        if unit.split()[0].lower() in _NOT_UNITS or re.match(r"20\d{2}$", m.group(1)):
            continue
        value = parse_number(m.group(1))
        if value is None:
            continue
        start = m.start() - _written_length(text[max(0, m.start() - 30): m.start()], word)
        end = m.start(2) + len(unit)
        found.append(Mention(start, end, value, word[1], unit, text[start:end].strip()))
    return sorted(found, key=lambda x: x.start)


def _written_length(before: str, word: tuple[str, str] | None) -> int:
    """How many characters of `before` the comparator phrase takes as written (with its diacritics)."""
    if not word:
        return 0
    stripped = before.rstrip(" :")
    size = len(word[0])
    while size <= len(stripped) and fold(stripped[-size:]) != word[0]:
        size += 1
    return min(size, len(stripped)) + (len(before) - len(stripped))
