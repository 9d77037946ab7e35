"""Which reports count, as SQL: each task's and indicator's latest accepted figures, either all of them
(kept on the row itself, refreshed in one UPDATE per set) or those known on a given day (computed when a
past period is asked for).

"Known on a day" is the rule of a period's figures: an accepted report counts for the period when it was
submitted by the end of that day and is for a period that had begun by then (that period or an earlier
one). A report sent late, or a later period's report, belongs to the next figures, not to these.

The review write path refreshes one item and the demo generator thousands, both through the same SQL;
xaso.tracking.figures reads either the kept columns (today) or these expressions (a past day).
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from xaso.core.calendar import Calendar
from xaso.core.periods import KINDS, periods_of_year

from .models import ACCEPTED, IndicatorValue, TaskReport

# The columns written here, outside any edit: the history page leaves them out of "before → after".
DERIVED_FIELDS = frozenset({"reported_status", "reported_percent", "reported_done_on", "reported_periods",
                            "latest_value", "latest_period"})


def known_on(day: date, calendar: Calendar) -> Q:
    """Reports submitted by the end of `day` (local time), for periods begun by then (by the province's calendar:
    with a cut-off on the 15th, next year's first quarter has begun on 20 December)."""
    cutoff = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))
    return Q(submitted_at__lt=cutoff) & begun_by(day, calendar)


def begun_by(day: date, calendar: Calendar) -> Q:
    """Reports (or values) for a period begun by `day` in the province's calendar: any of an earlier year, and those
    of this year and the next whose first day has come."""
    return Q(period__in=begun_codes(day, calendar)) | Q(period__lt=str(day.year))


@lru_cache(maxsize=256)
def begun_codes(day: date, calendar: Calendar) -> tuple[str, ...]:
    """The codes of the periods of `day`'s year and the next begun by `day` (begun_by's list; computed once per
    process for a day and calendar, both immutable)."""
    return tuple(p.code for year in (day.year, day.year + 1) for kind in KINDS for p in periods_of_year(year, kind)
                 if calendar.first_day(p) <= day)


def _accepted(model, key: str, day: date | None, calendar: Calendar | None):
    accepted = model.objects.filter(**{key: OuterRef("pk")}, state=ACCEPTED)
    return accepted.filter(known_on(day, calendar)) if day else accepted


def task_progress(day: date | None = None, calendar: Calendar | None = None) -> dict:
    """Per task (an OuterRef to Task.pk): the latest accepted report's status, percent, completion date and
    id, and the number of periods with an accepted report; `day` limits them to what was known then."""
    accepted = _accepted(TaskReport, "task", day, calendar)
    latest = accepted.order_by("-period", "-version")
    periods = accepted.order_by().values("task").annotate(n=Count("period", distinct=True)).values("n")[:1]
    return {
        "status": Coalesce(Subquery(latest.values("status")[:1]), Value("")),
        "percent": Coalesce(Subquery(latest.values("percent")[:1]), Value(Decimal(0))),
        "done_on": Subquery(latest.values("done_on")[:1]),
        "periods": Coalesce(Subquery(periods, output_field=IntegerField()), Value(0)),
        "report": Subquery(latest.values("pk")[:1]),
    }


def indicator_progress(day: date | None = None, calendar: Calendar | None = None) -> dict:
    """Per indicator: the latest accepted value, its period and id; `day` limits them to what was known then."""
    latest = _accepted(IndicatorValue, "indicator", day, calendar).order_by("-period", "-version")
    return {
        "value": Subquery(latest.values("value")[:1]),
        "period": Coalesce(Subquery(latest.values("period")[:1]), Value("")),
        "entry": Subquery(latest.values("pk")[:1]),
    }


def refresh_tasks(tasks) -> int:
    now = task_progress()
    return tasks.update(reported_status=now["status"], reported_percent=now["percent"], reported_done_on=now["done_on"],
                        reported_periods=now["periods"])


def refresh_indicators(indicators) -> int:
    now = indicator_progress()
    return indicators.update(latest_value=now["value"], latest_period=now["period"])
