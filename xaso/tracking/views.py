"""Units report on their tasks; the commune's DX officer reviews; everyone sees where the plan stands."""

from __future__ import annotations

from datetime import date
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from xaso.core import status
from xaso.core.areas import AREAS
from xaso.core.budget import Planned, merge
from xaso.core.calendar import Calendar
from xaso.core.periods import QUARTER, Period, label_of, parse_period
from xaso.plans import access
from xaso.plans.fields import posted_id
from xaso.downloads import file_attachment
from xaso.plans.models import Indicator, Plan, Unit
from xaso.statements import Prepared

from . import calendars, commune_reports, national, review, services, snapshots, table_rows, timeliness
from .budget import plan_budget
from .exports import table_response
from .figures import indicator_rows, plan_figures
from .summary import PlanSummary, current_plans, plan_of_year
from .forms import IndicatorValueFormSet, ReviewForm, TaskReportForm
from .models import ACCEPTED, DRAFT, SUBMITTED, Evidence, IndicatorValue, Notification, TaskReport


def today() -> date:
    return timezone.localdate()


# the latest issued plan up to this year, else the latest draft ("issued" > "draft"); the SQL built once per process
# (xaso.statements): every commune page reads it
_CURRENT_PLAN = Prepared(lambda commune, year: Plan.objects.filter(commune=commune, year__lte=year)
                         .order_by("-status", "-year", "id")[:1], commune=int, year=int)


def current_plan(commune) -> Plan | None:
    plan = _CURRENT_PLAN.first(commune=commune.pk, year=today().year)
    if plan is not None:
        plan.commune = commune
    return plan


def _unit_tasks_of(plan, unit):
    return (plan.tasks.filter(Q(lead_unit=unit) | Q(partner_units=unit)).distinct().select_related("lead_unit")
            .order_by("position", "id"))


@login_required
def unit_tasks(request, pk):
    """“Nhiệm vụ của đơn vị”: what it leads or helps with, what is due this period, and above it everything
    returned to it in any period, until it is sent again."""
    unit = access.get_unit_for_reporting(request.user, pk)
    plan = current_plan(unit.commune)
    calendar = calendars.calendar_for(unit.commune)
    period = calendar.period_in_year(today(), plan.report_cadence, plan.year) if plan else None
    rows = []
    if plan:
        reports = {}
        for report in TaskReport.objects.filter(task__plan=plan, unit=unit, period=period.code).order_by("version"):
            reports[report.task_id] = report
        figures = {row.task.pk: row for row in plan_figures(plan, today(), calendar=calendar).tasks}
        for task in _unit_tasks_of(plan, unit):
            rows.append((task, figures[task.pk].status, reports.get(task.pk), task.lead_unit_id == unit.pk))
    returned = [(item, parse_period(item.period)) for item in services.to_fix(unit)]
    reopened = [r for r in unit.reopenings.filter(until__gte=today()).order_by("period")
                if plan and period and r.period != period.code and plan.period(r.period)]
    return render(request, "tracking/unit_tasks.html", {
        "unit": unit, "plan": plan, "period": period, "rows": rows, "returned": returned,
        "window": _window(calendar, period, unit) if period else None,
        "reopened": [(r, [task for task, _, _, _ in rows]) for r in reopened]})


def _window(calendar: Calendar, period: Period, unit) -> dict:
    """What a unit's page says of a period's entry window: its days, deadline, when entry locks, and why it is
    closed today (None while it is open)."""
    first, last = calendar.window(period)
    refusal = calendars.entry_refusal(calendar, period, today(), unit_id=unit.pk)
    reopened = calendars.open_reopening(unit.pk, period.code, today()) if today() >= calendar.locks(period) else None
    return {"first": first, "last": last, "deadline": calendar.deadline(period), "opens": calendar.opens(period),
            "locks": calendar.locks(period), "closed": refusal[0] if refusal else None, "reopened": reopened}


@login_required
def unit_reports(request, pk):
    """A unit's page for those who follow it (leaders, officers): its tasks and, period by period, what it sent
    (the last version sent of each report, with the reviewer's verdict). Read-only."""
    unit = access.get_unit_reports(request.user, pk)
    plan = current_plan(unit.commune)
    tasks, periods = [], []
    if plan:
        calendar = calendars.calendar_for(unit.commune)
        figures = {row.task.pk: row for row in plan_figures(plan, today(), calendar=calendar).tasks}
        tasks = [(task, figures[task.pk].status, task.lead_unit_id == unit.pk) for task in _unit_tasks_of(plan, unit)]
        sent = {}
        for report in (TaskReport.objects.filter(task__plan=plan, unit=unit).exclude(state=DRAFT)
                       .prefetch_related("evidence").order_by("version")):
            report.unit = unit  # the links' permission checks read the unit's commune: no query per report
            sent[(report.task_id, report.period)] = report
        values = {}
        for value in (IndicatorValue.objects.filter(indicator__plan=plan, unit=unit).exclude(state=DRAFT)
                      .select_related("indicator").order_by("indicator__position", "version")):
            values.setdefault(value.period, {})[value.indicator_id] = value
        started = calendar.begun(plan.year, plan.report_cadence, today())
        periods = [(p, [(task, sent.get((task.pk, p.code))) for task, _, _ in tasks], list(values.get(p.code, {}).values()))
                   for p in reversed(started)]
    return render(request, "tracking/unit_reports.html", {"unit": unit, "plan": plan, "tasks": tasks,
                                                           "periods": periods})


def _plan_period(plan, code):
    """The period of a report URL, which must be one of the plan's: otherwise the page does not exist."""
    if plan.period(code) is None:
        raise Http404("Kỳ báo cáo không thuộc kế hoạch.")


@login_required
def report_task(request, task_pk, unit_pk, period):
    """A unit's report on a task for a period. A POST goes to the write path first, which reads the report's versions
    and the entry window itself (under the row lock): the page reads them only to show the form again."""
    unit = access.get_unit_for_reporting(request.user, unit_pk)
    task = access.get_task_for_reporting(unit, task_pk)
    _plan_period(task.plan, period)
    calendar = calendars.read_with(task)
    form = TaskReportForm(request.POST, request.FILES) if request.method == "POST" else None
    if form is not None and form.is_valid():
        data = {k: form.cleaned_data[k] or v for k, v in
                (("status", ""), ("percent", 0), ("done_on", None), ("delay_reason", ""), ("achievements", ""),
                 ("difficulties", ""), ("proposals", ""), ("spent_source", ""))}
        data["spent_million_vnd"] = form.cleaned_data.get("spent_million_vnd")  # 0 is a figure, not "not written"
        seen = form.cleaned_data.get("seen")
        seen_version = (int(seen.split("|", 1)[0]), seen.split("|", 1)[1]) if seen and "|" in seen else None
        try:
            with transaction.atomic():
                report = services.save_task_report(user=request.user, task=task, unit=unit, period_code=period,
                                                   data=services.TaskReportData(**data), today=today(),
                                                   seen_version=seen_version, submit="submit" in request.POST,
                                                   calendar=calendar)
                _attach_evidence(report, form.cleaned_data)
        except services.ReportError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã gửi báo cáo để duyệt." if "submit" in request.POST else "Đã lưu bản nháp.")
            return redirect("unit_tasks", pk=unit.pk)
    history = list(TaskReport.objects.filter(task=task, unit=unit, period=period).order_by("-version"))
    latest = history[0] if history else None
    if latest is not None and latest.state == SUBMITTED:
        return _sent_report(request, unit, task, period, history, latest, calendar)
    closed = _closed(task.plan, period, unit, returned=services.awaits_fix(history), calendar=calendar)
    if form is None:
        initial = {"seen": f"{latest.version}|{latest.updated_at.isoformat()}"} if latest else {}
        if latest:
            initial.update({f: getattr(latest, f) for f in ("status", "percent", "done_on", "delay_reason",
                                                            "achievements", "difficulties", "proposals",
                                                            "spent_million_vnd", "spent_source")})
        form = TaskReportForm(initial=initial)
    return render(request, "tracking/report_form.html", {
        "unit": unit, "task": task, "period": period, "form": form, "history": history, "latest": latest,
        "closed": closed,
    }, status=400 if form.is_bound else 200)


def _sent_report(request, unit, task, period, history, latest, calendar):
    """A report waiting for review is read on its page, not edited: what was sent, by whom and when, without buttons
    that cannot work. A POST all the same (the page has no button for it) is refused, as the save would refuse it:
    the period's lock first, as for any report, then the report's state. (An accepted report stays open: a change
    of progress is a new version, reviewed again.)"""
    error = None
    if request.method == "POST":
        error = _closed(task.plan, period, unit, calendar=calendar) or services.AWAITING_REVIEW
    return render(request, "tracking/report_form.html", {
        "unit": unit, "task": task, "period": period, "history": history, "latest": latest,
        "card": review.cards([latest])[0], "error": error,
    }, status=400 if error else 200)


def _closed(plan, period, unit, *, returned: bool = False, calendar: Calendar | None = None) -> str | None:
    """Why the period takes no report of the unit today (not open yet, locked and not reopened), or None."""
    try:
        services.open_period(plan, period, today(), unit_id=unit.pk, returned=returned, calendar=calendar)
    except services.ReportError as error:
        return error.message
    return None


def _attach_evidence(report, cleaned):
    upload, link = cleaned.get("evidence_file"), cleaned.get("evidence_link")
    if upload:
        Evidence.objects.create(report=report, file=upload, name=upload.name[:255], size=upload.size)
    if link:
        Evidence.objects.create(report=report, link=link, name=link[:255])


@login_required
def review_queue(request, commune_pk):
    commune = access.get_commune_for_review(request.user, commune_pk)
    if request.method == "POST":
        model = IndicatorValue if request.POST.get("kind") == "value" else TaskReport
        item = get_object_or_404(model, pk=posted_id(request.POST, "id"), unit__commune=commune)
        form = ReviewForm(request.POST)
        form.is_valid()
        try:
            services.review(user=request.user, report=item, accept="accept" in request.POST,
                            comment=form.cleaned_data.get("comment", ""))
        except services.ReportError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã chấp nhận báo cáo." if "accept" in request.POST else "Đã trả lại báo cáo cho đơn vị.")
        return redirect("review_queue", commune_pk=commune.pk)
    reports = (TaskReport.objects.filter(state=SUBMITTED, unit__commune=commune)
               .select_related("task", "unit", "submitted_by", "created_by").prefetch_related("evidence")
               .order_by("submitted_at"))
    values = (IndicatorValue.objects.filter(state=SUBMITTED, unit__commune=commune)
              .select_related("indicator", "unit", "submitted_by", "created_by").order_by("submitted_at"))
    return render(request, "tracking/review_queue.html", {"commune": commune, "reports": review.cards(reports),
                                                           "values": review.cards(values)})


class UnknownPeriod(Exception):
    """`?period=` names no period whose figures a dashboard can show (the message says why, in words)."""


def asked_period(request, calendar: Calendar, day: date) -> Period | None:
    """`?period=2026-Q3` on a dashboard asks for the figures as of that period's end: a code that reads as no period,
    or a period not begun by `day` in the province's calendar (it has no figures), raises UnknownPeriod."""
    code = request.GET.get("period")
    if not code:
        return None
    period = parse_period(code)
    if period is None:
        raise UnknownPeriod(f"Kỳ “{code[:40]}” không hợp lệ; ví dụ 2026-Q3, 2026-H1, 2026-M03 hoặc 2026. "
                            "Đang hiện số liệu kỳ hiện tại.")
    if calendar.first_day(period) > day:
        raise UnknownPeriod(f"{period.label} chưa bắt đầu nên chưa có số liệu. Đang hiện số liệu kỳ hiện tại.")
    return period


def shows_asked_period(view):
    """A dashboard (or its download) asked for an UnknownPeriod shows its current figures instead, with the reason
    above them."""
    @wraps(view)
    def checked(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnknownPeriod as error:
            messages.error(request, str(error))
            query = request.GET.copy()
            query.pop("period", None)
            query.pop("format", None)  # the page, where the message is read, not a file
            return redirect(request.path + (f"?{query.urlencode()}" if query else ""))
    return checked


def picked(choices: list[Period], asked: Period | None) -> list[Period]:
    """The picker's periods with the one asked for among them (another kind, asked by its link or by hand)."""
    if asked is None or asked in choices:
        return choices
    return sorted([*choices, asked], key=lambda p: (p.end, -p.months))


def period_choices(year: int, kind: str, day: date, calendar: Calendar) -> list[Period]:
    """The periods of a year that have begun in the province's calendar, to pick whose figures to see."""
    return calendar.begun(year, kind, day)


@login_required
@shows_asked_period
def commune_dashboard(request, commune_pk):
    commune = access.get_commune(request.user, commune_pk)
    day = today()
    calendar = calendars.read_with(commune)
    period = asked_period(request, calendar, day)
    plan = current_plan(commune) if period is None else plan_of_year(commune, period.year)
    figures = plan_figures(plan, day, period, calendar=calendar) if plan else None
    running = calendar.period_in_year(day, plan.report_cadence, plan.year) if plan else None
    shown = period or running
    units = _unit_timeliness(plan, calendar, day, period) if plan else None
    not_due = shown is not None and day <= calendar.deadline(shown)
    budget = plan_budget(plan, day, shown, calendar=calendar, planned=_planned(figures)) if plan else None
    table, fmt = request.GET.get("table"), request.GET.get("format")
    if plan and table == "timeliness" and fmt in ("csv", "xlsx"):
        return _timeliness_export(("Báo cáo đúng hạn theo đơn vị", commune.name, shown), "Đơn vị", units, fmt, not_due)
    if plan and table == "budget" and fmt in ("csv", "xlsx"):
        return _budget_export(("Kinh phí thực hiện", commune.name, shown), budget, fmt)
    return render(request, "tracking/commune_dashboard.html", {
        "commune": commune, "plan": plan, "f": figures, "asked": period,
        **(_figure_tables(figures) if figures else {}),
        "timeliness_rows": table_rows.timeliness(units or [], "Đơn vị", not_due),
        "period": shown, "choices": picked(period_choices(plan.year, plan.report_cadence, day, calendar), period) if plan else [],
        "running": running, "deadline": calendar.deadline(shown) if shown else None,
        "budget": budget, "budget_period": shown, "budget_downloads": True})


def _budget_export(title, budget, fmt):
    """The budget table as on the page: by area, by source, the total (million VND)."""
    rows = [[head, line.label, line.planned, line.spent_period, line.spent_to_date, line.share]
            for _, head, lines in budget.sections for line in lines]
    rows.append(["", budget.total.label, budget.total.planned, budget.total.spent_period, budget.total.spent_to_date,
                 budget.total.share])
    return table_response(title, ["Theo", "Mục", "Kế hoạch (triệu đồng)", "Đã chi trong kỳ (triệu đồng)",
                                  "Lũy kế đã chi (triệu đồng)", "Tỷ lệ đã chi (%)"], rows, fmt)


def _planned(figures) -> list[Planned]:
    """The budgets of the plan's tasks, read with its figures (the budget table's planned column: no query of its
    own)."""
    return [Planned(row.task.area, row.task.budget_million_vnd, row.task.budget_source) for row in figures.tasks]


def _figure_tables(figures) -> dict:
    """The commune page's tables of its figures, as rows written in Python (xaso.tracking.table_rows), each of
    PlanFigures' sums computed once."""
    by_area, late = figures.by_area(), figures.overdue
    labels, values = table_rows.area_chart(by_area)
    return {"score": figures.score, "area_labels": labels, "area_values": values,
            "area_rows": table_rows.area_scores(by_area), "overdue_count": len(late),
            "overdue_rows": table_rows.overdue(late), "task_rows": table_rows.task_figures(figures.tasks),
            "indicator_rows": table_rows.indicator_progress(figures.indicators)}


# the commune's units by name, the SQL built once per process (xaso.statements): the commune page reads them
_UNITS = Prepared(lambda commune: Unit.objects.filter(commune=commune).order_by("name", "id"), commune=int)


def _unit_timeliness(plan, calendar, day, period) -> list:
    """(unit, counts of the period, counts of the year) for each lead unit of the plan's tasks (two queries: the
    counts of the period and of the due periods, the commune's units)."""
    plans = [(plan.pk, plan.year, plan.report_cadence, calendar)]
    now, year = timeliness.timeliness_and_year(plans, timeliness.UNIT, day, period)
    leads = set(now) | set(year)
    units = [unit for unit in _UNITS.all(commune=plan.commune_id) if unit.pk in leads] if leads else []
    if len(units) < len(leads):  # a lead unit of another commune: nothing in xaso sets one, the database allows it
        units = sorted([*units, *Unit.objects.filter(pk__in=leads - {unit.pk for unit in units})],
                       key=lambda unit: (unit.name, unit.pk))
    return [(unit, now.get(unit.pk, timeliness.Counts()), year.get(unit.pk, timeliness.Counts())) for unit in units]


def _on_time(share, not_due: bool):
    """A download's on-time rate of the period: as the page says it (none before the deadline)."""
    return table_rows.NOT_DUE if not_due else share


def _timeliness_export(title, head: str, rows, fmt, not_due: bool):
    return table_response(title, [
        head, "Phải gửi (kỳ)", "Đã gửi (kỳ)", "Tỷ lệ đã gửi (%)", "Gửi đúng hạn (kỳ)", "Tỷ lệ đúng hạn (%)",
        "Phải gửi (cả năm)", "Đã gửi (cả năm)", "Gửi đúng hạn (cả năm)", "Tỷ lệ đúng hạn cả năm (%)"],
        [[str(name), c.expected, c.sent, c.sent_share, c.on_time, _on_time(c.on_time_share, not_due), y.expected,
          y.sent, y.on_time, y.on_time_share] for name, c, y in rows], fmt)


@login_required
@shows_asked_period
def province_dashboard(request, province_pk):
    """Communes ranked, areas × communes, who has not reported in the period, one indicator compared."""
    province = access.get_province(request.user, province_pk)
    day = today()
    calendar = calendars.calendar_for(province)
    period = asked_period(request, calendar, day)
    shown = period or calendar.period_of(day, QUARTER)
    plans = current_plans(province, shown.year)
    dated = [(plan.pk, plan.year, plan.report_cadence, calendar) for plan in plans.values()]
    found = snapshots.kept(dated, day) if period is None else snapshots.standings(dated, day, period)
    summaries = {plan.pk: PlanSummary(plan, found[plan.pk].by_code) for plan in plans.values()}
    ranking = sorted(((plan.commune, summaries[plan.pk]) for plan in plans.values()), key=lambda pair: -(pair[1].score or 0))
    areas = [(code, label) for code, label in AREAS if code != "other"]
    heat = []  # areas × communes: one row per commune, in ranking order
    for commune, f in ranking:
        scores = {code: score for code, _, score, _ in f.by_area()}
        heat.append((commune, [scores.get(code) for code, _ in areas]))
    heat_rows = [(commune, table_rows.heat_cells(scores)) for commune, scores in heat]
    silent = [plan.commune for plan in plans.values() if not found[plan.pk].reported]
    texts = list(Indicator.objects.filter(plan__in=plans.values()).order_by("text").values_list("text", flat=True)
                 .distinct())  # each once, as the national page lists them (national.indicator_texts)
    chosen = request.GET.get("indicator") or (texts[0] if texts else "")
    compared = _compare_indicator(plans, chosen, day, period, [commune for commune, _ in ranking], calendar)
    punctual = [(commune, found[f.plan.pk].now, found[f.plan.pk].year) for commune, f in ranking]
    table = request.GET.get("table")
    fmt = request.GET.get("format")
    states = commune_reports.province_states(  # the communes' reports sent to the province
        province, plans, shown, calendar, day, active={plan.pk for plan in plans.values() if found[plan.pk].active})
    if table == "commune_reports" and fmt in ("csv", "xlsx"):
        return table_response(("Báo cáo của xã gửi tỉnh", province.name, shown), *commune_reports.export_rows(states), fmt)
    not_due = day <= calendar.deadline(shown)
    if table == "timeliness" and fmt in ("csv", "xlsx"):
        return _timeliness_export(("Báo cáo đúng hạn theo xã", province.name, shown), "Xã",
                                  [(c.title, n, y) for c, n, y in punctual], fmt, not_due)
    budget = merge(found[plan.pk].budget for plan in plans.values())
    if table == "budget" and fmt in ("csv", "xlsx"):
        return _budget_export(("Kinh phí thực hiện các xã", province.name, shown), budget, fmt)
    if table == "areas" and fmt in ("csv", "xlsx"):
        return table_response(("Điểm theo lĩnh vực và xã", province.name, shown),
                              ["Xã", *[label for _, label in areas]], [[c.title, *scores] for c, scores in heat], fmt)
    if table and fmt in ("csv", "xlsx"):
        return _province_export(province, table, fmt, ranking, silent, compared, chosen, shown)
    return render(request, "tracking/province_dashboard.html", {
        "budget": budget, "budget_period": shown, "budget_downloads": True,
        "province": province, "ranking_rows": table_rows.ranking(request.user, ranking, period), "silent": silent,
        "texts": texts, "chosen": chosen, "compared_rows": table_rows.compared(compared),
        "heat": {"areas": [label for _, label in areas],
                 "rows": table_rows.heat(request.user, heat_rows, period, len(areas))},
        "period": shown, "asked": period, "choices": picked(period_choices(shown.year, QUARTER, day, calendar), period),
        "running": calendar.period_of(day, QUARTER), "deadline": calendar.deadline(shown),
        "timeliness_rows": table_rows.timeliness(punctual, "Xã", not_due),
        "commune_state_counts": commune_reports.state_counts(states),
        "commune_state_rows": table_rows.commune_states(request.user, states, shown),
    })


@login_required
@shows_asked_period
def national_dashboard(request):
    """Provinces ranked, areas × provinces, each province's reporting timeliness, one indicator compared; each
    province opens its own dashboard (xaso.tracking.national computes the figures)."""
    access.get_nation(request.user)
    day = today()
    period = asked_period(request, calendars.DEFAULT, day)  # provinces' own calendars differ by days at most
    shown = period or calendars.DEFAULT.period_of(day, QUARTER)
    plans = national.chosen_plans(shown.year)
    ranking = national.national_figures(plans, day, period)
    areas = national.heat_areas()
    heat_rows = [(f.province, table_rows.heat_cells([f.area_score(code) for code, _ in areas])) for f in ranking]
    texts = national.indicator_texts(plans)
    chosen = request.GET.get("indicator") or (texts[0] if texts else "")
    compared = national.compare_indicator(chosen, plans, ranking, day, period) if chosen else []
    table, fmt = request.GET.get("table"), request.GET.get("format")
    not_due = day <= calendars.DEFAULT.deadline(shown)  # provinces' own deadlines differ by days at most
    if table and fmt in ("csv", "xlsx"):
        return _national_export(table, fmt, ranking, compared, chosen, areas, shown, not_due)
    return render(request, "tracking/national_dashboard.html", {
        "ranking": ranking, "ranked": list(zip(status.ranks([f.score for f in ranking]), ranking)), "texts": texts, "chosen": chosen, "compared": compared,
        "heat": {"areas": [label for _, label in areas], "rows": heat_rows},
        "communes": sum(f.communes for f in ranking), "period": shown, "asked": period,
        "choices": picked(period_choices(shown.year, QUARTER, day, calendars.DEFAULT), period),
        "not_due": not_due,
        "running": calendars.DEFAULT.period_of(day, QUARTER),
    })


def _national_export(table, fmt, ranking, compared, chosen, areas, period, not_due: bool):
    if table == "ranking":
        rows = [[i, f.province.name, f.communes, f.score, f.task_count, f.done_count, f.late_count, f.expected, f.sent,
                 f.sent_share, f.on_time, _on_time(f.on_time_share, not_due)]
                for i, f in zip(status.ranks([f.score for f in ranking]), ranking)]
        return table_response(("Xếp hạng tỉnh", period), [
            "Hạng", "Tỉnh, thành phố", "Số xã", "Điểm", "Nhiệm vụ", "Hoàn thành", "Quá hạn", "Báo cáo phải gửi",
            "Đã gửi", "Tỷ lệ đã gửi (%)", "Gửi đúng hạn", "Tỷ lệ đúng hạn (%)"], rows, fmt)
    if table == "timeliness":
        rows = [[f.province.name, f.communes, f.expected, f.sent, f.sent_share, f.on_time,
                 _on_time(f.on_time_share, not_due), f.year.expected, f.year.sent, f.year.on_time, f.year.on_time_share]
                for f in ranking]
        return table_response(("Báo cáo đúng hạn theo tỉnh", period), [
            "Tỉnh, thành phố", "Số xã", "Báo cáo phải gửi", "Đã gửi", "Tỷ lệ đã gửi (%)", "Gửi đúng hạn",
            "Tỷ lệ đúng hạn (%)", "Phải gửi (cả năm)", "Đã gửi (cả năm)", "Gửi đúng hạn (cả năm)",
            "Tỷ lệ đúng hạn cả năm (%)"], rows, fmt)
    if table == "areas":
        rows = [[f.province.name, *[f.area_score(code) for code, _ in areas]] for f in ranking]
        return table_response(("Điểm theo lĩnh vực và tỉnh", period),
                              ["Tỉnh, thành phố", *[label for _, label in areas]], rows, fmt)
    if table == "indicator":
        rows = [[c.province.name, c.communes, c.with_value, c.met, c.met_share, c.mean] for c in compared]
        return table_response(("So sánh chỉ tiêu giữa các tỉnh", period), [
            "Tỉnh, thành phố", f"Số xã có chỉ tiêu: {chosen}", "Số xã có số liệu", "Số xã đạt", "Tỷ lệ xã đạt (%)",
            "Giá trị trung bình"], rows, fmt)
    raise Http404("Không có bảng này.")


def _compare_indicator(plans, text, day, period, communes, calendar):
    rows = indicator_rows(Indicator.objects.filter(plan__in=plans.values(), text=text), day, period=period,
                          calendar=calendar)
    by_plan = {row.indicator.plan_id: (row, row.label) for row in rows}
    plan_of = {plan.commune_id: plan.pk for plan in plans.values()}
    return [(commune, *by_plan.get(plan_of[commune.pk], (None, ""))) for commune in communes]


def _province_export(province, table, fmt, ranking, silent, compared, chosen, period):
    if table == "ranking":
        rows = [[i, c.title, f.score, f.task_count, f.done_count, f.late_count]
                for i, (c, f) in zip(status.ranks([f.score for _, f in ranking]), ranking)]
        return table_response(("Xếp hạng xã", province.name, period),
                              ["Hạng", "Xã", "Điểm", "Nhiệm vụ", "Hoàn thành", "Quá hạn"], rows, fmt)
    if table == "silent":
        return table_response(("Xã chưa gửi báo cáo", province.name, period),
                              ["Xã chưa báo cáo kỳ này"], [[c.title] for c in silent], fmt)
    if table != "indicator":
        raise Http404("Không có bảng này.")
    rows = [[c.title, r.indicator.target_text if r else "", r.value if r else None, label_of(r.period) if r else "", label]
            for c, r, label in compared]
    return table_response(("So sánh chỉ tiêu giữa các xã", province.name, period),
                          ["Xã", f"Chỉ tiêu: {chosen}", "Số liệu mới nhất", "Kỳ của số liệu", "Đánh giá"], rows, fmt)


@login_required
def notifications(request):
    """The user's notifications, newest first; POST marks them all read, or one (`id`)."""
    mine = request.user.notifications.all()
    if request.method == "POST":
        chosen = mine.filter(pk=request.POST["id"]) if request.POST.get("id", "").isdigit() else mine
        chosen.filter(read_at__isnull=True).update(read_at=timezone.now())
        return redirect("notifications")
    return render(request, "tracking/notifications.html", {"items": mine[:200]})


@login_required
def notification_open(request, pk):
    """Opening a notification marks it read and goes where it points; another user's answers 403."""
    notification = get_object_or_404(Notification, pk=pk)
    if not access.can_open(request.user, "notification_open", notification):
        raise PermissionDenied
    if notification.read_at is None:
        Notification.objects.filter(pk=pk).update(read_at=timezone.now())
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None) and notification.url.startswith("/")
    return redirect(notification.url if safe else "notifications")


@login_required
def indicator_values(request, plan_pk, unit_pk, period):
    """A unit (usually the DX focal point) enters the period's indicator values: a ratio or a direct value."""
    unit = access.get_unit_for_reporting(request.user, unit_pk)
    plan = get_object_or_404(Plan.objects.select_related("commune"), pk=plan_pk, commune=unit.commune)
    _plan_period(plan, period)
    indicators = list(plan.indicators.all())
    latest = {}
    for entry in IndicatorValue.objects.filter(indicator__plan=plan, unit=unit, period=period).order_by("version"):
        latest[entry.indicator_id] = entry
    initial = [{"indicator": i.pk, **({"numerator": latest[i.pk].numerator, "denominator": latest[i.pk].denominator,
                                       "value": latest[i.pk].value, "source": latest[i.pk].source} if i.pk in latest else {})}
               for i in indicators]
    formset = IndicatorValueFormSet(request.POST or None, initial=initial)
    errors = []
    if request.method == "POST" and formset.is_valid():
        by_id = {i.pk: i for i in indicators}
        try:
            with transaction.atomic():
                for form in formset:
                    data = form.cleaned_data
                    indicator = by_id.get(data.get("indicator"))
                    if indicator is None or all(data.get(k) in (None, "") for k in ("numerator", "denominator", "value")):
                        continue
                    settled = indicator.pk in latest and latest[indicator.pk].state in (SUBMITTED, ACCEPTED)
                    if settled and not form.has_changed():
                        continue  # shown again as it was sent: not a new version (nor a refusal while it waits)
                    try:
                        services.save_indicator_value(
                            user=request.user, indicator=indicator, unit=unit, period_code=period, today=today(),
                            value=data.get("value"), numerator=data.get("numerator"),
                            denominator=data.get("denominator"), source=data.get("source") or "",
                            submit="submit" in request.POST)
                    except services.ReportError as error:
                        errors.append(f"{indicator.text[:60]}: {error.message}")
                if errors:
                    raise services.ReportError("; ".join(errors), "invalid_values")
        except services.ReportError:
            pass  # nothing saved: every row is shown again with its message
        else:
            messages.success(request, "Đã gửi số liệu để duyệt." if "submit" in request.POST else "Đã lưu nháp số liệu.")
            return redirect("unit_tasks", pk=unit.pk)
    entries = [latest.get(i.pk) for i in indicators]
    rows = [(form, indicator, entry, entry is not None and entry.state == SUBMITTED)
            for form, indicator, entry in zip(formset.forms, indicators, entries)]
    return render(request, "tracking/indicator_values.html", {
        "unit": unit, "plan": plan, "period": period, "formset": formset, "rows": rows, "errors": errors,
        "closed": _closed(plan, period, unit),
        "settled": _values_settled(entries) if entries else None,
    }, status=400 if request.method == "POST" else 200)


def _values_settled(entries) -> str | None:
    """The line above a values page where every indicator waits for review: nothing can be entered, so the page is
    read, not filled. None while one of them can still be entered (an accepted value can be corrected: a new version,
    reviewed again)."""
    if any(entry is None or entry.state != SUBMITTED for entry in entries):
        return None
    sent = timezone.localtime(max(entry.submitted_at or entry.updated_at for entry in entries))
    return f"Số liệu kỳ này đã gửi lúc {sent:%H:%M} ngày {sent:%d/%m/%Y}, đang chờ cán bộ xã duyệt."


@login_required
def evidence_file(request, pk):
    """Evidence is served only to those who may see the commune's reports, always as a download."""
    evidence = get_object_or_404(Evidence.objects.select_related("report__unit__commune"), pk=pk)
    if not access.can_view(request.user, evidence.report.unit.commune):
        raise PermissionDenied
    if not evidence.file:
        raise Http404
    return file_attachment(evidence.file.open("rb"), evidence.name or evidence.file.name)
