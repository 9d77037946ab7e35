"""The "6 rõ" and target sanity: tasks without a lead, timeline or output; indicators without a
measurable target; a percentage over 100; a target below its own baseline; a date that does not exist."""

from __future__ import annotations

import re
from datetime import date

from xaso.core.numbers import parse_number
from xaso.core.targets import find_targets

from .context import CheckContext, clause_quote
from .model import ERROR, WARNING, Finding

_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})(?![\d/])")
_FIELDS = [("lead", "đơn vị chủ trì"), ("timeline", "thời gian thực hiện"), ("output", "sản phẩm đầu ra")]


def check_six_clear(ctx: CheckContext) -> list[Finding]:
    findings = []
    tasks = ctx.plan.tasks
    for field, label in _FIELDS:
        missing = [t for t in tasks if not getattr(t, field)]
        if not missing:
            continue
        if len(missing) == len(tasks):
            continue  # the table has no such column: the importer warns; no cell was left empty
        for task in missing:
            findings.append(Finding(
                "missing_field", ERROR if field != "output" else WARNING, task.name[:80], None,
                f"Nhiệm vụ “{task.name[:80]}” không ghi {label}.", task.source.where if task.source else ""))
    for indicator in ctx.plan.indicators:
        if not indicator.target:  # a target in words ("Cấp độ 2 hoặc 3", "Hoàn thành") is a target
            findings.append(Finding(
                "missing_field", WARNING, indicator.text[:80], None,
                f"Chỉ tiêu “{indicator.text[:80]}” không ghi mức cần đạt.", indicator.source.where if indicator.source else ""))
    return findings


def check_targets(ctx: CheckContext) -> list[Finding]:
    findings = _over_hundred(ctx)
    for indicator in ctx.plan.indicators:
        where = indicator.source.where if indicator.source else ""
        from_text = bool(ctx.paragraphs) and indicator.source is not None and not indicator.source.where.startswith("bảng")
        if (indicator.unit == "%" and indicator.target_value is not None and indicator.target_value > 100
                and not from_text):  # a sentence's percentage was judged in its sentence
            findings.append(Finding("target", ERROR, f"{indicator.text[:80]}: {indicator.target}", None,
                                    f"Chỉ tiêu phần trăm {indicator.target} vượt quá 100%.", where))
        baseline = parse_number((indicator.baseline or "").rstrip("% "))
        if (baseline is not None and indicator.target_value is not None and indicator.comparator == ">="
                and float(baseline) > indicator.target_value):
            findings.append(Finding("target", WARNING, indicator.text[:80], None,
                                    f"Chỉ tiêu {indicator.target} thấp hơn chính giá trị nền {indicator.baseline}.", where))
    for p in ctx.paragraphs:
        for m in _DATE.finditer(p.text):
            if not _exists(m):
                findings.append(ctx.at(p, "target", ERROR, clause_quote(p.text, m.start(), m.end()),
                                       f"Ngày {m.group(0)} không tồn tại."))
    for task in ctx.plan.tasks:
        if task.source and not task.source.where.startswith("bảng"):
            continue  # a task written in the body: its sentence was read above
        for m in _DATE.finditer(task.timeline or ""):
            if not _exists(m):
                findings.append(Finding("target", ERROR, task.timeline, None,
                                        f"Nhiệm vụ “{task.name[:80]}” có thời hạn ngày {m.group(0)}, một ngày không tồn tại.",
                                        task.source.where if task.source else ""))
    return findings


def _exists(m) -> bool:
    try:
        date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return False
    return True


# Words by which a percentage above 100 measures growth or over-achievement, not a share of a whole.
_GROWTH_BEFORE = re.compile(r"(?:tăng|vượt|gấp|bằng|so với|tốc độ|doanh thu|tăng trưởng)[^;.%]{0,40}$", re.IGNORECASE)
_GROWTH_AFTER = re.compile(r"^\s*(?:so với|kế hoạch|chỉ tiêu|mục tiêu|dự toán|cùng kỳ|KH\b)", re.IGNORECASE)


def _over_hundred(ctx: CheckContext) -> list[Finding]:
    """A share above 100% ("Tỷ lệ … đạt 120%", "105% hộ gia đình …") anywhere in the document: a share of a
    whole cannot exceed it. "Tăng 120%", "vượt 5%", "đạt 105% kế hoạch" measure something else."""
    findings = []
    for p in ctx.paragraphs:
        for m in find_targets(p.text):
            if m.unit != "%" or m.value <= 100 or m.baseline:
                continue
            if _GROWTH_BEFORE.search(p.text[max(0, m.start - 60): m.end]) or _GROWTH_AFTER.search(p.text[m.end:]):
                continue
            findings.append(ctx.at(p, "target", ERROR, clause_quote(p.text, m.start, m.end),
                                   f"Tỷ lệ {m.text.strip()} vượt quá 100%: một phần không thể lớn hơn toàn bộ."))
    return findings
