"""Pages: province → communes → a commune → its plans → a plan with its indicators and tasks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from xaso.core.areas import AREAS
from xaso.core.periods import YEAR, Period
from xaso.search import index
from xaso.tracking import views as tracking_views
from xaso.tracking.budget import plan_budget
from xaso.tracking.calendars import calendar_for

from . import access, trash
from .forms import CommuneForm, IndicatorForm, PlanForm, TaskForm, UnitForm
from .models import Commune, Indicator, Plan, Task, Unit

LIVE_COMMUNE = Q(communes__deleted_at__isnull=True)


@login_required
def home(request):
    """The places the user's role covers: provinces for the province and the site, else the commune and unit."""
    provinces = access.visible_provinces(request.user).annotate(commune_count=Count("communes", filter=LIVE_COMMUNE))
    return render(request, "plans/home.html", {"provinces": provinces, "member": access.membership(request.user),
                                               "is_admin": access.is_admin(request.user)})


@login_required
def province_detail(request, pk):
    province = access.get_province(request.user, pk)
    communes = province.communes.annotate(
        plan_count=Count("plans", distinct=True, filter=Q(plans__deleted_at__isnull=True)),
        unit_count=Count("units", distinct=True, filter=Q(units__deleted_at__isnull=True)),
    )
    return render(request, "plans/province_detail.html", {"province": province, "communes": communes})


@login_required
def commune_detail(request, pk):
    commune = access.get_commune(request.user, pk)
    plans = commune.plans.annotate(
        indicator_count=Count("indicators", distinct=True, filter=Q(indicators__deleted_at__isnull=True)),
        task_count=Count("tasks", distinct=True, filter=Q(tasks__deleted_at__isnull=True)),
    )
    from xaso.evaluation.services import current_index

    plans = list(plans)
    return render(request, "plans/commune_detail.html", {"commune": commune, "plans": plans, "units": commune.units.all(),
                                                         "evaluation": current_index(commune.province_id),
                                                         "province_reports": _province_reports(request.user, commune, plans)})


def _province_reports(user, commune, plans) -> list:
    """The commune's periodic reports to the province, for those who read them (xaso.tracking.commune_reports)."""
    from xaso.tracking import commune_reports, views as tracking_views

    if not access.can_view_commune_reports(user, commune):
        return []
    today = tracking_views.today()
    return commune_reports.commune_periods(commune, commune_reports.current_of(plans, today.year), today)


def _filtered_tasks(plan, params):
    """Area, lead unit and words; the words are read as the search box reads them (without diacritics, each word
    or the start of one, through the search index), so "chuyen doi so" finds "chuyển đổi số"."""
    tasks = plan.tasks.select_related("lead_unit").prefetch_related(
        Prefetch("partner_units", queryset=Unit.objects.only("id", "name", "short_name"))
    )
    area, lead, text = params.get("area", ""), params.get("lead", ""), params.get("q", "").strip()
    if area:
        tasks = tasks.filter(area=area)
    if lead.isdigit():
        tasks = tasks.filter(lead_unit_id=int(lead))
    matching = index.matching_ids("task", text[:200], Q(commune_id=plan.commune_id)) if text else None
    if matching is not None:
        tasks = tasks.filter(pk__in=matching)
    return tasks


@login_required
def plan_detail(request, pk):
    plan = access.get_plan(request.user, pk)
    tasks = _filtered_tasks(plan, request.GET)
    context = {
        "plan": plan,
        "tasks": tasks,
        "areas": AREAS,
        "filters": {key: request.GET.get(key, "") for key in ("area", "lead", "q")},
        "can_edit": access.can_edit(request.user, plan.commune),
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "tasks":
        return render(request, "plans/_tasks_table.html", context)
    context["indicators"] = plan.indicators.all()
    context["lead_units"] = plan.commune.units.all()
    day = tracking_views.today()  # money as of the running period; a plan of another year: its whole year
    calendar = calendar_for(plan.commune)
    context["budget_period"] = (calendar.period_in_year(day, plan.report_cadence, plan.year) if plan.year == day.year
                                else Period(plan.year, YEAR, 1))
    context["budget"] = plan_budget(plan, day, context["budget_period"], calendar=calendar)
    return render(request, "plans/plan_detail.html", context)


def _edit(request, form, template, context, success_url, saved_message):
    """Show a form, or check and save it in one transaction and go back; the one pattern of every editor."""
    if request.method == "POST":
        with transaction.atomic():  # the stale-edit check reads the stored object locked until the save
            obj = form.save() if form.is_valid() else None
        if obj is not None:
            messages.success(request, saved_message)
            return HttpResponseRedirect(success_url(obj) if callable(success_url) else success_url)
    return render(request, template, {**context, "form": form}, status=400 if form.is_bound else 200)


def _delete(request, obj, context, success_url, deleted_message, blocked_message=None):
    """Deletion is soft: the object goes to the trash (xaso.plans.trash), restorable by an officer."""
    if request.method == "POST":
        if blocked_message:
            messages.error(request, blocked_message)
            return HttpResponseRedirect(success_url)
        trash.soft_delete(obj, request.user)
        messages.success(request, deleted_message)
        return HttpResponseRedirect(success_url)
    return render(request, "plans/confirm_delete.html", {**context, "object": obj, "cancel_url": success_url})


# Communes -----------------------------------------------------------------------------------


@login_required
def commune_create(request, province_pk):
    province = access.get_province(request.user, province_pk, manage=True)
    form = CommuneForm(request.POST or None, province=province, instance=Commune(province=province))
    return _edit(request, form, "plans/form.html", {"title": "Thêm xã", "back": province},
                 reverse("province_detail", args=[province.pk]), "Đã thêm xã và các đơn vị mặc định.")


@login_required
def commune_edit(request, pk):
    commune = access.get_commune(request.user, pk, edit=True)
    form = CommuneForm(request.POST or None, instance=commune)
    return _edit(request, form, "plans/form.html", {"title": f"Sửa {commune}", "back": commune},
                 reverse("commune_detail", args=[commune.pk]), "Đã lưu.")


# Units --------------------------------------------------------------------------------------


@login_required
def unit_create(request, commune_pk):
    commune = access.get_commune(request.user, commune_pk, edit=True)
    form = UnitForm(request.POST or None, commune=commune, instance=Unit(commune=commune))
    return _edit(request, form, "plans/form.html", {"title": "Thêm đơn vị", "back": commune},
                 reverse("commune_detail", args=[commune.pk]), "Đã thêm đơn vị.")


@login_required
def unit_edit(request, pk):
    unit = access.get_unit(request.user, pk, edit=True)
    form = UnitForm(request.POST or None, instance=unit)
    return _edit(request, form, "plans/form.html", {"title": f"Sửa đơn vị {unit.name}", "back": unit.commune},
                 reverse("commune_detail", args=[unit.commune_id]), "Đã lưu đơn vị.")


@login_required
def unit_delete(request, pk):
    unit = access.get_unit(request.user, pk, edit=True)
    blocked = "Không thể xóa đơn vị đang chủ trì nhiệm vụ: hãy giao nhiệm vụ cho đơn vị khác trước." \
        if unit.led_tasks.exists() else None
    return _delete(request, unit, {"title": f"Xóa đơn vị {unit.name}"},
                   reverse("commune_detail", args=[unit.commune_id]), "Đã xóa đơn vị.", blocked)


# Plans --------------------------------------------------------------------------------------


@login_required
def plan_create(request, commune_pk):
    commune = access.get_commune(request.user, commune_pk, edit=True)
    form = PlanForm(request.POST or None, commune=commune, instance=Plan(commune=commune))
    return _edit(request, form, "plans/form.html", {"title": "Thêm kế hoạch", "back": commune},
                 lambda plan: reverse("plan_detail", args=[plan.pk]), "Đã tạo kế hoạch.")


@login_required
def plan_edit(request, pk):
    plan = access.get_plan(request.user, pk, edit=True)
    form = PlanForm(request.POST or None, instance=plan)
    return _edit(request, form, "plans/form.html", {"title": "Sửa thông tin kế hoạch", "back": plan},
                 reverse("plan_detail", args=[plan.pk]), "Đã lưu kế hoạch.")


@login_required
def plan_delete(request, pk):
    plan = access.get_plan(request.user, pk, edit=True)
    return _delete(request, plan, {"title": f"Xóa kế hoạch “{plan}”"},
                   reverse("commune_detail", args=[plan.commune_id]), "Đã xóa kế hoạch.")


# Indicators ---------------------------------------------------------------------------------


@login_required
def indicator_create(request, plan_pk):
    plan = access.get_plan(request.user, plan_pk, edit=True)
    form = IndicatorForm(request.POST or None, instance=Indicator(plan=plan, position=plan.indicators.count() + 1))
    return _edit(request, form, "plans/form.html", {"title": "Thêm chỉ tiêu", "back": plan},
                 reverse("plan_detail", args=[plan.pk]) + "#indicators", "Đã thêm chỉ tiêu.")


@login_required
def indicator_edit(request, pk):
    indicator = access.get_indicator(request.user, pk, edit=True)
    form = IndicatorForm(request.POST or None, instance=indicator)
    return _edit(request, form, "plans/form.html", {"title": "Sửa chỉ tiêu", "back": indicator.plan},
                 reverse("plan_detail", args=[indicator.plan_id]) + "#indicators", "Đã lưu chỉ tiêu.")


@login_required
def indicator_delete(request, pk):
    indicator = access.get_indicator(request.user, pk, edit=True)
    return _delete(request, indicator, {"title": "Xóa chỉ tiêu"},
                   reverse("plan_detail", args=[indicator.plan_id]) + "#indicators", "Đã xóa chỉ tiêu.")


# Tasks --------------------------------------------------------------------------------------


@login_required
def task_create(request, plan_pk):
    plan = access.get_plan(request.user, plan_pk, edit=True)
    form = TaskForm(request.POST or None, plan=plan, instance=Task(plan=plan, position=plan.tasks.count() + 1))
    return _edit(request, form, "plans/form.html", {"title": "Thêm nhiệm vụ", "back": plan},
                 reverse("plan_detail", args=[plan.pk]) + "#tasks", "Đã thêm nhiệm vụ.")


@login_required
def task_edit(request, pk):
    task = access.get_task(request.user, pk, edit=True)
    form = TaskForm(request.POST or None, instance=task)
    return _edit(request, form, "plans/form.html", {"title": "Sửa nhiệm vụ", "back": task.plan},
                 reverse("plan_detail", args=[task.plan_id]) + "#tasks", "Đã lưu nhiệm vụ.")


@login_required
def task_delete(request, pk):
    task = access.get_task(request.user, pk, edit=True)
    return _delete(request, task, {"title": "Xóa nhiệm vụ"},
                   reverse("plan_detail", args=[task.plan_id]) + "#tasks", "Đã xóa nhiệm vụ.")


@login_required
def commune_delete(request, pk):
    commune = access.get_commune(request.user, pk)
    access.get_province(request.user, commune.province_id, manage=True)
    return _delete(request, commune, {"title": f"Xóa {commune}"}, reverse("province_detail", args=[commune.province_id]),
                   "Đã xóa xã cùng các đơn vị và kế hoạch của xã.")
