"""Text helpers shared by parsers, extraction, checks and search."""

from __future__ import annotations

import re
import unicodedata

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


class _WithoutMarks(dict):
    """A str.translate table deleting the combining marks (category Mn) that NFD splits off letters, filled as
    characters are met: the search index folds every saved report, and a dict lookup per character is C's work."""

    def __missing__(self, code: int):
        kept = None if unicodedata.category(chr(code)) == "Mn" else code
        if len(self) < 100_000:  # the characters of real text are few; a hostile text does not grow it for ever
            self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str | None) -> str:
    """Lower case without diacritics, "đ" folded to "d": how people type when searching."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D")).translate(_WITHOUT_MARKS)
    return re.sub(r"\s+", " ", text).strip().lower()


def squash(text: str | None) -> str:
    """Whitespace folded to single spaces, NFC-normalised."""
    if not text:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()


def roman_to_int(text: str) -> int | None:
    text = text.strip().upper()
    if not text or any(ch not in ROMAN for ch in text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = ROMAN[ch]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total
