"""Pure ranking of matched entries: whole-word hits in the title count most, then in the body, then prefixes."""

from __future__ import annotations

import re

from xaso.core.text import fold

WORD = re.compile(r"[a-z0-9]+")


def terms(query: str) -> list[str]:
    """The folded words of a query, at most 8, so "Chuyển đổi số!" → ["chuyen", "doi", "so"]."""
    return WORD.findall(fold(query))[:8]


def score(words: list[str], folded_title: str, folded_all: str) -> float:
    """From the folded texts the index keeps: the title's words count three times, every word once more."""
    title_words, all_words = WORD.findall(folded_title), WORD.findall(folded_all)
    total = 0.0
    for word in words:
        total += 3.0 * title_words.count(word) + 1.0 * all_words.count(word)
        total += 0.5 * sum(1 for w in all_words if w != word and w.startswith(word))
    if len(words) > 1 and " ".join(words) in " ".join(title_words):
        total += 5.0
    return total / (1.0 + 0.01 * len(all_words))
