"""What a progress report and next year's draft say, built from the stored plan and accepted reports."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from xaso.core import areas, status
from xaso.core.numbers import format_number
from xaso.core.periods import Period, periods_of_year
from xaso.tracking.models import ACCEPTED, IndicatorValue, TaskReport

PLACEHOLDER = "…"
RECIPIENTS = ["Sở Khoa học và Công nghệ (để b/c)", "Thường trực Đảng ủy, HĐND xã (để b/c)", "Chủ tịch, các Phó Chủ tịch UBND xã",
              "Các phòng, đơn vị thuộc xã"]


def _value(number, unit) -> str:
    if number is None:
        return "—"
    return f"{format_number(number)}{'%' if unit == '%' else (' ' + unit if unit else '')}"


def _latest(queryset, key: str, period: Period, cadence: str) -> dict:
    """The newest accepted entry per item among the plan's reporting periods that end by the report's period
    (a half-year report of a quarterly plan reads Q1 and Q2)."""
    codes = [p.code for p in periods_of_year(period.year, cadence) if p.end <= period.end]
    latest = {}
    for entry in queryset.filter(state=ACCEPTED, period__in=codes).order_by("-period", "-version"):
        latest.setdefault(getattr(entry, key), entry)
    return latest


def header_context(plan, today: date) -> dict:
    return {
        "commune": plan.commune.name, "commune_upper": plan.commune.name.upper(), "number": PLACEHOLDER,
        "day": f"{today.day:02d}", "month": f"{today.month:02d}", "year_issued": today.year,
        "signer": plan.signer or "……………………", "sign_mode": "TM. ỦY BAN NHÂN DÂN", "sign_title": "CHỦ TỊCH",
        "recipients": RECIPIENTS,
    }


def progress_context(plan, period: Period, today: date) -> dict:
    as_of = min(period.end, today)
    reports = _latest(TaskReport.objects.filter(task__plan=plan), "task_id", period, plan.report_cadence)
    values = _latest(IndicatorValue.objects.filter(indicator__plan=plan), "indicator_id", period, plan.report_cadence)
    by_area: OrderedDict[str, list[str]] = OrderedDict((code, []) for code, _ in areas.AREAS)
    indicator_rows = []
    for index, indicator in enumerate(plan.indicators.all(), start=1):
        entry = values.get(indicator.pk)
        number = entry.value if entry else None
        verdict = status.INDICATOR[status.indicator_status(comparator=indicator.comparator, target=indicator.target_value,
                                                           value=number, span_end=indicator.span_end, year=period.year)]
        target = indicator.target_text or PLACEHOLDER
        if entry:
            by_area[indicator.area].append(f"{indicator.text} đạt {_value(number, indicator.unit)} (chỉ tiêu {target}): "
                                           f"{verdict.lower()}.")
        indicator_rows.append({"index": index, "text": indicator.text, "target": target,
                               "result": _value(number, indicator.unit), "verdict": verdict})
    task_rows, difficulties, proposals = [], [], []
    for index, task in enumerate(plan.tasks.select_related("lead_unit"), start=1):
        report = reports.get(task.pk)
        state = status.task_status(due=task.due_date, start=task.start_date, recurring=task.recurring,
                                   reported=report.status if report else None, done_on=report.done_on if report else None,
                                   today=as_of, periods_due=0, periods_reported=0)
        remark = ""
        if state.days_late:
            remark = f"trễ {state.days_late} ngày"
        if report and report.delay_reason:
            remark = f"{remark}; {report.delay_reason}".strip("; ")
        if report:
            by_area[task.area].append(f"{task.name} ({task.lead_label or PLACEHOLDER}): {state.label.lower()}, "
                                      f"đạt {format_number(report.percent)}% khối lượng.")
            unit = report.unit.short_name or report.unit.name
            if report.difficulties.strip():
                difficulties.append(f"{unit}: {report.difficulties.strip()}")
            if report.proposals.strip():
                proposals.append(f"{unit}: {report.proposals.strip()}")
        task_rows.append({"index": index, "name": task.name, "lead": task.lead_label or PLACEHOLDER,
                          "status": state.label if report or state.code == status.OVERDUE else "Chưa có báo cáo", "remark": remark})
    return {
        **header_context(plan, today),
        "period_label": period.label, "period_label_lower": period.label[0].lower() + period.label[1:],
        "intro": f"Thực hiện Kế hoạch chuyển đổi số xã {plan.commune.name} năm {plan.year}, UBND xã báo cáo kết quả "
                 f"thực hiện {period.label[0].lower() + period.label[1:]} như sau:",
        "areas": [{"label": areas.LABELS[code], "sentences": sentences} for code, sentences in by_area.items() if sentences],
        "indicators": indicator_rows, "tasks": task_rows,
        "difficulties": list(dict.fromkeys(difficulties)), "proposals": list(dict.fromkeys(proposals)),
    }


def draft_context(plan, today: date) -> dict:
    """Part I from this year's results; Part II with them as baselines and the unfinished tasks carried over."""
    period = Period(plan.year, "year", 1)
    progress = progress_context(plan, period, today)
    values = _latest(IndicatorValue.objects.filter(indicator__plan=plan), "indicator_id", period, plan.report_cadence)
    reports = _latest(TaskReport.objects.filter(task__plan=plan), "task_id", period, plan.report_cadence)
    assessed = [{"text": r["text"], "target": r["target"], "result": r["result"], "verdict": r["verdict"].lower()}
                for r in progress["indicators"]]
    done, unfinished, carried = [], [], []
    for task in plan.tasks.select_related("lead_unit"):
        report = reports.get(task.pk)
        if report and report.status == status.DONE:
            done.append(f"{task.name} ({task.lead_label or PLACEHOLDER})")
            continue
        unfinished.append({"name": task.name, "reason": (report.delay_reason or report.difficulties).strip() if report else ""})
        carried.append({"index": len(carried) + 1, "name": task.name, "lead": task.lead_label or PLACEHOLDER,
                        "timeline": f"Năm {plan.year + 1}" if not task.recurring else "Thường xuyên",
                        "output": task.output or PLACEHOLDER})
    indicators = []
    for index, indicator in enumerate(plan.indicators.all(), start=1):
        entry = values.get(indicator.pk)
        indicators.append({"index": index, "text": indicator.text,
                           "baseline": _value(entry.value, indicator.unit) if entry else (indicator.baseline_text or "—"),
                           "target": indicator.target_text or PLACEHOLDER})
    return {**header_context(plan, today), "year": plan.year, "next_year": plan.year + 1, "assessed": assessed,
            "done": done, "unfinished": unfinished, "indicators": indicators, "tasks": carried}
