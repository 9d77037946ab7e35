"""Download buttons on the plan and province pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

from xaso.downloads import attachment, file_name
from xaso.core.periods import QUARTER
from xaso.plans import access
from xaso.tracking import views as tracking_views
from xaso.tracking.calendars import calendar_for
from xaso.tracking.summary import current_plans

from .documents import XLSX, ReportError, next_year_draft, progress_report
from .workbooks import province_workbook


@login_required
def plan_report(request, pk):
    plan = access.get_plan(request.user, pk)
    fmt = request.GET.get("format", "docx")
    try:
        if request.GET.get("kind") == "draft":
            return attachment(*next_year_draft(plan.commune, plan.year + 1, tracking_views.today(), fmt))
        return attachment(*progress_report(plan.commune, request.GET.get("period", str(plan.year)), fmt,
                                          tracking_views.today()))
    except ReportError as error:  # a bad period or format, no plan, or no PDF converter: said on the plan's page
        messages.error(request, error.message)
        return redirect("plan_detail", pk=plan.pk)


@login_required
def province_report(request, pk):
    """The province's workbook as of a period's end (`?period=2026-Q3`), like its dashboard; today without one."""
    province = access.get_province(request.user, pk)
    today, calendar = tracking_views.today(), calendar_for(province)
    try:
        period = tracking_views.asked_period(request, calendar, today)
    except tracking_views.UnknownPeriod as error:  # said on the dashboard the download was asked from
        messages.error(request, str(error))
        return redirect("province_dashboard", province_pk=province.pk)
    shown = period or calendar.period_of(today, QUARTER)  # today's figures: the running quarter's, as the page says
    plans = current_plans(province, shown.year)
    data = province_workbook(province, list(plans.values()), today, period)
    return attachment(data, file_name("Tổng hợp CĐS các xã", province.name, shown, extension="xlsx"), XLSX)
