"""Keep each task's and indicator's latest accepted figures on the row itself, in one UPDATE per set.

Called by the review write path for one item and by the demo generator for thousands, so both go
through the same SQL.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from .models import ACCEPTED, IndicatorValue, TaskReport

# The columns written here, outside any edit: the history page leaves them out of "before → after".
DERIVED_FIELDS = frozenset({"reported_status", "reported_percent", "reported_done_on", "reported_periods",
                            "latest_value", "latest_period"})


def refresh_tasks(tasks) -> int:
    latest = TaskReport.objects.filter(task=OuterRef("pk"), state=ACCEPTED).order_by("-period", "-version")
    periods = (TaskReport.objects.filter(task=OuterRef("pk"), state=ACCEPTED).order_by().values("task")
               .annotate(n=Count("period", distinct=True)).values("n")[:1])
    return tasks.update(
        reported_status=Coalesce(Subquery(latest.values("status")[:1]), Value("")),
        reported_percent=Coalesce(Subquery(latest.values("percent")[:1]), Value(Decimal(0))),
        reported_done_on=Subquery(latest.values("done_on")[:1]),
        reported_periods=Coalesce(Subquery(periods, output_field=IntegerField()), Value(0)),
    )


def refresh_indicators(indicators) -> int:
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk"), state=ACCEPTED).order_by("-period", "-version")
    return indicators.update(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_period=Coalesce(Subquery(latest.values("period")[:1]), Value("")),
    )
