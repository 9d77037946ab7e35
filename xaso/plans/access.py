"""Who may see and change what: the one place pages (and later the API) ask.

Editing plans stays open to every signed-in, active user until the roles issue tightens it here;
reporting and reviewing already follow the user's membership (a unit's reporter, the commune's
DX officer; staff may do both).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from .models import Commune, Indicator, Plan, Province, Task, Unit


def can_edit(user, commune: Commune) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _require_edit(user, commune: Commune):
    if not can_edit(user, commune):
        raise PermissionDenied


def get_province(user, pk) -> Province:
    return get_object_or_404(Province, pk=pk)


def get_commune(user, pk, *, edit=False) -> Commune:
    commune = get_object_or_404(Commune.objects.select_related("province"), pk=pk)
    if edit:
        _require_edit(user, commune)
    return commune


def get_unit(user, pk, *, edit=False) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("commune__province"), pk=pk)
    if edit:
        _require_edit(user, unit.commune)
    return unit


def get_plan(user, pk, *, edit=False) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("commune__province"), pk=pk)
    if edit:
        _require_edit(user, plan.commune)
    return plan


def get_indicator(user, pk, *, edit=False) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("plan__commune__province"), pk=pk)
    if edit:
        _require_edit(user, indicator.plan.commune)
    return indicator


def get_task(user, pk, *, edit=False) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan__commune__province"), pk=pk)
    if edit:
        _require_edit(user, task.plan.commune)
    return task


def membership(user):
    return getattr(user, "membership", None) if user.is_authenticated else None


def can_report_for(user, unit: Unit) -> bool:
    m = membership(user)
    if user.is_staff:
        return True
    return bool(m and (m.unit_id == unit.pk or (m.role == "commune_officer" and m.commune_id == unit.commune_id)))


def can_review(user, commune: Commune) -> bool:
    m = membership(user)
    return bool(user.is_staff or (m and m.role == "commune_officer" and m.commune_id == commune.pk))


def get_unit_for_reporting(user, pk) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("commune__province"), pk=pk)
    if not can_report_for(user, unit):
        raise PermissionDenied
    return unit


def get_commune_for_review(user, pk) -> Commune:
    commune = get_commune(user, pk)
    if not can_review(user, commune):
        raise PermissionDenied
    return commune
