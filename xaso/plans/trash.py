"""Soft deletion: what a delete puts in the trash, and how a restore brings it back.

A commune takes its units and plans with it, a plan its indicators and tasks; every row of one deletion
carries the same time stamp, so restoring the parent restores exactly what went with it and nothing that
was deleted on its own before. Each change is a save, so the history records who deleted and restored.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import Commune, Indicator, Plan, Task, Unit


class RestoreError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _children(obj) -> list:
    if isinstance(obj, Commune):
        plans = list(Plan.all_objects.filter(commune=obj))
        return [*Unit.all_objects.filter(commune=obj), *plans, *(c for p in plans for c in _children(p))]
    if isinstance(obj, Plan):
        return [*Indicator.all_objects.filter(plan=obj), *Task.all_objects.filter(plan=obj)]
    return []


def _mark(obj, when, user, reason):
    obj.deleted_at, obj.deleted_by = when, user if when else None
    obj._change_reason, obj._history_user = reason, user
    obj.save(update_fields=["deleted_at", "deleted_by"])


def soft_delete(obj, user) -> None:
    when = timezone.now()
    with transaction.atomic():
        for child in _children(obj):
            if child.deleted_at is None:
                _mark(child, when, user, "Xóa cùng " + obj._meta.verbose_name)
        _mark(obj, when, user, "Xóa")


def _parent(obj):
    if isinstance(obj, (Unit, Plan)):
        return Commune.all_objects.get(pk=obj.commune_id)
    if isinstance(obj, (Indicator, Task)):
        return Plan.all_objects.get(pk=obj.plan_id)
    return None


def restore(obj, user) -> None:
    parent = _parent(obj)
    if parent is not None and parent.deleted_at is not None:
        raise RestoreError(f"Hãy khôi phục {parent._meta.verbose_name} “{parent}” trước.")
    when = obj.deleted_at
    try:
        with transaction.atomic():
            _mark(obj, None, user, "Khôi phục")
            for child in _children(obj):
                if child.deleted_at == when:
                    _mark(child, None, user, "Khôi phục cùng " + obj._meta.verbose_name)
    except IntegrityError:
        raise RestoreError(f"Không khôi phục được “{obj}”: đã có {obj._meta.verbose_name} khác trùng tên "
                           "hoặc trùng năm đã ban hành. Hãy đổi tên hoặc xóa bản trùng trước.") from None


TRASHED = {"commune": Commune, "unit": Unit, "plan": Plan, "indicator": Indicator, "task": Task}


def deleted_in(commune: Commune) -> list:
    """What an officer of the commune can restore, newest deletion first."""
    rows = [*Unit.all_objects.filter(commune=commune, deleted_at__isnull=False),
            *Plan.all_objects.filter(commune=commune, deleted_at__isnull=False),
            *Indicator.all_objects.filter(plan__commune=commune, deleted_at__isnull=False).select_related("plan"),
            *Task.all_objects.filter(plan__commune=commune, deleted_at__isnull=False).select_related("plan")]
    return sorted(rows, key=lambda row: row.deleted_at, reverse=True)
