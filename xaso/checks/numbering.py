"""Section numbers that repeat or skip at one level (I, II, III…; 1, 2, 3…; 1.1, 1.2…; a, b, c…)."""

from __future__ import annotations

from xaso.core.targets import find_targets
from xaso.extract.outline import numbering

from .context import CheckContext
from .model import ERROR, Finding

_NAMES = {"part": "phần", "letter": "phần", "roman": "mục La Mã", "arabic": "mục số", "paren": "mục", "decimal": "mục",
          "alpha": "điểm"}


def check_numbering(ctx: CheckContext) -> list[Finding]:
    """Numbers restart under each higher heading; consecutive slips at one level are one mistake."""
    findings: list[Finding] = []
    last: dict[tuple, tuple] = {}  # (style, prefix, scope) → (value, paragraph text, finding or None)
    auto_numbered = False  # Word list items since the last heading: their numbers are not in the text
    scope = 0  # numbered targets ("1. Tỷ lệ … đạt 95%.") form a list of their own under the last heading
    for index, p in enumerate(ctx.paragraphs):
        n = numbering(p.text)
        if n is None:
            auto_numbered = auto_numbered or (ctx.doc.format == "docx" and p.bullet)
            continue
        item = n.style in ("arabic", "paren") and bool(find_targets(p.text))
        level = n.level
        if not item:
            scope = index
            for key in [k for k in last if _level(k) > level or k[2]]:
                del last[key]
        prefix = n.value[:-1] if n.style == "decimal" else ()
        key = (n.style, prefix, scope if item else 0)
        value = n.value[-1]
        previous = last.get(key)
        quote = p.text[:80].strip()
        expected = 1 if previous is None else previous[0] + 1
        problem = None
        if previous is not None and value == previous[0]:
            problem = f"{_NAMES[n.style]} {n.label} lặp lại (“{_short(previous[1])}” rồi “{_short(quote)}”)"
        elif value > expected and not (previous is None and auto_numbered):
            missing = _label(n.style, prefix, expected, value - 1)
            problem = f"{_NAMES[n.style]} {n.label} đứng sau " + (f"“{_short(previous[1])}”" if previous else "đầu mục") + f", thiếu {missing}"
        elif previous is not None and value < previous[0]:
            problem = f"{_NAMES[n.style]} {n.label} đứng sau {_label(n.style, prefix, previous[0], previous[0])}, ngược thứ tự"
        finding = None
        if problem:
            earlier = previous[2] if previous else None
            if earlier is not None:
                earlier.explanation += f"; tiếp theo {problem}"
                finding = earlier
            else:
                finding = Finding("numbering", ERROR, quote, p.line, f"Đánh số sai: {problem}", ctx.doc.where(p), page=p.page)
                findings.append(finding)
        last[key] = (value, p.text.strip(), finding if problem else None)
        auto_numbered = False
    for f in findings:
        if not f.explanation.endswith("."):
            f.explanation += "."
    return findings


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:60].rsplit(" ", 1)[0] + "…"


def _level(key: tuple) -> int:
    style, prefix, _ = key
    return {"part": 0, "letter": 0, "roman": 1, "arabic": 2, "paren": 3, "alpha": 4}.get(style, 2 + len(prefix))


def _label(style: str, prefix: tuple, first: int, last: int) -> str:
    def one(v: int) -> str:
        if style in ("roman", "part"):
            return _roman(v)
        if style == "alpha":
            return "abcdđeghiklmnopqrstuvxy"[v - 1] + ")" if 0 < v <= 23 else str(v)
        if style == "paren":
            return f"{v})"
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
