"""Headings and their numbering (Phần I, I., 1., 1.1., a)), and the parts of a plan they delimit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from xaso.core.targets import find_targets
from xaso.core.text import fold, roman_to_int
from xaso.documents import Paragraph

PART = re.compile(r"^(?:phần|phan)\s+(?:thứ\s+)?([ivxlc]+|\d+|một|nhất|hai|ba|tư)\b\s*[.:\-–]?\s*", re.IGNORECASE)
ROMAN = re.compile(r"^([IVXLC]+)\s*(?:[.):\-–]|/(?!\s*\d))\s*(?=\S)")
DECIMAL = re.compile(r"^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(?=\S)")
ARABIC = re.compile(r"^(\d{1,2})\s*([.)])(?:\s+|(?=[A-ZÀ-ỸĐ]))(?=\S)")
ALPHA = re.compile(r"^([a-zđ])\s*[).]\s+(?=\S)")
LETTER = re.compile(r"^([A-ZĐ])\s*[.)]\s+(?=\S)")
NAMED = re.compile(r"^(Nhiệm vụ|NHIỆM VỤ|Giải pháp|GIẢI PHÁP|Phụ lục|PHỤ LỤC|Mục|MỤC)\s+(\d{1,2}|[IVX]{1,4})\s*[.:)]\s*(?=\S)")
_LETTERS = "ABCDĐEGHIKLMNOPQRSTUVXY"
WORD_NUMBERS = {"một": 1, "nhất": 1, "hai": 2, "ba": 3, "tư": 4}


@dataclass(frozen=True)
class Numbering:
    style: str  # "part", "letter" (A., B. as parts), "roman", "decimal", "arabic" (1.), "paren" (1)), "alpha",
    # "named" ("Nhiệm vụ 4.", "Giải pháp 2:": a list numbered after a word, one list per word)
    label: str  # as written: "II", "2.1", "b", "Nhiệm vụ 4"
    value: tuple[int, ...]
    length: int  # characters the numbering takes at the start of the text
    word: str = ""

    @property
    def level(self) -> int:
        return {"part": 0, "letter": 0, "roman": 1, "arabic": 2, "paren": 3, "named": 3, "decimal": 1 + len(self.value),
                "alpha": 4}[self.style]


def numbering(text: str) -> Numbering | None:
    text = text.strip()
    if m := PART.match(text):
        label = m.group(1)
        value = WORD_NUMBERS.get(label.lower()) or (int(label) if label.isdigit() else roman_to_int(label))
        return Numbering("part", label, (value or 0,), m.end()) if value else None
    if m := ROMAN.match(text):
        value = roman_to_int(m.group(1))
        # "I. …" but not a word such as "CĂN CỨ" starting with C, or "V." standing for "Về"; a lone "C." or "L." is
        # the third or tenth part (A., B., C.), not section 100 or 50.
        if value and len(m.group(1)) <= 5 and value < 50:
            return Numbering("roman", m.group(1), (value,), m.end())
    if m := NAMED.match(text):
        number = m.group(2)
        value = int(number) if number.isdigit() else roman_to_int(number)
        return Numbering("named", f"{m.group(1)} {number}", (value or 0,), m.end(), m.group(1))
    if m := LETTER.match(text):
        return Numbering("letter", m.group(1), (_LETTERS.find(m.group(1)) + 1,), m.end())
    if m := DECIMAL.match(text):
        return Numbering("decimal", m.group(1), tuple(int(x) for x in m.group(1).split(".")), m.end())
    if m := ARABIC.match(text):  # "1." and "1)" number different lists: "1)" items sit under "1." headings
        return Numbering("arabic" if m.group(2) == "." else "paren", m.group(1), (int(m.group(1)),), m.end())
    if m := ALPHA.match(text):
        letter = m.group(1)
        return Numbering("alpha", letter, ("abcdđeghiklmnopqrstuvxy".find(letter) + 1,), m.end())
    return None


def heading_text(text: str) -> str:
    """The heading without its numbering and decoration."""
    n = numbering(text)
    body = text[n.length:] if n else text
    return body.strip(" .:*").strip()


def is_heading(p: Paragraph) -> bool:
    """A heading: a heading style, a numbered line, a bold line, or a line in capitals ("KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM
    2026" under "PHẦN THỨ HAI" in a plain-text copy)."""
    if p.heading:
        return True
    n = numbering(p.text)
    if n and len(p.text) <= 220:
        return True
    return (p.bold or _capitals(p.text)) and len(p.text) <= 200 and not p.bullet


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 8 and sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def contains(p: Paragraph, *stems: str) -> bool:
    folded = fold(p.text)
    return any(stem in folded for stem in stems)


@dataclass
class Outline:
    """Index ranges [start, end) of a document's paragraphs for the parts extraction needs."""

    part1: tuple[int, int] | None
    part2: tuple[int, int]


def split_parts(paragraphs: list[Paragraph]) -> Outline:
    """Part I assesses the past year, Part II plans this one; without parts the whole plan is Part II."""
    part_heads = [i for i, p in enumerate(paragraphs) if (n := numbering(p.text)) and n.style in ("part", "letter")
                  and is_heading(p)]
    first = second = None
    for i in part_heads:
        n = numbering(paragraphs[i].text)
        # The heading's own words say which part it is ("PHẦN THỨ NHẤT" alone: the line under it); the number
        # only when they do not ("A." may number any section, and a Part II misnumbered "Phần 1" is the plan).
        words = fold(paragraphs[i].text[n.length:])
        if len(words.split()) < 2 and i + 1 < len(paragraphs):
            words = fold(paragraphs[i + 1].text)
        assesses = any(w in words for w in ("danh gia", "ket qua", "tinh hinh thuc hien", "tong ket", "so ket"))
        plans = not assesses and any(w in words for w in ("ke hoach", "noi dung", "nhiem vu", "muc tieu",
                                                              "phuong huong"))
        by_number = n.style == "part" and not assesses and not plans
        if assesses or (by_number and n.value == (1,)):
            first = first if first is not None else i
        elif first is not None and (plans or (by_number and n.value == (2,))):
            second = i
            break
    if first is None:
        first = next((i for i, p in enumerate(paragraphs) if is_heading(p) and contains(
            p, "danh gia ket qua", "ket qua thuc hien", "ket qua nam", "ket qua dat duoc", "tinh hinh thuc hien")), None)
        if first is not None and second is None:
            second = next((i for i, p in enumerate(paragraphs[first + 1:], start=first + 1)
                           if is_heading(p) and (n := numbering(p.text)) and n.style in ("roman", "part")
                           and contains(p, "ke hoach", "muc tieu", "can cu", "noi dung", "nhiem vu",
                                        "phuong huong")), None)
    end = len(paragraphs)
    if first is not None and second is not None and first < second:
        return Outline((first, second), (second, end))
    return Outline(None, (0, end))


def section(paragraphs: list[Paragraph], start: int, stop: int, predicate) -> tuple[int, int] | None:
    """The first heading in [start, stop) that `predicate` accepts, up to the next heading of its level or above."""
    for i in range(start, stop):
        p = paragraphs[i]
        if not is_heading(p) or not predicate(p):
            continue
        level = _level(p)
        for j in range(i + 1, stop):
            q = paragraphs[j]
            if is_heading(q) and _level(q) <= level and not _target_item(p, q):
                return i, j
        return i, stop
    return None


def _target_item(heading: Paragraph, q: Paragraph) -> bool:
    """"1. Đạt ít nhất 98% văn bản …" in plain type under a bold heading: an item of its list, not the next section."""
    return bool((heading.bold or heading.heading) and not (q.bold or q.heading) and find_targets(q.text))


def _level(p: Paragraph) -> int:
    n = numbering(p.text)
    if n:
        return n.level
    return p.heading if p.heading else 3
