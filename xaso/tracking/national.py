"""The country's figures, one row per province: the sums of xaso.tracking.summary grouped by province in the
database, the provinces' reporting timeliness, and one indicator compared across provinces.

A fixed number of queries whatever the number of communes (one to choose each commune's plan, one task and one
report query per reporting cadence in use, one indicator query, one for the compared indicator), so 3,321
communes cost GROUP BYs, not loops. Each commune counts with its plan of the year as the province page counts it
(the issued one where there is one, else the draft).

Timeliness of a period: each task with a lead unit, begun by the period's end and not finished in an earlier
period (an accepted "done" report known at the period's end), expects one report from its lead unit for the
period. It is sent when that unit has sent it (any state but draft, until today: a past period's late reports
count as sent, not as on time), on time when sent by the period's report deadline
(xaso.core.periods.Period.report_due).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, Exists, F, OuterRef, Q
from django.utils import timezone

from xaso.core import areas, status
from xaso.core.periods import Period, period_of
from xaso.plans.models import Indicator, Plan, Province, Task

from .figures import as_of, indicator_progress
from .models import ACCEPTED, DRAFT, TaskReport
from .progress import known_on
from .summary import AreaSums, AreaTotals, area_sums

PROVINCE = "plan__commune__province_id"


@dataclass
class ProvinceFigures(AreaTotals):
    province: Province
    communes: int = 0  # communes with a plan of the year
    by_code: dict[str, AreaSums] = field(default_factory=lambda: defaultdict(AreaSums))
    expected: int = 0  # unit reports expected for the period
    sent: int = 0
    on_time: int = 0

    def area_score(self, code: str) -> float | None:
        sums = self.by_code.get(code)
        return round(sums.score / sums.items, 1) if sums and sums.items else None

    @property
    def sent_share(self) -> float | None:
        return round(100.0 * self.sent / self.expected, 1) if self.expected else None

    @property
    def on_time_share(self) -> float | None:
        return round(100.0 * self.on_time / self.expected, 1) if self.expected else None


@dataclass
class IndicatorComparison:
    """One indicator (by its text) across provinces: how many communes have it, have a value, met the target."""

    province: Province
    communes: int = 0
    with_value: int = 0
    met: int = 0
    mean: Decimal | None = None

    @property
    def met_share(self) -> float | None:
        return round(100.0 * self.met / self.with_value, 1) if self.with_value else None


def chosen_plans(year: int) -> list[tuple[int, int, str, int]]:
    """(plan id, year, cadence, province id) of each commune's plan of the year, in one query."""
    chosen = {}
    for plan_id, commune_id, cadence, province_id in (
            Plan.objects.filter(year=year, commune__deleted_at__isnull=True).order_by("commune_id", "-status", "id")
            .values_list("id", "commune_id", "report_cadence", "commune__province_id")):
        chosen.setdefault(commune_id, (plan_id, year, cadence, province_id))
    return list(chosen.values())


def _cutoff(day: date):
    """The first instant after `day`, local time: a report sent before it was sent by that day."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def timeliness(plans: list[tuple[int, int, str, int]], today: date, period: Period | None = None) -> dict:
    """Province id → (expected, sent, on time) unit reports of the period running on the figures' day: one
    query per cadence in use."""
    day = as_of(today, period)
    result: dict = defaultdict(lambda: [0, 0, 0])
    by_cadence = defaultdict(list)
    for plan_id, year, cadence, _ in plans:
        by_cadence[cadence].append(plan_id)
    for cadence, ids in by_cadence.items():
        running = period_of(day, cadence)
        finished_before = TaskReport.objects.filter(task=OuterRef("pk"), state=ACCEPTED, status=status.DONE,
                                                    period__lt=running.code)
        reports = TaskReport.objects.filter(task=OuterRef("pk"), unit=OuterRef("lead_unit"), period=running.code
                                            ).exclude(state=DRAFT)
        if day < today:
            finished_before = finished_before.filter(known_on(day))
        rows = (Task.objects.filter(plan_id__in=ids, lead_unit__isnull=False)
                .filter(Q(start_date__isnull=True) | Q(start_date__lte=running.end))
                .exclude(Exists(finished_before))
                .values(PROVINCE).order_by()
                .annotate(expected=Count("id"), sent=Count("id", filter=Exists(reports)),
                          on_time=Count("id", filter=Exists(reports.filter(submitted_at__lt=_cutoff(running.report_due)))))
                .values_list(PROVINCE, "expected", "sent", "on_time"))
        for province_id, expected, sent, on_time in rows:
            counts = result[province_id]
            counts[0] += expected
            counts[1] += sent
            counts[2] += on_time
    return result


def national_figures(plans: list[tuple[int, int, str, int]], today: date, period: Period | None = None,
                     ) -> list[ProvinceFigures]:
    """Every province with a chosen plan (chosen_plans), ranked by score (best first, then by name)."""
    provinces = {p.pk: ProvinceFigures(p) for p in Province.objects.filter(pk__in={row[3] for row in plans})}
    for _, _, _, province_id in plans:
        provinces[province_id].communes += 1
    for province_id, by_code in area_sums([row[:3] for row in plans], PROVINCE, today, period).items():
        provinces[province_id].by_code.update(by_code)
    for province_id, (expected, sent, on_time) in timeliness(plans, today, period).items():
        figures = provinces[province_id]
        figures.expected, figures.sent, figures.on_time = expected, sent, on_time
    return sorted(provinces.values(), key=lambda f: (-(f.score if f.score is not None else -1), f.province.name))


def indicator_texts(plans: list[tuple[int, int, str, int]]) -> list[str]:
    """The indicators' texts of the chosen plans, each once, to pick one to compare."""
    return list(Indicator.objects.filter(plan_id__in=[row[0] for row in plans]).order_by("text")
                .values_list("text", flat=True).distinct())


def compare_indicator(text: str, plans: list[tuple[int, int, str, int]], ranking: list[ProvinceFigures], today: date,
                      period: Period | None = None) -> list[IndicatorComparison]:
    """The indicator `text` in each province (in the ranking's order), as of `period`'s end: the communes whose
    plan has it, those with a value, those that met the target (xaso.core.status.indicator_status's rule) and
    the mean value, over the chosen plans (chosen_plans). One query."""
    day = as_of(today, period)
    met = (Q(comparator="<=", as_of_value__lte=F("target_value")) | Q(comparator=">=", as_of_value__gte=F("target_value")))
    judged = Q(as_of_value__isnull=False, target_value__isnull=False) & ~Q(comparator="") & (
        Q(span_end__isnull=True) | Q(span_end__lte=day.year))
    rows = (Indicator.objects.filter(text=text, plan_id__in=[row[0] for row in plans])
            .annotate(**indicator_progress(day, today)).values(PROVINCE).order_by()
            .annotate(n=Count("id"), valued=Count("id", filter=Q(as_of_value__isnull=False)),
                      met=Count("id", filter=judged & met), mean=Avg("as_of_value"))
            .values_list(PROVINCE, "n", "valued", "met", "mean"))
    found = {province_id: (n, valued, met_count, mean) for province_id, n, valued, met_count, mean in rows}
    result = []
    for figures in ranking:
        n, valued, met_count, mean = found.get(figures.province.pk, (0, 0, 0, None))
        result.append(IndicatorComparison(figures.province, n, valued, met_count,
                                          None if mean is None else Decimal(mean).quantize(Decimal("0.01"))))
    return result


def heat_areas() -> list[tuple[str, str]]:
    return [(code, label) for code, label in areas.AREAS if code != areas.OTHER]
