"""Scoring rules of a province's commune evaluation index: how one component's figures become points.

A rule is data a person types in one spreadsheet cell, next to the component's maximum:

    có/không                                  yes → the maximum, no → 0
    tỷ lệ: ≥90→10; ≥70→5; khác→0              a percent (or numerator/denominator) against steps
    tỷ lệ: tuyến tính đến 80                  points in proportion, the maximum from 80% up
    số lượng: ≥5→4; ≥3→2; ≥1→1; khác→0        a count against steps
    số lượng: tuyến tính đến 10               points in proportion, the maximum from 10 up
    chấm điểm                                 the score itself, 0 … the maximum

">=", "=>" and "->" are accepted for "≥" and "→"; numbers are written the Vietnamese way (92,5). `parse` reads a
rule and refuses a bad one with a Vietnamese message; `Rule.text` writes it back in the one canonical form, so a
rule read from its own text is the same rule. Pure Python, no Django.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .numbers import format_number, parse_number

YES_NO, RATIO, COUNT, MANUAL = "yes_no", "ratio", "count", "manual"
KIND_WORDS = {RATIO: "tỷ lệ", COUNT: "số lượng"}
KIND_LABELS = {YES_NO: "Có/không", RATIO: "Tỷ lệ (%)", COUNT: "Số lượng", MANUAL: "Chấm điểm trực tiếp"}
CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class RuleError(ValueError):
    """A rule that cannot be read or does not fit its maximum; `message` is shown to the person who typed it."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


@dataclass(frozen=True)
class Figures:
    """What a commune gives for one component: yes/no, a numerator and denominator, or a value (a percent, a count,
    or the score itself for a rule scored by hand)."""

    yes: bool | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None


@dataclass(frozen=True)
class Rule:
    kind: str
    steps: tuple[tuple[Decimal, Decimal], ...] = ()  # (at least, points), highest threshold first
    otherwise: Decimal = Decimal(0)
    linear_to: Decimal | None = None  # linear: the figure from which the maximum is given

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def text(self) -> str:
        """The rule as a person writes it; parse(rule.text) == rule."""
        if self.kind == YES_NO:
            return "có/không"
        if self.kind == MANUAL:
            return "chấm điểm"
        head = KIND_WORDS[self.kind] + ": "
        if self.linear_to is not None:
            return head + f"tuyến tính đến {format_number(self.linear_to)}"
        steps = [f"≥{format_number(at)}→{format_number(points)}" for at, points in self.steps]
        return head + "; ".join([*steps, f"khác→{format_number(self.otherwise)}"])

    def check(self, maximum: Decimal) -> None:
        """Refuse points above the component's maximum, or a maximum that is not a positive number."""
        if maximum is None or maximum <= 0:
            raise RuleError("Điểm tối đa phải là số lớn hơn 0.", "bad_maximum")
        for _, points in self.steps:
            if points > maximum:
                raise RuleError(f"Bậc {format_number(points)} điểm vượt điểm tối đa {format_number(maximum)}.",
                                "step_above_maximum")
        if self.otherwise > maximum:
            raise RuleError(f"Điểm “khác” ({format_number(self.otherwise)}) vượt điểm tối đa "
                            f"{format_number(maximum)}.", "step_above_maximum")

    def figure(self, figures: Figures) -> Decimal | None:
        """The one number the rule judges: the percent numerator/denominator where both are given, else the value."""
        if self.kind == RATIO and figures.numerator is not None and figures.denominator:
            return figures.numerator * HUNDRED / figures.denominator
        return figures.value

    def score(self, figures: Figures, maximum: Decimal) -> Decimal | None:
        """The points the figures earn (rounded to 0,01), or None while the figures the rule needs are missing."""
        maximum = Decimal(maximum)
        if self.kind == YES_NO:
            return None if figures.yes is None else (maximum if figures.yes else Decimal(0))
        figure = self.figure(figures)
        if figure is None:
            return None
        if self.kind == MANUAL:
            points = min(max(figure, Decimal(0)), maximum)
        elif self.linear_to is not None:
            points = maximum * min(max(figure, Decimal(0)), self.linear_to) / self.linear_to
        else:
            points = next((p for at, p in self.steps if figure >= at), self.otherwise)
        return points.quantize(CENT, rounding=ROUND_HALF_UP)

    def problem(self, figures: Figures, maximum: Decimal) -> str | None:
        """What is wrong with the figures for this rule (a Vietnamese sentence), or None."""
        if self.kind == RATIO:
            if (figures.numerator is None) != (figures.denominator is None):
                return "Cần ghi cả tử số và mẫu số (hoặc ghi thẳng tỷ lệ %)."
            if figures.denominator is not None and figures.denominator <= 0:
                return "Mẫu số phải lớn hơn 0."
            if figures.numerator is not None and figures.numerator > figures.denominator:
                return "Tử số không được lớn hơn mẫu số."
            if figures.value is not None and not 0 <= figures.value <= HUNDRED:
                return "Tỷ lệ phải từ 0 đến 100."
        if self.kind == MANUAL and figures.value is not None and not 0 <= figures.value <= Decimal(maximum):
            return f"Điểm tự chấm phải từ 0 đến {format_number(maximum)}."
        if self.kind == COUNT and figures.value is not None and figures.value < 0:
            return "Số lượng không được âm."
        if self.kind == COUNT and figures.value is not None and figures.value != figures.value.to_integral_value():
            return "Số lượng phải là số nguyên."
        return None


def _normalise(text: str) -> str:
    text = " ".join(str(text or "").replace("\u00a0", " ").split()).lower()
    for wrong, right in (("->", "→"), ("=>", "≥"), (">=", "≥"), ("⇒", "→")):
        text = text.replace(wrong, right)
    return text.replace(" :", ":").rstrip(" ;.")


def _number(text: str, where: str) -> Decimal:
    value = parse_number(text.strip().rstrip("%").strip())
    if value is None:
        raise RuleError(f"“{text.strip()}” trong {where} không phải là số (ví dụ 90 hoặc 92,5).", "not_a_number")
    return value


_STEP = re.compile(r"≥\s*(?P<at>[^→]+?)\s*→\s*(?P<points>.+)")
_OTHERWISE = re.compile(r"(khác|còn lại|dưới)\s*→\s*(?P<points>.+)")
_LINEAR = re.compile(r"tuyến tính(?:\s+đến)?\s+(?P<to>.+)")


def parse(text: str) -> Rule:
    """Read a rule as a person typed it (see the module's examples); a RuleError says what is wrong."""
    cleaned = _normalise(text)
    if not cleaned:
        raise RuleError("Chưa ghi cách tính điểm (ví dụ “có/không” hoặc “tỷ lệ: ≥90→10; ≥70→5; khác→0”).", "empty")
    if cleaned in ("có/không", "có / không", "có-không", "có hoặc không"):
        return Rule(YES_NO)
    if cleaned in ("chấm điểm", "tự chấm", "chấm điểm trực tiếp"):
        return Rule(MANUAL)
    head, colon, body = cleaned.partition(":")
    kind = next((k for k, word in KIND_WORDS.items() if head.strip() == word), None)
    if kind is None or not colon:
        raise RuleError(f"Không hiểu cách tính điểm “{str(text).strip()[:80]}”: hãy ghi “có/không”, “chấm điểm”, "
                        "“tỷ lệ: ≥90→10; ≥70→5; khác→0”, “số lượng: ≥5→4; khác→0” hoặc “tỷ lệ: tuyến tính đến 80”.",
                        "unknown_kind")
    body = body.strip()
    linear = _LINEAR.fullmatch(body)
    if linear:
        to = _number(linear["to"], "mức tuyến tính")
        if to <= 0 or (kind == RATIO and to > HUNDRED):
            raise RuleError("Mức đạt điểm tối đa của cách tính tuyến tính phải lớn hơn 0"
                            + (" và không quá 100%." if kind == RATIO else "."), "bad_linear")
        return Rule(kind, linear_to=to)
    steps: list[tuple[Decimal, Decimal]] = []
    otherwise = None
    for part in (p.strip() for p in body.split(";")):
        if not part:
            continue
        if otherwise is not None:
            raise RuleError("Bậc “khác→…” phải đứng cuối cùng.", "otherwise_not_last")
        step, rest = _STEP.fullmatch(part), _OTHERWISE.fullmatch(part)
        if step:
            steps.append((_number(step["at"], f"bậc “{part}”"), _number(step["points"], f"bậc “{part}”")))
        elif rest:
            otherwise = _number(rest["points"], f"bậc “{part}”")
        else:
            raise RuleError(f"Không hiểu bậc “{part}”: mỗi bậc ghi dạng “≥90→10”, bậc cuối “khác→0”.", "bad_step")
    if not steps:
        raise RuleError("Cách tính theo bậc cần ít nhất một bậc dạng “≥90→10”.", "no_steps")
    thresholds = [at for at, _ in steps]
    if thresholds != sorted(thresholds, reverse=True) or len(set(thresholds)) != len(thresholds):
        raise RuleError("Các bậc phải ghi từ mức cao xuống mức thấp, không trùng nhau (≥90 trước ≥70).", "steps_order")
    points = [p for _, p in steps] + ([otherwise] if otherwise is not None else [])
    if points != sorted(points, reverse=True):
        raise RuleError("Bậc cao hơn không được ít điểm hơn bậc thấp hơn.", "points_order")
    if kind == RATIO and any(not 0 <= at <= HUNDRED for at in thresholds):
        raise RuleError("Ngưỡng tỷ lệ phải từ 0 đến 100.", "bad_threshold")
    if any(at < 0 for at in thresholds) or any(p < 0 for p in points):
        raise RuleError("Ngưỡng và điểm không được âm.", "negative")
    return Rule(kind, tuple(steps), otherwise if otherwise is not None else Decimal(0))


def parse_for(text: str, maximum: Decimal) -> Rule:
    """A rule read and checked against its component's maximum."""
    rule = parse(text)
    rule.check(maximum)
    return rule
