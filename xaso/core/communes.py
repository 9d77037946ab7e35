"""The three kinds of commune-level unit and how each is written: the one place for "Xã X", "Phường X", "Đặc khu X".

Since 1 July 2025 (Luật Tổ chức chính quyền địa phương 2025) a commune-level unit is a xã, a phường or a đặc khu;
the country has 3,321 of them: 2,621 xã, 687 phường and 13 đặc khu. A document names its issuer with the kind
("ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ", "UBND đặc khu Phú Quốc"), so every place that writes or reads that name asks here.
"""

from __future__ import annotations

import re

XA, PHUONG, DAC_KHU = "xa", "phuong", "dac_khu"

# (code, the word as written mid-sentence)
KINDS: list[tuple[str, str]] = [(XA, "xã"), (PHUONG, "phường"), (DAC_KHU, "đặc khu")]
LABELS = dict(KINDS)
CHOICES: list[tuple[str, str]] = [(code, word[:1].upper() + word[1:]) for code, word in KINDS]  # a form's list

# The country's commune-level units since 1 July 2025, by kind (the generator spreads kinds in this proportion).
NATIONAL_COUNTS = {XA: 2621, PHUONG: 687, DAC_KHU: 13}

# The kind words in any case a document writes them ("xã", "XÃ", "Phường", "ĐẶC KHU", "Đặc khu"), for regexes.
WORD = r"(?:[xX][ãÃ]|[pP](?:hường|HƯỜNG)|[đĐ](?:ặc|ẶC)\s+[kK](?:hu|HU))"
_LEADING = re.compile(rf"^\s*({WORD})\s+", re.IGNORECASE)


def label(kind: str) -> str:
    """"xã", "phường" or "đặc khu" (an unknown code reads as xã, the default)."""
    return LABELS.get(kind, LABELS[XA])


def title(kind: str, name: str) -> str:
    """"Xã Hà Long", "Phường Bến Nghé", "Đặc khu Phú Quốc": how a list or a sentence's start names it."""
    word = label(kind)
    return f"{word[:1].upper()}{word[1:]} {name}"


def phrase(kind: str, name: str) -> str:
    """"xã Hà Long", "phường Bến Nghé": mid-sentence ("Kế hoạch chuyển đổi số phường Bến Nghé năm 2026")."""
    return f"{label(kind)} {name}"


def upper(kind: str, name: str) -> str:
    """"PHƯỜNG BẾN NGHÉ": the second line of a document's header ("ỦY BAN NHÂN DÂN / PHƯỜNG BẾN NGHÉ")."""
    return f"{label(kind)} {name}".upper()


# The administrative word "xã" in any case; not "xã hội" (society) nor "hợp tác xã" (a co-operative).
_XA = re.compile(r"(?<!tác )(?<!TÁC )(?<!Tác )\b(xã|Xã|XÃ)\b(?!\s+(?:hội|HỘI|Hội))")


def in_kind(text: str, kind: str) -> str:
    """A text written for a xã as a unit of `kind` writes it: "UBND xã" → "UBND phường", "XÃ" → "PHƯỜNG",
    "Ngân sách xã" → "Ngân sách đặc khu"; "xã hội" and "hợp tác xã" stay."""
    if kind not in LABELS or kind == XA:
        return text
    word = LABELS[kind]
    return _XA.sub(lambda m: word.upper() if m.group(1).isupper() else
                   word[:1].upper() + word[1:] if m.group(1)[0].isupper() else word, text)


def kind_of(word: str | None) -> str | None:
    """The kind a written word names ("XÃ" → xa, "Phường" → phuong, "đặc  khu" → dac_khu), None for any other."""
    key = " ".join((word or "").lower().split())
    return next((code for code, text in KINDS if text == key), None)


def split_name(text: str) -> tuple[str | None, str]:
    """("phuong", "Bến Nghé") from "Phường Bến Nghé"; (None, "Bến Nghé") when no kind word leads the name."""
    text = (text or "").strip()
    if m := _LEADING.match(text):
        return kind_of(m.group(1)), text[m.end():].strip()
    return None, text
