"""Progress history for the demo generator: a province in the middle of its year, with accepted
reports, some tasks late, some targets met, some reports returned or waiting for review."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, prefetch_related_objects
from django.utils import timezone

from xaso.core import budget, status
from xaso.plans.demo import GENERATED, history_in_sql, insert_rows
from xaso.plans.models import Indicator, Task

from . import calendars, progress
from .models import ACCEPTED, RETURNED, SUBMITTED, IndicatorValue, TaskReport


@transaction.atomic
def add_progress(plans, today: date, seed: int = 7) -> tuple[int, int]:
    """Reports for every closed period (and the current one in its reminder week), each sent in the window of the
    province's calendar (a few late, none after entry locks); returns counts."""
    plans = list(plans)
    prefetch_related_objects(plans, "tasks", "indicators", "commune__units")  # three queries, not three per plan
    calendar_of = calendars.calendars_by_province(plan.commune.province_id for plan in plans)
    rng = random.Random(seed)
    when = _Stamps(random.Random(seed + 1), today)  # its own generator: the reports stay those of the seed
    reports, values = [], []
    focal_units: dict[int, int] = {}
    for plan in plans:
        calendar = calendar_of[plan.commune.province_id]
        periods = calendar.closed(plan.year, plan.report_cadence, today)
        current = calendar.period_of(today, plan.report_cadence)
        if current.year == plan.year and current not in periods and today >= calendar.reminds(current):
            periods.append(current)
        laggard = rng.random() < 0.25  # a quarter of communes fall behind
        for task in plan.tasks.all():
            if not task.lead_unit_id:
                continue
            skip_from = rng.randint(1, max(1, len(periods))) if laggard and rng.random() < 0.5 else None
            percent = 0
            for index, period in enumerate(periods, start=1):
                if skip_from and index >= skip_from:
                    break
                percent = min(90, percent + rng.choice([20, 30, 40, 50]))  # 100 only with "done" (below)
                finished = (task.due_date and not task.recurring and calendar.last_day(period) >= task.due_date
                            and percent >= 80)
                last = index == len(periods)
                state = ACCEPTED
                if last and rng.random() < 0.12:
                    state = RETURNED
                elif last and rng.random() < 0.15:
                    state = SUBMITTED
                done = finished and rng.random() < 0.8
                sent, reviewed = when.sent_and_reviewed(period, calendar)
                reports.append(dict(
                    task_id=task.pk, unit_id=task.lead_unit_id, period=period.code, version=1, state=state,
                    status=status.DONE if done else status.IN_PROGRESS, percent=100 if done else percent,
                    done_on=min(task.due_date + timedelta(days=rng.choice([-20, -5, 0, 10])), calendar.last_day(period)) if done else None,
                    achievements="Đã triển khai theo kế hoạch, cập nhật số liệu kỳ báo cáo.",
                    difficulties=rng.choice(["", "Thiếu kinh phí", "Người dân lớn tuổi chưa quen dịch vụ số"]),
                    submitted_at=sent, reviewed_at=reviewed if state != SUBMITTED else None,
                    review_comment="Bổ sung minh chứng số liệu" if state == RETURNED else "",
                    delay_reason="", proposals="", created_at=when.now, updated_at=when.now,
                    **_spent(task),
                ))
                if done:
                    break
        for indicator in plan.indicators.all():
            if indicator.target_value is None or indicator.baseline_value is None or not periods:
                continue
            gain = (indicator.target_value - indicator.baseline_value) * Decimal(str(rng.uniform(0.5, 1.2)))
            # a count (classes, posts) stays whole where its baseline and target are
            step = Decimal("1") if indicator.unit != "%" and all(
                v == v.to_integral() for v in (indicator.target_value, indicator.baseline_value)) else Decimal("0.01")
            for index, period in enumerate(periods, start=1):
                value = indicator.baseline_value + gain * index / len(periods)
                if indicator.unit == "%":
                    value = min(Decimal(100), value)
                sent, reviewed = when.sent_and_reviewed(period, calendar)
                values.append(dict(
                    indicator_id=indicator.pk, unit_id=_focal_unit(plan, focal_units),
                    period=period.code, version=1, state=ACCEPTED, value=value.quantize(step),
                    source="Báo cáo của đơn vị", measured_on=calendar.last_day(period), submitted_at=sent, reviewed_at=reviewed,
                    review_comment="", numerator=None, denominator=None, created_at=when.now, updated_at=when.now))
    plan_ids = [plan.pk for plan in plans]
    for model, rows, path in ((TaskReport, reports, "task__plan_id__in"), (IndicatorValue, values, "indicator__plan_id__in")):
        after = model.objects.aggregate(last=Max("pk"))["last"] or 0
        insert_rows(model, rows)
        history_in_sql(model, model.objects.filter(pk__gt=after, **{path: plan_ids}), GENERATED)
    progress.refresh_tasks(Task.objects.filter(plan_id__in=plan_ids))
    progress.refresh_indicators(Indicator.objects.filter(plan_id__in=plan_ids))
    return len(reports), len(values)


class _Stamps:
    """When a unit sent a period's report and the officer reviewed it: most in the report window, about one
    in ten up to three weeks late, reviewed within five days; never after `today` (nor now)."""

    def __init__(self, rng: random.Random, today: date):
        self.rng, self.today, self.now = rng, today, timezone.now()

    def sent_and_reviewed(self, period, calendar):
        day = calendar.reminds(period) + timedelta(days=self.rng.randint(0, 6))
        if self.rng.random() < 0.1:
            day = calendar.deadline(period) + timedelta(days=self.rng.randint(1, 21))
        day = min(day, calendar.locks(period) - timedelta(days=1), self.today)
        reviewed = min(day + timedelta(days=self.rng.randint(0, 5)), self.today)
        return self._at(day, 9 + self.rng.randint(0, 7)), self._at(reviewed, 16)

    def _at(self, day: date, hour: int):
        return min(timezone.make_aware(datetime.combine(day, time(hour))), self.now)


def _focal_unit(plan, cache: dict[int, int]) -> int:
    """Indicator values are reported by the commune's culture-and-society office (the DX focal point)."""
    if plan.commune_id not in cache:
        units = list(plan.commune.units.all())
        cache[plan.commune_id] = next((u for u in units if "Văn hóa" in u.name), units[0]).pk
    return cache[plan.commune_id]


def _spent(task) -> dict:
    """A fifth of the task's budget spent in each reported period, from the source its plan names (no draw from
    the generator's random sequence, so the rest of the demo stays as it was)."""
    if not task.budget_million_vnd:
        return {"spent_million_vnd": None, "spent_source": ""}
    source = budget.source_of(task.budget_source)
    return {"spent_million_vnd": (task.budget_million_vnd / 5).quantize(Decimal("0.01")),
            "spent_source": source if source in dict(budget.SOURCES) else budget.OTHER}
