"""Every save and delete of a searchable object updates its entry, in the same transaction."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from xaso.plans.models import Indicator, Plan, Task
from xaso.tracking.models import TaskReport

from . import index

SEARCHED = (Plan, Indicator, Task, TaskReport)


# What a report's entry reads of its own row (xaso.search.index.describe): a save of other columns alone (a
# submission's state and date) leaves the entry as it is.
REPORT_TEXT = frozenset({"period", "task", "task_id", "unit", "unit_id", "achievements", "difficulties", "proposals",
                         "delay_reason", "review_comment"})


@receiver(post_save)
def _saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if sender in SEARCHED and not raw:
        if sender is TaskReport and update_fields is not None and not REPORT_TEXT & set(update_fields):
            return
        index.update(instance)
        if sender is Task:  # a task put in or out of the trash takes its reports along
            for report in instance.reports.select_related("task", "unit"):
                index.update(report)


def _deleted(sender, instance, **kwargs):
    index.remove(instance)


# Connected to each searched model, not to every model: a receiver for every model's deletes would make Django read
# and delete row by row whatever is deleted (the search entries themselves included), never in one statement.
for _model in SEARCHED:
    post_delete.connect(_deleted, sender=_model, dispatch_uid=f"search.deleted.{_model._meta.label_lower}")
