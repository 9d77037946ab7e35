"""The words a scan's OCR was unsure of (Document.unsure), found in the review page's fields and source quotes so
the officer checks exactly those."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def _pattern(words: list[str]) -> re.Pattern | None:
    words = sorted({w for w in words if w and w.strip()}, key=len, reverse=True)
    if not words:
        return None
    # A whole word as recognised: "sô" is not found inside "số", nor "hô" inside "hồ sơ".
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)")


def words_in(text, unsure: list[str]) -> list[str]:
    """The unsure words `text` contains, each once, in the order they appear."""
    pattern = _pattern(unsure)
    if pattern is None or not text:
        return []
    return list(dict.fromkeys(pattern.findall(str(text))))


def marked(text, unsure: list[str]) -> SafeString:
    """`text` escaped, each unsure word in a <mark>."""
    pattern = _pattern(unsure)
    text = "" if text is None else str(text)
    if pattern is None:
        return escape(text)
    out, last = [], 0
    for m in pattern.finditer(text):
        out += [escape(text[last:m.start()]), f"<mark>{escape(m.group(0))}</mark>"]
        last = m.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))
