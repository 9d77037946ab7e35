"""The province's SQL aggregates give the same figures as the status engine, on generated data."""

from datetime import date

import pytest
from django.core.management import call_command

from xaso.plans.models import Plan
from xaso.tracking.figures import figures_for_plans
from xaso.tracking.summary import summarise

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("periods,today", [(4, date(2026, 11, 22)), (12, date(2026, 8, 3)), (4, date(2026, 2, 1))])
def test_sql_aggregates_match_the_status_engine(periods, today, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: today)
    call_command("demo_data", communes=4, year=2026, periods=periods)
    plans = list(Plan.objects.all())
    engine = figures_for_plans(plans, today)
    sql = summarise(plans, today)
    for plan in plans:
        f, s = engine[plan.pk], sql[plan.pk]
        assert s.score == pytest.approx(f.score, abs=0.11)  # both rounded to one decimal from float sums
        assert [c for c, *_ in s.by_area()] == [c for c, *_ in f.by_area()]
        assert [v for _, _, v, _ in s.by_area()] == pytest.approx([v for _, _, v, _ in f.by_area()], abs=0.11)
        assert s.late_count == len(f.overdue) and s.task_count == len(f.tasks)
        assert s.done_count == f.count("done", "done_late")
