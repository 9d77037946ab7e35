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
