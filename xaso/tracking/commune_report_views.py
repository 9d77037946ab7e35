"""The commune's report of a period to the province: the commune's officer sends it, the province's officer accepts
or returns it, everyone who follows the commune reads every version (xaso.tracking.commune_reports does the work)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from xaso.core.periods import parse_period
from xaso.downloads import attachment
from xaso.plans import access
from xaso.plans.fields import posted_id
from xaso.reports.documents import DOCX, PDF
from xaso.reports.pdf import ConversionError, to_pdf

from . import commune_reports as cr
from . import calendars, views
from .calendars import calendar_for
from .forms import ReviewForm
from .models import ACCEPTED, RETURNED, SUBMITTED, CommuneReport
from .summary import plan_of_year


@login_required
def commune_report(request, commune_pk, period):
    commune = access.get_commune_reports(request.user, commune_pk)
    if request.method == "POST":
        _act(request, commune, period)
        return redirect("commune_report", commune_pk=commune.pk, period=period)
    shown = parse_period(period)
    calendar = calendar_for(commune)
    opens = cr.opens_on(commune, shown, calendar)
    plan = plan_of_year(commune, shown.year)
    versions = cr.versions_of(commune, period)
    for version in versions:
        version.commune = commune  # the download links' permission check reads it: no query per version
    latest = versions[0] if versions else None
    can_submit = (access.can_submit_commune_report(request.user, commune) and plan is not None
                  and (latest is None or latest.state not in (SUBMITTED, ACCEPTED)))
    # nothing waits to be sent once it is sent or accepted, and a returned report is corrected after the lock too
    locked = (None if plan is None or (latest and latest.state in (SUBMITTED, ACCEPTED, RETURNED))
              else calendars.commune_report_refusal(calendar, shown, commune, views.today()))
    return render(request, "tracking/commune_report.html", {
        "commune": commune, "period": shown, "plan": plan, "versions": versions, "latest": latest,
        "due": cr.due_date(commune, shown, calendar), "opens": opens, "not_open": views.today() < opens,
        "can_submit": can_submit and not locked, "locked": locked,
        "can_reopen": locked and access.can_review_commune_report(request.user, commune), "pending": cr.pending_reviews(plan, period) if can_submit else 0,
        "can_review": latest is not None and latest.state == SUBMITTED
                      and access.can_review_commune_report(request.user, commune),
        "state_label": cr.PROVINCE_STATES[latest.state] if latest else None,
        "as_of": date.fromisoformat(latest.figures["as_of"]) if latest and latest.figures.get("as_of") else None,
    })


def _act(request, commune, period):
    """Send (the commune's officer), accept or return (the province's officer); a refusal is shown on the page."""
    try:
        if "submit" in request.POST:
            if not access.can_submit_commune_report(request.user, commune):
                raise PermissionDenied
            cr.submit(user=request.user, commune=commune, period_code=period, today=views.today(),
                      confirm_pending=request.POST.get("confirm_pending") == "on")
            messages.success(request, "Đã gửi báo cáo lên tỉnh.")
            return
        if not access.can_review_commune_report(request.user, commune):
            raise PermissionDenied
        report = get_object_or_404(CommuneReport, pk=posted_id(request.POST, "id"), commune=commune, period=period)
        form = ReviewForm(request.POST)
        form.is_valid()
        accept = "accept" in request.POST
        cr.review(user=request.user, report=report, accept=accept, comment=form.cleaned_data.get("comment", ""))
        messages.success(request, "Đã chấp nhận báo cáo của xã." if accept else "Đã trả lại báo cáo cho xã.")
    except cr.CommuneReportError as error:
        messages.error(request, error.message)


@login_required
def commune_report_file(request, pk):
    """The .docx exactly as the commune sent it, to those who read the commune's reports; `?format=pdf` prints that
    same .docx to PDF for signing (xaso.reports.pdf), or says on the report's page why it cannot."""
    report = get_object_or_404(CommuneReport.objects.select_related("commune"), pk=pk)
    if not access.can_view_commune_reports(request.user, report.commune):
        raise PermissionDenied
    if request.GET.get("format") != "pdf":
        return attachment(bytes(report.document), report.download_name, DOCX)
    try:
        return attachment(to_pdf(bytes(report.document)), report.download_name.removesuffix(".docx") + ".pdf", PDF)
    except ConversionError as error:
        messages.error(request, error.message)
        return redirect("commune_report", commune_pk=report.commune_id, period=report.period)
