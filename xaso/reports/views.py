"""Download buttons on the plan and province pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone

from xaso.downloads import attachment, file_name
from xaso.plans import access
from xaso.plans.models import Plan

from .documents import XLSX, ReportError, next_year_draft, progress_report
from .workbooks import province_workbook


@login_required
def plan_report(request, pk):
    plan = access.get_plan(request.user, pk)
    try:
        if request.GET.get("kind") == "draft":
            return attachment(*next_year_draft(plan.commune, plan.year + 1, timezone.localdate()))
        return attachment(*progress_report(plan.commune, request.GET.get("period", str(plan.year)),
                                          request.GET.get("format", "docx"), timezone.localdate()))
    except ReportError as error:
        messages.error(request, error.message)
        return redirect("plan_detail", pk=plan.pk)


@login_required
def province_report(request, pk):
    province = access.get_province(request.user, pk)
    today = timezone.localdate()
    plans = {}
    for plan in Plan.objects.filter(commune__province=province, year=today.year).select_related("commune").order_by("-status"):
        plans.setdefault(plan.commune_id, plan)
    data = province_workbook(province, list(plans.values()), today)
    return attachment(data, file_name("Tổng hợp CĐS các xã", province.name, f"năm {today.year}", extension="xlsx"), XLSX)
