"""Section numbers that repeat or skip at one level (I, II, III…; 1, 2, 3…; 1.1, 1.2…; a, b, c…)."""

from __future__ import annotations

import re

from xaso.core.targets import find_targets
from xaso.core.text import fold
from xaso.extract.outline import numbering

from .context import CheckContext, row_label
from .model import ERROR, Finding

_NAMES = {"part": "phần", "letter": "phần", "roman": "mục La Mã", "arabic": "mục số", "paren": "mục", "decimal": "mục",
          "alpha": "điểm", "named": ""}


def check_numbering(ctx: CheckContext) -> list[Finding]:
    """Numbers restart under each higher heading; consecutive slips at one level are one mistake.

    A number may belong to more than one list: bold headings "1., 2." and a plain list "1., 2." nested under one of
    them; numbered targets ("1. Tỷ lệ … đạt 95%.") under a group heading. Each numbered paragraph joins the list it
    continues; only when it continues none is a slip reported, in the list its look puts it in. Skipping "Đ"
    ("D., E.") is no slip: many documents letter without it.
    """
    findings: list[Finding] = []
    last: dict[tuple, tuple] = {}  # (style, prefix, scope, emphasis) → (value, paragraph text, finding or None)
    auto_numbered = False  # Word list items since the last heading: their numbers are not in the text
    scope = 0  # the last heading: numbered targets under it form a list of their own
    for index, p in enumerate(ctx.paragraphs):
        n = numbering(p.text)
        if n is None:
            auto_numbered = auto_numbered or (ctx.doc.format == "docx" and p.bullet)
            continue
        # Bold "1., 2." headings and a plain "1., 2." list under one of them are two lists; sections (I, II; 1.1;
        # a, b) are never restarted that way, so their look does not part them.
        listed = n.style in ("arabic", "paren")
        emphasis = bool(p.bold or p.heading) if listed else None
        prefix = n.value[:-1] if n.style == "decimal" else (n.word,) if n.style == "named" else ()
        value = n.value[-1]
        own = (n.style, prefix, 0, emphasis)
        candidates = [own, (n.style, prefix, 0, not emphasis)] if listed else [own]
        if listed:  # a list of numbered targets under the last heading: first for a target, last for the rest
            item = (n.style, prefix, scope, None)
            candidates = [item, *candidates] if find_targets(p.text) else [*candidates, item]
        key = next((k for k in candidates if _continues(last.get(k), value, n.style)), own)
        if key[2] == 0:
            scope = index
            for k in [k for k in last if _level(k) > n.level or k[2] or (key[3] and k[:3] == key[:3] and k[3] is False)]:
                del last[k]
        previous = last.get(key)
        quote = p.text[:80].strip()
        expected = 1 if previous is None else previous[0] + 1
        problem = None
        if previous is not None and value == previous[0]:
            problem = f"{_NAMES[n.style]} {n.label}".strip() + " lặp lại (“{_short(previous[1])}” rồi “{_short(quote)}”)"
        elif value > expected and not (previous is None and auto_numbered) and not _continues(previous, value, n.style):
            missing = _label(n.style, prefix, expected, value - 1)
            problem = f"{_NAMES[n.style]} {n.label}".strip() + " đứng sau " + (f"“{_short(previous[1])}”" if previous else "đầu mục") + f", thiếu {missing}"
        elif previous is not None and value < previous[0]:
            problem = f"{_NAMES[n.style]} {n.label}".strip() + f" đứng sau {_label(n.style, prefix, previous[0], previous[0])}, ngược thứ tự"
        finding = None
        if problem:
            earlier = previous[2] if previous else None
            if earlier is not None:
                earlier.explanation += f"; tiếp theo {problem}"
                finding = earlier
            else:
                finding = ctx.at(p, "numbering", ERROR, quote, f"Đánh số sai: {problem}")
                findings.append(finding)
        last[key] = (value, p.text.strip(), finding if problem else None)
        auto_numbered = False
    findings.extend(_table_numbers(ctx))
    for f in findings:
        if not f.explanation.endswith("."):
            f.explanation += "."
    return findings


_INDEX_HEADER = re.compile(r"s?tt|sott|sothutu")


def _is_index_header(cell: str) -> bool:
    """"STT", "TT", "Số TT", and "ST" / "T" where a narrow PDF column broke the word."""
    return bool(_INDEX_HEADER.fullmatch(re.sub(r"\s+", "", fold(cell)).strip(".:")))


def _table_numbers(ctx: CheckContext) -> list[Finding]:
    """The "TT" column of a table counts 1, 2, 3…; it may start again at 1 (a new group or table), never skip
    or repeat. A table continued on the next page goes on counting. After a slip, a row numbered as its place
    in the count would be ("1, 2, 3, 3, 5") is right again: one mistake, one finding."""
    findings: list[Finding] = []
    previous: tuple[int, str] | None = None
    place = 0  # the row's place in the count since it last started at 1
    for table in ctx.doc.tables:
        column, header = None, []
        for row in table.rows:
            if column is None or (column < len(row) and _is_index_header(row[column])):
                column = next((i for i, c in enumerate(row) if _is_index_header(c)), column)
                header = row if column is not None else header
                continue
            cell = row[column].strip(" .") if column < len(row) else ""
            if not cell.isdigit():
                continue
            value = int(cell)
            label = row_label(row, header)
            place = 1 if value == 1 else place + 1
            if previous is not None and value != 1 and value != place:
                if value == previous[0]:
                    problem = f"số thứ tự {value} lặp lại"
                elif value > previous[0] + 1:
                    missing = ", ".join(str(v) for v in range(previous[0] + 1, min(value, previous[0] + 4)))
                    problem = f"số thứ tự {value} đứng sau {previous[0]}, thiếu {missing}"
                elif value < previous[0]:
                    problem = f"số thứ tự {value} đứng sau {previous[0]}, ngược thứ tự"
                else:
                    problem = None
                if problem:
                    findings.append(ctx.at(table, "numbering", ERROR, label,
                                           f"Đánh số sai trong bảng: {problem} (“{_short(previous[1])}” rồi "
                                           f"“{_short(label)}”)"))
            previous = (value, label)
    return findings


def _continues(previous, value: int, style: str) -> bool:
    if previous is None:
        return value == 1
    expected = previous[0] + 1
    return value == expected or (style in ("alpha", "letter") and value == expected + 1 and _skips_d(style, expected))


def _skips_d(style: str, missing: int) -> bool:
    """Whether the one letter missing is "đ" (or "Đ"): "a, b, c, d, e" is how many write it."""
    letters = "abcdđeghiklmnopqrstuvxy" if style == "alpha" else "ABCDĐEGHIKLMNOPQRSTUVXY"
    return 0 < missing <= len(letters) and letters[missing - 1] in "đĐ"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0] + "…"


def _level(key: tuple) -> int:
    style, prefix = key[0], key[1]
    return {"part": 0, "letter": 0, "roman": 1, "arabic": 2, "paren": 3, "named": 3, "alpha": 4}.get(style, 2 + len(prefix))


def _label(style: str, prefix: tuple, first: int, last: int) -> str:
    def one(v: int) -> str:
        if style in ("roman", "part"):
            return _roman(v)
        if style == "alpha":
            return "abcdđeghiklmnopqrstuvxy"[v - 1] + ")" if 0 < v <= 23 else str(v)
        if style == "paren":
            return f"{v})"
        if style == "named":
            return f"{prefix[0]} {v}"
        if style == "letter":
            return "ABCDĐEGHIKLMNOPQRSTUVXY"[v - 1] + "." if 0 < v <= 23 else str(v)
        if style == "decimal":
            return ".".join(str(x) for x in (*prefix, v))
        return str(v)

    return one(first) if first == last else f"{one(first)} đến {one(last)}"


def _roman(value: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for number, text in numerals:
        while value >= number:
            out += text
            value -= number
    return out
