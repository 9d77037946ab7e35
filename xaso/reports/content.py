"""What a progress report and next year's draft say, built from the stored plan and accepted reports."""

from __future__ import annotations

from collections import OrderedDict
from datetime import date

from xaso.core import areas, status
from xaso.core.numbers import format_number
from xaso.core.periods import Period
from xaso.tracking.budget import plan_budget
from xaso.tracking.figures import counted_reports, plan_figures

PLACEHOLDER = "…"


def recipients(kind: str) -> list[str]:
    """"Nơi nhận" of a commune's document: its own bodies named by its kind ("HĐND phường", "UBND đặc khu")."""
    return ["Sở Khoa học và Công nghệ (để b/c)", f"Thường trực Đảng ủy, HĐND {kind} (để b/c)",
            f"Chủ tịch, các Phó Chủ tịch UBND {kind}", f"Các phòng, đơn vị thuộc {kind}"]


def _value(number, unit) -> str:
    if number is None:
        return "—"
    return f"{format_number(number)}{'%' if unit == '%' else (' ' + unit if unit else '')}"


def header_context(plan, today: date) -> dict:
    """The header, place line and signature block (NĐ 30/2020). The commune is named by its kind in one place
    (Commune.title_upper: "ỦY BAN NHÂN DÂN / PHƯỜNG BẾN NGHÉ"); `commune_upper`, the bare name, stays for the
    templates provinces edited before communes had kinds."""
    commune = plan.commune
    return {
        "commune": commune.name, "commune_upper": commune.name.upper(), "commune_kind": commune.kind_label,
        "commune_title": commune.title, "commune_phrase": commune.phrase, "commune_title_upper": commune.title_upper,
        "number": PLACEHOLDER,
        "day": f"{today.day:02d}", "month": f"{today.month:02d}", "year_issued": today.year,
        "signer": plan.signer or "……………………", "sign_mode": "TM. ỦY BAN NHÂN DÂN", "sign_title": "CHỦ TỊCH",
        "recipients": recipients(commune.kind_label),
    }


def progress_context(plan, period: Period, today: date) -> dict:
    """The report of a period says what the plan's figures were at its end (xaso.tracking.figures), the
    same figures as the pages, the spreadsheet and the API."""
    figures = plan_figures(plan, today, period)
    reports = counted_reports(plan, today, period)
    by_area: OrderedDict[str, list[str]] = OrderedDict((code, []) for code, _ in areas.AREAS)
    indicator_rows = []
    for index, row in enumerate(figures.indicators, start=1):
        indicator = row.indicator
        target = indicator.target_text or PLACEHOLDER
        if row.value is not None:
            by_area[indicator.area].append(f"{indicator.text} đạt {_value(row.value, indicator.unit)} (chỉ tiêu {target}): "
                                           f"{row.label.lower()}.")
        indicator_rows.append({"index": index, "text": indicator.text, "target": target,
                               "result": _value(row.value, indicator.unit), "verdict": row.label})
    task_rows, difficulties, proposals = [], [], []
    for index, row in enumerate(figures.tasks, start=1):
        task, state, report = row.task, row.status, reports.get(row.task.pk)
        remarks = [f"trễ {state.days_late} ngày"] if state.days_late else []
        if report and report.delay_reason:
            remarks.append(report.delay_reason)
        if row.reported is None:
            remarks.append("chưa có báo cáo được duyệt")
        if report:
            by_area[task.area].append(f"{task.name} ({task.lead_label or PLACEHOLDER}): {state.label.lower()}, "
                                      f"đạt {format_number(row.percent)}% khối lượng.")
            unit = report.unit.short_name or report.unit.name
            if report.difficulties.strip():
                difficulties.append(f"{unit}: {report.difficulties.strip()}")
            if report.proposals.strip():
                proposals.append(f"{unit}: {report.proposals.strip()}")
        task_rows.append({"index": index, "name": task.name, "lead": task.lead_label or PLACEHOLDER,
                          "status": state.label, "remark": "; ".join(remarks)})
    return {
        **header_context(plan, today), **budget_context(plan, period, today),
        "period_label": period.label, "period_label_lower": period.label[0].lower() + period.label[1:],
        "intro": f"Thực hiện Kế hoạch chuyển đổi số {plan.commune.phrase} năm {plan.year}, UBND {plan.commune.kind_label} báo cáo kết quả "
                 f"thực hiện {period.label[0].lower() + period.label[1:]} như sau:",
        "areas": [{"label": areas.LABELS[code], "sentences": sentences} for code, sentences in by_area.items() if sentences],
        "indicators": indicator_rows, "tasks": task_rows,
        "difficulties": list(dict.fromkeys(difficulties)), "proposals": list(dict.fromkeys(proposals)),
    }


def budget_context(plan, period: Period, today: date) -> dict:
    """"Kinh phí thực hiện": one sentence of totals and the table by area and by source (xaso.tracking.budget)."""
    table = plan_budget(plan, today, period)
    total, when = table.total, period.label[0].lower() + period.label[1:]
    money = lambda amount: f"{format_number(amount)} triệu đồng"  # noqa: E731
    if table.empty:
        summary = "Kế hoạch chưa ghi kinh phí; các đơn vị chưa báo cáo kinh phí đã chi."
    else:
        summary = (f"Tổng kinh phí theo kế hoạch: {money(total.planned)}. Kinh phí đã chi trong {when}: "
                   f"{money(total.spent_period)}; lũy kế đến hết {when}: {money(total.spent_to_date)}"
                   + (f" (đạt {format_number(total.share)}% kế hoạch)." if total.share is not None else "."))
    rows = []
    for _, head, lines in table.sections:
        for index, line in enumerate(lines, start=1):
            rows.append({"group": head, "index": index, "label": line.label, "planned": format_number(line.planned),
                         "spent_period": format_number(line.spent_period),
                         "spent_to_date": format_number(line.spent_to_date)})
    by_area = [r for r in rows if r["group"] == "Lĩnh vực"]
    by_source = [r for r in rows if r["group"] != "Lĩnh vực"]
    total_row = {"index": "", "label": total.label, "planned": format_number(total.planned),
                 "spent_period": format_number(total.spent_period), "spent_to_date": format_number(total.spent_to_date)}
    return {"budget_summary": summary, "budget_areas": [*by_area, total_row] if by_area else [],
            "budget_sources": [*by_source, total_row] if by_source else []}


def draft_context(plan, today: date) -> dict:
    """Part I from this year's results; Part II with them as baselines and the unfinished tasks carried over."""
    period = Period(plan.year, "year", 1)
    progress = progress_context(plan, period, today)
    figures = plan_figures(plan, today, period)
    reports = counted_reports(plan, today, period)
    outputs = dict(plan.tasks.values_list("pk", "output"))
    assessed = [{"text": r["text"], "target": r["target"], "result": r["result"], "verdict": r["verdict"].lower()}
                for r in progress["indicators"]]
    done, unfinished, carried = [], [], []
    for row in figures.tasks:
        task, report = row.task, reports.get(row.task.pk)
        if row.reported == status.DONE:
            done.append(f"{task.name} ({task.lead_label or PLACEHOLDER})")
            continue
        unfinished.append({"name": task.name, "reason": (report.delay_reason or report.difficulties).strip() if report else ""})
        carried.append({"index": len(carried) + 1, "name": task.name, "lead": task.lead_label or PLACEHOLDER,
                        "timeline": f"Năm {plan.year + 1}" if not task.recurring else "Thường xuyên",
                        "output": outputs[task.pk] or PLACEHOLDER})
    indicators = []
    for index, row in enumerate(figures.indicators, start=1):
        indicator = row.indicator
        indicators.append({"index": index, "text": indicator.text,
                           "baseline": _value(row.value, indicator.unit) if row.value is not None else (indicator.baseline_text or "—"),
                           "target": indicator.target_text or PLACEHOLDER})
    return {**header_context(plan, today), "year": plan.year, "next_year": plan.year + 1, "assessed": assessed,
            "done": done, "unfinished": unfinished, "indicators": indicators, "tasks": carried}
