"""Statements and the targets they state: "… đạt 70% trở lên", "Tối thiểu 90% …", "≥02 hộ …".

A goals paragraph may state many targets in one sentence ("Phấn đấu đến hết năm 2026, tỷ lệ A đạt 95%, 100% B
được …, trên 80% C …"): it is cut where one statement ends and the next begins — at ";", at a sentence end, and at
the ", " or " và " before a statement that states its own target — never inside a subject that holds commas
("hồ sơ, kết quả giải quyết thủ tục hành chính").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from xaso.core.targets import Mention, find_targets
from xaso.core.text import fold

_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])\s+(?=[\"“(]?[A-ZÀ-ỸĐ0-9])")
_JOINT = re.compile(r",\s+|\s+và\s+|\s+đồng thời\s+|\s+-\s+")
_STARTS = ("ty le", "co ", "phan dau", "bao dam", "dam bao", "huong den", "huong toi", "tren ", "toi thieu",
           "it nhat", "khong duoi", "khong qua", "tu ", "dat ", "nang ", "tang ", "giam ", "so ", "100%", "duy tri",
           "toan bo", "moi ", "cac ", "100 %")
_LEAD_IN = re.compile(r"^(?:phấn đấu\s+)?(?:đến|tới|trong|hết)\s+(?:hết\s+|cuối\s+)?năm\s+20\d{2}\s*[,:]\s*"
                      r"|^phấn đấu\s*:\s*", re.IGNORECASE)
_LABEL = re.compile(r"^([^:\d%;]{3,60}?)\s*:\s+(?=\S)")


def clauses(text: str) -> list[str]:
    """A statement split where it states separate things: at ";" and at sentence ends."""
    parts = []
    for piece in re.split(r";\s*", text):
        parts.extend(_SENTENCE_BREAK.split(piece))
    return [c.strip(" .,;:-–") for c in parts if c.strip(" .,;:-–")]


def statements(text: str) -> list[str]:
    """Clauses, each cut again between targets that belong to separate statements."""
    out = []
    for clause in clauses(text):
        out.extend(_split_between_targets(clause))
    return [s for s in (x.strip(" .,;:-–") for x in out) if s]


def _split_between_targets(clause: str) -> list[str]:
    mentions = find_targets(clause)
    if len(mentions) < 2:
        return [clause]
    cuts = []
    for previous, current in zip(mentions, mentions[1:]):
        cut = _cut_between(clause, previous, current)
        if cut is not None:
            cuts.append(cut)
    pieces, last = [], 0
    for start, end in cuts:
        pieces.append(clause[last:start])
        last = end
    pieces.append(clause[last:])
    return pieces


def _cut_between(clause: str, previous: Mention, current: Mention) -> tuple[int, int] | None:
    """The joint (", ", " và ") after `previous` where the statement of `current` starts, or None."""
    best = None
    for m in _JOINT.finditer(clause, previous.end, current.start + 1):
        if m.end() > current.start:
            break
        right = fold(clause[m.end(): m.end() + 20])
        if m.end() == current.start or right.startswith(_STARTS):
            best = (m.start(), m.end())
    return best


def strip_lead_in(text: str) -> tuple[str, str | None]:
    """("Chính quyền số: tỷ lệ … đạt 95%") → ("tỷ lệ … đạt 95%", "Chính quyền số"); "Phấn đấu đến hết năm 2026, …"
    loses its lead-in. A label carries no number and is short."""
    label = None
    if (m := _LABEL.match(text)) and not re.search(r"\d", m.group(1)):
        label, text = m.group(1).strip(), text[m.end():]
    text = _LEAD_IN.sub("", text, count=1)
    return text[:1].upper() + text[1:] if text else text, label


@dataclass(frozen=True)
class FoundTarget:
    target: str
    value: float
    comparator: str
    unit: str
    baseline: str | None = None


def find_target(clause: str) -> FoundTarget | None:
    """The measurable target a clause states (its first), or None."""
    mentions = find_targets(clause)
    if not mentions:
        return None
    m = mentions[0]
    return FoundTarget(m.target, float(m.value), m.comparator, m.unit, m.baseline)
