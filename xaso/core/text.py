"""Text helpers shared by parsers, extraction, checks and search."""

from __future__ import annotations

import re
import unicodedata

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def fold(text: str | None) -> str:
    """Lower case without diacritics, "đ" folded to "d": how people type when searching."""
    if not text:
        return ""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn")
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
