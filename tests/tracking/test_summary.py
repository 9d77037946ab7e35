"""The province's SQL aggregates give the same figures as the status engine, on generated data, today and as
of a past period's end."""

from datetime import date

import pytest
from django.core.management import call_command

from xaso.core.periods import parse_period
from xaso.plans.models import Plan
from xaso.tracking.figures import figures_for_plans
from xaso.tracking.summary import summarise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("periods,today,period", [
    (4, date(2026, 11, 22), None), (12, date(2026, 8, 3), None), (4, date(2026, 2, 1), None),
    (4, date(2026, 11, 22), "2026-Q2"), (12, date(2026, 8, 3), "2026-M05"), (4, date(2026, 11, 22), "2026-H1")])
def test_sql_aggregates_match_the_status_engine(periods, today, period, monkeypatch, clock):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: today)
    clock(today, hour=18)
    call_command("demo_data", communes=4, year=2026, periods=periods)
    plans = list(Plan.objects.all())
    engine = figures_for_plans(plans, today, period=parse_period(period) if period else None)
    sql = summarise(plans, today, parse_period(period) if period else None)
    for plan in plans:
        f, s = engine[plan.pk], sql[plan.pk]
        assert s.score == pytest.approx(f.score, abs=0.11)  # both rounded to one decimal from float sums
        assert [c for c, *_ in s.by_area()] == [c for c, *_ in f.by_area()]
        assert [v for _, _, v, _ in s.by_area()] == pytest.approx([v for _, _, v, _ in f.by_area()], abs=0.11)
        assert s.late_count == len(f.overdue) and s.task_count == len(f.tasks)
        assert s.done_count == f.count("done", "done_late")


def _at(day):
    from datetime import datetime, time

    from django.utils import timezone

    return timezone.make_aware(datetime.combine(day, time(10)))


@pytest.mark.parametrize("period", [None, "2026-Q3"], ids=["today", "past"])
def test_no_score_passes_100_and_whole_numbers_divide_exactly(plan, period, clock):
    """A recurring task reported in every quarter, the running one too (on 22/11/2026: three due), scores 100, not
    133,3; an indicator at 16 of its target 24 (whole numbers, which SQLite would divide as integers) scores 66,7, not
    66. The commune's page (the engine) and the province's sums (SQL) say the same."""
    from decimal import Decimal

    from xaso.plans.models import Indicator
    from xaso.tracking.models import ACCEPTED, IndicatorValue, TaskReport
    from xaso.tracking.progress import refresh_indicators, refresh_tasks

    today = date(2026, 11, 22)
    clock(today, hour=18)
    recurring = plan.tasks.get(name="Tuyên truyền về chuyển đổi số")
    assert recurring.recurring
    for quarter in (1, 2, 3, 4):
        TaskReport.objects.create(task=recurring, unit=recurring.lead_unit, period=f"2026-Q{quarter}", state=ACCEPTED,
                                  status="in_progress", percent=50, submitted_at=_at(date(2026, 3 * quarter - 1, 1)))
    classes = Indicator(plan=plan, position=2, area="awareness", text="Số lớp tập huấn kỹ năng số")
    classes.apply_target("≥ 24 lớp")
    classes.save()
    assert classes.target_value == 24
    IndicatorValue.objects.create(indicator=classes, unit=recurring.lead_unit, period="2026-Q2", state=ACCEPTED,
                                  value=Decimal(16), measured_on=date(2026, 6, 1), submitted_at=_at(date(2026, 6, 2)))
    refresh_tasks(plan.tasks.all())
    refresh_indicators(plan.indicators.all())
    asked = parse_period(period) if period else None
    engine = figures_for_plans([plan], today, period=asked)[plan.pk]
    sql = summarise([plan], today, asked)[plan.pk]
    rows = {row.task.name: row.score for row in engine.tasks}
    assert rows["Tuyên truyền về chuyển đổi số"] == 100.0
    assert next(row.score for row in engine.indicators if row.indicator.id == classes.pk) == pytest.approx(66.67, abs=0.01)
    engine_areas = {code: score for code, _, score, _ in engine.by_area()}
    sql_areas = {code: score for code, _, score, _ in sql.by_area()}
    assert engine_areas["awareness"] == sql_areas["awareness"] == pytest.approx((100 + 66.67) / 2, abs=0.05)
    assert all(score <= 100 for score in [*engine_areas.values(), *sql_areas.values(), engine.score, sql.score])
