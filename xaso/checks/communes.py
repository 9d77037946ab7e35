"""Another commune's name left in the plan's own statements (a template copied from a neighbour)."""

from __future__ import annotations

import re

from xaso.core import communes
from xaso.core.text import fold
from xaso.extract.header import NAME, tidy_name

from .context import CheckContext, clause_quote
from .model import ERROR, Finding

_OTHER = re.compile(rf"\b(?:{communes.WORD})\s+({NAME})")  # xã, phường, đặc khu in any case
_NOT_NAMES = ("hoi chu nghia", "hoi ")  # "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "xã hội số"
# Where another commune is named on purpose: merged former communes, neighbours, joint work, and the issuer of a
# document the plan cites ("Kế hoạch số 12/KH-UBND ngày … của UBND xã …").
_KINDS = r"(?:xã|phường|đặc khu)"
_HISTORY = re.compile(rf"sáp nhập|hợp nhất|sắp xếp|{_KINDS} cũ|\(cũ\)|các {_KINDS}|trước đây|giáp|liền kề|với {_KINDS}|giữa|"
                      r"thành lập", re.IGNORECASE)
_CITED = re.compile(r"(?:kế hoạch|quyết định|công văn|thông báo|nghị quyết|văn bản|hướng dẫn|chương trình|chỉ thị)"
                    r"[^.;\d]{0,30}?\s(?:số\s*:?\s*)?\d+[A-Za-z]?\s*[/-]\s*[A-ZĐ0-9][^.;]{0,110}$", re.IGNORECASE)


def check_communes(ctx: CheckContext) -> list[Finding]:
    own = fold(ctx.plan.commune)
    if not own:
        return []
    own_words = communes.phrase(ctx.plan.commune_kind or communes.XA, ctx.plan.commune)  # "phường Bến Nghé"
    known = _former_communes(ctx) | {own}
    findings = []
    for p in ctx.paragraphs:
        for m in _OTHER.finditer(p.text):
            name = tidy_name(m.group(1))
            folded = fold(name)
            if len(name.split()) < 2 or any(not w[:1].isupper() for w in name.split()) or folded.startswith(_NOT_NAMES):
                continue  # "xã UBND", "xã Xây dựng", "XÃ HỘI CHỦ NGHĨA": no commune name
            if not name or folded in known or own.startswith(folded) or folded.startswith(own):
                continue
            if re.match(r"\s*\(?\s*cũ\b", p.text[m.end():]):
                continue  # "xã Cần Nông cũ", "(phường Lợi Bình cũ)": a former commune, merged into this one
            sentence_start = max(p.text.rfind(". ", 0, m.start()), p.text.rfind(";", 0, m.start())) + 1
            near = p.text[max(sentence_start, m.start() - 80): m.end() + 25]  # "sáp nhập xã A, xã B…", "xã A (cũ)"
            if _HISTORY.search(near) or _CITED.search(p.text[max(sentence_start, m.start() - 150): m.start()]):
                continue
            findings.append(ctx.at(
                p, "wrong_name", ERROR, clause_quote(p.text, m.start(), m.end(), width=40),
                f"Kế hoạch của {own_words} nhưng câu này ghi “{m.group(0)[:m.start(1) - m.start()].strip().lower()} {name}” — có "
                f"thể còn sót từ văn bản của xã khác."))
    return findings


def _former_communes(ctx: CheckContext) -> set[str]:
    """Names given in sentences about merging communes: those are history, not mistakes."""
    names = set()
    for p in ctx.paragraphs:
        for sentence in re.split(r"(?<=[.;])\s", p.text):
            if re.search(rf"sáp nhập|hợp nhất|{_KINDS} cũ|trước đây|sắp xếp", sentence, re.IGNORECASE):
                for m in re.finditer(rf"(?:{communes.WORD}|,)\s+({NAME})", sentence):
                    names.add(fold(tidy_name(m.group(1))))
    return names
