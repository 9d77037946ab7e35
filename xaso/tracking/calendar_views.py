"""“Lịch báo cáo” of a province (its officer edits it, everyone who sees the province reads it) and “Mở lại kỳ báo
cáo” of a commune (its DX officer, or the province's officer, opens a locked period again for one unit)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from xaso.core.periods import KINDS, periods_of_year
from xaso.plans import access

from . import calendars
from .forms import ReopeningForm, ReportCalendarForm
from .models import ReportCalendar, Reopening
from . import views


def calendar_rows(calendar, year: int) -> list[tuple[str, list]]:
    """(kind label, [(period, first day, last day, deadline, opens, locks)]) for every period kind of a year."""
    return [(label, [(p, *calendar.window(p), calendar.deadline(p), calendar.opens(p), calendar.locks(p))
                     for p in periods_of_year(year, kind)]) for kind, label in KINDS.items()]


@login_required
def report_calendar(request, province_pk):
    province = access.get_province(request.user, province_pk)
    may_edit = access.can_manage_communes(request.user, province)
    stored = ReportCalendar.objects.filter(province=province).first()
    if request.method == "POST" and not may_edit:
        raise PermissionDenied
    form = ReportCalendarForm(request.POST or None, instance=stored or ReportCalendar(province=province))
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        saved.updated_by = request.user
        saved.save()
        messages.success(request, "Đã lưu lịch báo cáo. Các báo cáo đã gửi vẫn giữ kỳ đã báo cáo.")
        return redirect("report_calendar", province_pk=province.pk)
    calendar = stored.calendar() if stored else calendars.DEFAULT
    year = views.today().year
    return render(request, "tracking/report_calendar.html", {
        "province": province, "form": form if may_edit else None, "stored": stored, "calendar": calendar,
        "rows": calendar_rows(calendar, year), "year": year, "running": calendar.period_of(views.today()),
        "deadlines": [(KINDS[kind], days) for kind, days in calendar.deadline_days],
    }, status=400 if form.is_bound else 200)


@login_required
def reopenings(request, commune_pk):
    commune = access.get_commune(request.user, commune_pk, edit=True)
    plan = views.current_plan(commune)
    units = list(commune.units.order_by("name"))
    calendar = calendars.read_with(commune)
    periods = [p for p in periods_of_year(plan.year, plan.report_cadence)
               if views.today() >= calendar.locks(p)] if plan else []  # only a locked period needs reopening
    for_commune = access.can_review_commune_report(request.user, commune)  # the province opens the commune's report
    form = ReopeningForm(request.POST or None, units=units, periods=periods, for_commune=for_commune,
                         initial={"unit": request.GET.get("unit"), "period": request.GET.get("period")})
    if request.method == "POST" and form.is_valid():
        unit = next((u for u in units if u.pk == form.cleaned_data["unit"]), None)
        if unit is not None:
            unit.commune = commune
        try:
            done = calendars.reopen(user=request.user, unit=unit, commune=commune, period_code=form.cleaned_data["period"],
                                    reason=form.cleaned_data["reason"], until=form.cleaned_data["until"], today=views.today())
        except calendars.ReopenError as error:
            form.add_error(None, error.message)
        else:
            target = unit.name if unit else f"báo cáo của {commune.phrase} gửi tỉnh"
            messages.success(request, f"Đã mở lại {done.period_label} cho {target} đến hết ngày {done.until:%d/%m/%Y}.")
            return redirect("reopenings", commune_pk=commune.pk)
    running = calendars.open_reopenings(commune, views.today())
    past = (Reopening.objects.filter(calendars.of_commune(commune), until__lt=views.today())
            .select_related("unit", "created_by").order_by("-created_at")[:50])
    return render(request, "tracking/reopenings.html", {
        "commune": commune, "plan": plan, "form": form, "running": running, "past": past,
    }, status=400 if form.is_bound else 200)
