"""The country's figures, one row per province: the sums of xaso.tracking.summary grouped by province in the
database, the provinces' reporting timeliness, and one indicator compared across provinces.

A fixed number of queries whatever the number of communes (one to choose each commune's plan, then each plan's
standing: today's read from the rows xaso.tracking.snapshots keeps, a past period's computed by GROUP BYs; one for
the compared indicator), so 3,321 communes cost a read, not loops. Each commune counts with its plan of the year as the province page counts it
(the issued one where there is one, else the draft).

Timeliness follows the one rule of xaso.tracking.timeliness; each province's figures follow its own reporting
calendar (xaso.tracking.calendars).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Avg, Count, F, Q

from xaso.core import areas
from xaso.core.calendar import Calendar
from xaso.core.periods import Period
from xaso.plans.models import Indicator, Plan, Province

from . import calendars, snapshots, timeliness
from .figures import as_of, indicator_progress
from .summary import AreaSums, AreaTotals

PROVINCE = "plan__commune__province_id"


@dataclass
class ProvinceFigures(AreaTotals):
    province: Province
    communes: int = 0  # communes with a plan of the year
    by_code: dict[str, AreaSums] = field(default_factory=lambda: defaultdict(AreaSums))
    expected: int = 0  # unit reports expected for the period
    sent: int = 0
    on_time: int = 0
    year: timeliness.Counts = field(default_factory=timeliness.Counts)  # over the year's due periods

    def area_score(self, code: str) -> float | None:
        sums = self.by_code.get(code)
        return round(sums.score / sums.items, 1) if sums and sums.items else None

    @property
    def sent_share(self) -> float | None:
        return timeliness.share(self.sent, self.expected)

    @property
    def on_time_share(self) -> float | None:
        return timeliness.share(self.on_time, self.expected)


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
        return timeliness.share(self.met, self.with_value)


def chosen_plans(year: int) -> list[tuple[int, int, str, int]]:
    """(plan id, year, cadence, province id) of each commune's plan of the year, in one query."""
    chosen = {}
    for plan_id, commune_id, cadence, province_id in (
            Plan.objects.filter(year=year, commune__deleted_at__isnull=True).order_by("commune_id", "-status", "id")
            .values_list("id", "commune_id", "report_cadence", "commune__province_id")):
        chosen.setdefault(commune_id, (plan_id, year, cadence, province_id))
    return list(chosen.values())


def with_calendars(plans: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, Calendar]]:
    """The chosen plans as summary and timeliness take them: (id, year, cadence, the province's calendar); one query."""
    found = calendars.calendars_by_province(row[3] for row in plans)
    return [(plan_id, year, cadence, found[province_id]) for plan_id, year, cadence, province_id in plans]


def national_figures(plans: list[tuple[int, int, str, int]], today: date, period: Period | None = None,
                     ) -> list[ProvinceFigures]:
    """Every province with a chosen plan (chosen_plans), ranked by score (best first, then by name)."""
    provinces = {p.pk: ProvinceFigures(p) for p in Province.objects.filter(pk__in={row[3] for row in plans})}
    province_of = {plan_id: province_id for plan_id, _, _, province_id in plans}
    dated = with_calendars(plans)
    if period is None:
        found = snapshots.kept(dated, today, budget=False)  # the national page shows no budget
    else:
        found = snapshots.standings(dated, today, period, budget=False)
    for plan_id, standing in found.items():
        figures = provinces[province_of[plan_id]]
        figures.communes += 1
        for code, sums in standing.by_code.items():
            figures.by_code[code].add(sums)
        figures.expected += standing.now.expected
        figures.sent += standing.now.sent
        figures.on_time += standing.now.on_time
        figures.year.add(standing.year)
    return sorted(provinces.values(), key=lambda f: (-(f.score if f.score is not None else -1), f.province.name))


def indicator_texts(plans: list[tuple[int, int, str, int]]) -> list[str]:
    """The indicators' texts of the chosen plans, each once, to pick one to compare."""
    return list(Indicator.objects.filter(plan_id__in=[row[0] for row in plans]).order_by("text")
                .values_list("text", flat=True).distinct())


def compare_indicator(text: str, plans: list[tuple[int, int, str, int]], ranking: list[ProvinceFigures], today: date,
                      period: Period | None = None) -> list[IndicatorComparison]:
    """The indicator `text` in each province (in the ranking's order), as of `period`'s end: the communes whose
    plan has it, those with a value, those that met the target (xaso.core.status.indicator_status's rule) and
    the mean value, over the chosen plans (chosen_plans). One query per calendar in use (and one to read them)."""
    met = (Q(comparator="<=", as_of_value__lte=F("target_value")) | Q(comparator=">=", as_of_value__gte=F("target_value")))
    by_calendar = defaultdict(list)
    for plan_id, _, _, calendar in with_calendars(plans):
        by_calendar[calendar].append(plan_id)
    found = {}
    for calendar, ids in by_calendar.items():
        day = as_of(today, period, calendar)
        judged = Q(as_of_value__isnull=False, target_value__isnull=False) & ~Q(comparator="") & (
            Q(span_end__isnull=True) | Q(span_end__lte=day.year))
        rows = (Indicator.objects.filter(text=text, plan_id__in=ids)
                .annotate(**indicator_progress(day, today, calendar)).values(PROVINCE).order_by()
                .annotate(n=Count("id"), valued=Count("id", filter=Q(as_of_value__isnull=False)),
                          met=Count("id", filter=judged & met), mean=Avg("as_of_value"))
                .values_list(PROVINCE, "n", "valued", "met", "mean"))
        found.update({province_id: (n, valued, met_count, mean) for province_id, n, valued, met_count, mean in rows})
    result = []
    for figures in ranking:
        n, valued, met_count, mean = found.get(figures.province.pk, (0, 0, 0, None))
        result.append(IndicatorComparison(figures.province, n, valued, met_count,
                                          None if mean is None else Decimal(mean).quantize(Decimal("0.01"))))
    return result


def heat_areas() -> list[tuple[str, str]]:
    return [(code, label) for code, label in areas.AREAS if code != areas.OTHER]
