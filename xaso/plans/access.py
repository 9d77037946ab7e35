"""Who may see and change what: the one place pages (and later the API) ask.

Until roles land, every signed-in, active user may read and edit; pages call these helpers
at their top so that the rules can tighten here without touching a view.
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
