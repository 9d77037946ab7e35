"""Another commune's name left in the plan's own statements (a template copied from a neighbour)."""

from __future__ import annotations

import re

from xaso.core.text import fold
from xaso.extract.header import NAME, tidy_name

from .context import CheckContext
from .model import ERROR, Finding

_OTHER = re.compile(rf"\b(?:xã|XÃ)\s+({NAME})")
# Where another commune is named on purpose: merged former communes, neighbours, cited documents.
_LEGITIMATE = re.compile(
    r"sáp nhập|hợp nhất|sắp xếp|xã cũ|các xã|trước đây|giáp|liền kề|với xã|giữa|"
    r"(?:kế hoạch|quyết định|công văn|thông báo|nghị quyết|văn bản)\s+(?:số\s+)?\d",
    re.IGNORECASE,
)


def check_communes(ctx: CheckContext) -> list[Finding]:
    own = fold(ctx.plan.commune)
    if not own:
        return []
    known = _former_communes(ctx) | {own}
    findings = []
    for p in ctx.paragraphs:
        for m in _OTHER.finditer(p.text):
            name = tidy_name(m.group(1))
            folded = fold(name)
            if len(name.split()) < 2 or any(not w[:1].isupper() for w in name.split()):
                continue  # "xã UBND", "xã Xây dựng": no commune name
            if not name or folded in known or own.startswith(folded) or folded.startswith(own):
                continue
            before = p.text[max(0, m.start() - 60): m.start()]
            sentence_start = max(p.text.rfind(".", 0, m.start()), p.text.rfind(";", 0, m.start()))
            sentence = p.text[sentence_start + 1: m.end() + 40]
            if _LEGITIMATE.search(before) or _LEGITIMATE.search(sentence):
                continue
            quote = p.text[max(0, m.start() - 20): m.end()].strip()
            quote = quote[quote.find(" ") + 1:] if m.start() > 20 else quote
            findings.append(Finding(
                "wrong_name", ERROR, quote, p.line,
                f"Kế hoạch của xã {ctx.plan.commune} nhưng câu này ghi “xã {name}” — có thể còn sót từ văn bản "
                f"của xã khác.", ctx.doc.where(p), page=p.page))
    return findings


def _former_communes(ctx: CheckContext) -> set[str]:
    """Names given in sentences about merging communes: those are history, not mistakes."""
    names = set()
    for p in ctx.paragraphs:
        for sentence in re.split(r"(?<=[.;])\s", p.text):
            if re.search(r"sáp nhập|hợp nhất|xã cũ|trước đây|sắp xếp", sentence, re.IGNORECASE):
                for m in re.finditer(rf"(?:xã|,)\s+({NAME})", sentence):
                    names.add(fold(tidy_name(m.group(1))))
    return names
