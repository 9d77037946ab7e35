"""Pages of trust: the history of one object (who changed what, before and after) and the trash."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from xaso.core.numbers import format_number
from xaso.core.periods import label_of
from xaso.evaluation.models import Answer
from xaso.tracking.models import CommuneReport, IndicatorValue, TaskReport
from xaso.tracking.progress import DERIVED_FIELDS

from . import access, trash
from .models import Commune, Indicator, Plan, Task, Unit

# What has a history page, and how to find the commune whose viewers may read it.
TRACKED = {
    "commune": (Commune, lambda o: o),
    "unit": (Unit, lambda o: o.commune),
    "plan": (Plan, lambda o: o.commune),
    "indicator": (Indicator, lambda o: o.plan.commune),
    "task": (Task, lambda o: o.plan.commune),
    "report": (TaskReport, lambda o: o.unit.commune),
    "value": (IndicatorValue, lambda o: o.unit.commune),
    "answer": (Answer, lambda o: o.assessment.commune),  # a component of a commune's evaluation (xaso.evaluation)
    "commune_report": (CommuneReport, lambda o: o.commune),
}
KINDS = {"+": "Tạo mới", "~": "Sửa", "-": "Xóa hẳn"}
PERIOD_FIELDS = {"period", "latest_period"}  # hold a period's code ("2026-Q3"), shown as its label
YEAR_FIELDS = {"year", "span_start", "span_end"}  # 2026, not 2.026


def _display(field, value):
    """A stored value as the pages write it: labels for choices and periods, 1.234,5, dd/mm/yyyy."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if field.name in PERIOD_FIELDS:
        return label_of(value)
    if field.name in YEAR_FIELDS:
        return str(value)
    if field.is_relation and field.many_to_many:
        target = field.related_model
        names = target._base_manager.filter(pk__in=[row[target._meta.model_name] for row in value])
        return ", ".join(str(n) for n in names) or "—"
    if field.is_relation:
        obj = field.related_model._base_manager.filter(pk=value).first()
        return str(obj) if obj else f"#{value}"
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, (int, float, Decimal)):
        return format_number(value)
    if isinstance(value, datetime):
        return f"{timezone.localtime(value) if timezone.is_aware(value) else value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def entries(obj) -> list[dict]:
    """Every recorded version of obj, newest first, each with the fields it changed (before → after)."""
    records = list(obj.history.select_related("history_user").order_by("-history_date", "-history_id"))
    meta = type(obj)._meta
    rows = []
    for record, older in zip(records, [*records[1:], None]):
        delta = record.diff_against(older, excluded_fields=DERIVED_FIELDS).changes if older is not None else []
        changes = [(meta.get_field(c.field).verbose_name, _display(meta.get_field(c.field), c.old),
                    _display(meta.get_field(c.field), c.new)) for c in delta]
        kind = KINDS[record.history_type]
        # The trash stamp is not an editable field, so simple-history's diff leaves it out: compared here.
        if older is not None and getattr(record, "deleted_at", None) != getattr(older, "deleted_at", None):
            kind = "Xóa (vào thùng rác)" if record.deleted_at else "Khôi phục"
        rows.append({"when": record.history_date, "user": record.history_user, "kind": kind,
                     "reason": record.history_change_reason or "", "changes": changes})
    return rows


@login_required
def object_history(request, kind, pk):
    if kind not in TRACKED:
        raise Http404
    model, commune_of = TRACKED[kind]
    manager = getattr(model, "all_objects", model._base_manager)
    obj = get_object_or_404(manager, pk=pk)
    commune = commune_of(obj)
    # the commune's reports to the province are not a unit reporter's to read (access.can_view_commune_reports)
    readable = access.can_view_commune_reports if kind == "commune_report" else access.can_view
    if not readable(request.user, commune):
        raise PermissionDenied
    return render(request, "plans/history.html", {"object": obj, "kind_label": model._meta.verbose_name,
                                                  "entries": entries(obj), "commune": commune_of(obj)})


@login_required
def commune_trash(request, pk):
    commune = access.get_commune(request.user, pk, edit=True)
    return render(request, "plans/trash.html", {"commune": commune, "rows": trash.deleted_in(commune)})


@login_required
def province_trash(request, pk):
    province = access.get_province(request.user, pk, manage=True)
    rows = Commune.all_objects.filter(province=province, deleted_at__isnull=False).order_by("-deleted_at")
    return render(request, "plans/trash.html", {"province": province, "rows": rows})


@require_POST
@login_required
def restore(request, kind, pk):
    if kind not in trash.TRASHED:
        raise Http404
    obj = get_object_or_404(trash.TRASHED[kind].all_objects.filter(deleted_at__isnull=False), pk=pk)
    commune = TRACKED[kind][1](obj)
    allowed = (access.can_manage_communes(request.user, commune.province) if kind == "commune"
               else access.can_edit(request.user, commune))
    if not allowed:
        raise PermissionDenied
    try:
        trash.restore(obj, request.user)
    except trash.RestoreError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Đã khôi phục {obj._meta.verbose_name} “{obj}”.")
    if kind == "commune":
        return redirect("province_trash", pk=commune.province_id)
    return redirect("commune_trash", pk=commune.pk)
