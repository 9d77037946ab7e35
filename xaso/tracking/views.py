"""Units report on their tasks; the commune's DX officer reviews; everyone sees where the plan stands."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from xaso.core.periods import period_of
from xaso.plans import access
from xaso.plans.models import Plan, Task

from . import services
from .figures import plan_figures
from .forms import ReviewForm, TaskReportForm
from .models import RETURNED, SUBMITTED, Evidence, IndicatorValue, TaskReport


def today() -> date:
    return timezone.localdate()


def current_plan(commune) -> Plan | None:
    year = today().year
    plans = commune.plans.filter(year__lte=year).order_by("-year", "-status")
    return plans.filter(status=Plan.ISSUED).first() or plans.first()


@login_required
def unit_tasks(request, pk):
    """“Nhiệm vụ của đơn vị”: what it leads or helps with, what is due this period, what came back."""
    unit = access.get_unit_for_reporting(request.user, pk)
    plan = current_plan(unit.commune)
    period = period_of(today(), plan.report_cadence) if plan else None
    rows, returned = [], []
    if plan:
        tasks = (plan.tasks.filter(Q(lead_unit=unit) | Q(partner_units=unit)).distinct().select_related("lead_unit"))
        reports = {}
        for report in TaskReport.objects.filter(task__plan=plan, unit=unit, period=period.code).order_by("version"):
            reports[report.task_id] = report
        figures = {row.task.pk: row for row in plan_figures(plan, today()).tasks}
        for task in tasks:
            report = reports.get(task.pk)
            rows.append((task, figures[task.pk].status, report, task.lead_unit_id == unit.pk))
        returned = [r for r in reports.values() if r.state == RETURNED]
    return render(request, "tracking/unit_tasks.html", {"unit": unit, "plan": plan, "period": period, "rows": rows,
                                                         "returned": returned})


@login_required
def report_task(request, task_pk, unit_pk, period):
    unit = access.get_unit_for_reporting(request.user, unit_pk)
    task = get_object_or_404(Task.objects.select_related("plan__commune", "lead_unit"), pk=task_pk,
                             plan__commune=unit.commune)
    history = list(TaskReport.objects.filter(task=task, unit=unit, period=period).order_by("-version"))
    latest = history[0] if history else None
    initial = {"seen": f"{latest.version}|{latest.updated_at.isoformat()}"} if latest else {}
    if latest:
        initial.update({f: getattr(latest, f) for f in ("status", "percent", "done_on", "delay_reason", "achievements",
                                                        "difficulties", "proposals")})
    form = TaskReportForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] or v for k, v in
                (("status", ""), ("percent", 0), ("done_on", None), ("delay_reason", ""), ("achievements", ""),
                 ("difficulties", ""), ("proposals", ""))}
        seen = form.cleaned_data.get("seen")
        seen_version = (int(seen.split("|", 1)[0]), seen.split("|", 1)[1]) if seen and "|" in seen else None
        try:
            with transaction.atomic():
                report = services.save_task_report(user=request.user, task=task, unit=unit, period_code=period,
                                                   data=services.TaskReportData(**data), today=today(),
                                                   seen_version=seen_version)
                _attach_evidence(report, form.cleaned_data)
                if "submit" in request.POST:
                    services.submit(user=request.user, report=report)
        except services.ReportError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã gửi báo cáo để duyệt." if "submit" in request.POST else "Đã lưu bản nháp.")
            return redirect("unit_tasks", pk=unit.pk)
    return render(request, "tracking/report_form.html", {
        "unit": unit, "task": task, "period": period, "form": form, "history": history, "latest": latest,
    }, status=400 if form.is_bound else 200)


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
        item = get_object_or_404(model, pk=request.POST.get("id"), unit__commune=commune)
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
               .select_related("task", "unit").prefetch_related("evidence").order_by("submitted_at"))
    values = (IndicatorValue.objects.filter(state=SUBMITTED, unit__commune=commune)
              .select_related("indicator", "unit").order_by("submitted_at"))
    return render(request, "tracking/review_queue.html", {"commune": commune, "reports": reports, "values": values})


@login_required
def commune_dashboard(request, commune_pk):
    commune = access.get_commune(request.user, commune_pk)
    plan = current_plan(commune)
    figures = plan_figures(plan, today()) if plan else None
    return render(request, "tracking/commune_dashboard.html", {"commune": commune, "plan": plan, "f": figures,
                                                                "can_review": access.can_review(request.user, commune)})
