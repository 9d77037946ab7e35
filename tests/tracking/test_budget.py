"""Planned against spent as the pages and reports read it (xaso.tracking.budget): a report states what was spent in
its period alone; a task's spending to date sums the latest accepted version of each unit's report of each period
begun by the day of the figures. Runs on SQLite and PostgreSQL alike (scripts/with-postgres)."""

from datetime import date
from decimal import Decimal

import pytest

from xaso.core import status
from xaso.core.periods import parse_period
from xaso.tracking import services as sv
from xaso.tracking.budget import plan_budget, province_budget
from xaso.tracking.calendars import calendar_for

pytestmark = pytest.mark.django_db
D = Decimal
TODAY = date(2026, 11, 22)  # Q4 running


@pytest.fixture(autouse=True)
def _plain_calendar(plain_calendar):
    """These figures are pinned on calendar quarters."""


@pytest.fixture
def world(plan, officer):
    task = plan.tasks.select_related("plan").get(name="Số hóa hồ sơ thủ tục hành chính")  # Quý II–IV/2026
    partner = plan.commune.units.exclude(pk=task.lead_unit_id).first()
    task.partner_units.add(partner)
    plan.tasks.filter(pk=task.pk).update(budget_source="Ngân sách xã")
    plan.tasks.filter(name="Hỗ trợ hộ kinh doanh bán hàng trực tuyến").update(budget_source="Xã hội hóa, doanh nghiệp")
    return {"plan": plan, "task": task, "units": {"lead": task.lead_unit, "partner": partner}, "officer": officer}


def _step(world, clock, period_code: str, unit: str, spent, source: str, outcome: str):
    """One unit's report of the period, sent on its last day and then accepted, returned or left as it is."""
    day = min(parse_period(period_code).end, TODAY)
    clock(day)
    report = sv.save_task_report(user=world["officer"], task=world["task"], unit=world["units"][unit],
                                 period_code=period_code, today=day, submit=outcome != "draft",
                                 data=sv.TaskReportData(status=status.IN_PROGRESS, percent=50, spent_million_vnd=spent,
                                                        spent_source=source))
    if outcome in ("accept", "return"):
        sv.review(user=world["officer"], report=report, accept=outcome == "accept", comment="Xem lại số đã chi")


CASES = [
    # (what the units sent: period, unit, spent, source, outcome), the period asked, (spent in it, spent to its end)
    ("one accepted report", [("2026-Q3", "lead", D("1234.5"), "commune", "accept")], "2026-Q3", (D("1234.5"), D("1234.5"))),
    ("periods add up", [("2026-Q2", "lead", 100, "commune", "accept"), ("2026-Q3", "lead", 50, "commune", "accept")],
     "2026-Q3", (50, 150)),
    ("a later period is not yet spent", [("2026-Q2", "lead", 100, "commune", "accept"),
                                         ("2026-Q3", "lead", 50, "commune", "accept")], "2026-Q2", (100, 100)),
    ("the running period counts to date", [("2026-Q3", "lead", 50, "commune", "accept"),
                                           ("2026-Q4", "lead", 7, "higher", "accept")], "2026-Q4", (7, 57)),
    ("a corrected report replaces the one before", [("2026-Q3", "lead", 100, "commune", "accept"),
                                                    ("2026-Q3", "lead", 80, "commune", "accept")], "2026-Q3", (80, 80)),
    ("a correction waiting for review does not count yet", [("2026-Q3", "lead", 100, "commune", "accept"),
                                                            ("2026-Q3", "lead", 80, "commune", "submit")], "2026-Q3", (100, 100)),
    ("a returned report does not count", [("2026-Q3", "lead", 100, "commune", "return")], "2026-Q3", (0, 0)),
    ("a draft does not count", [("2026-Q3", "lead", 100, "commune", "draft")], "2026-Q3", (0, 0)),
    ("lead and partner units both spend", [("2026-Q3", "lead", 30, "commune", "accept"),
                                           ("2026-Q3", "partner", 20, "social", "accept")], "2026-Q3", (50, 50)),
    ("nothing written is not zero spent", [("2026-Q3", "lead", None, "", "accept")], "2026-Q3", (0, 0)),
]


@pytest.mark.parametrize("label,steps,asked,expected", CASES, ids=[c[0] for c in CASES])
def test_spent_in_the_period_and_to_date(world, clock, label, steps, asked, expected):
    for step in steps:
        _step(world, clock, *step)
    table = plan_budget(world["plan"], TODAY, parse_period(asked))
    assert (table.total.spent_period, table.total.spent_to_date) == expected
    assert table.total.planned == 60  # 10 + 20 + 30 in the test plan


def test_planned_and_spent_by_area_and_source(world, clock):
    _step(world, clock, "2026-Q3", "lead", D("1234.5"), "commune", "accept")
    _step(world, clock, "2026-Q3", "partner", 20, "social", "accept")
    table = plan_budget(world["plan"], TODAY, parse_period("2026-Q3"))
    assert [(r.label, r.planned, r.spent_period) for r in table.by_area] == [
        ("Chính quyền số", 10, D("1254.5")), ("Kinh tế số", 20, 0), ("Tuyên truyền, nâng cao nhận thức số", 30, 0)]
    assert [(r.label, r.planned, r.spent_to_date) for r in table.by_source] == [
        ("Ngân sách xã", 10, D("1234.5")), ("Xã hội hóa", 20, 20), ("Không xác định", 30, 0)]


def test_a_past_period_counts_only_what_was_sent_by_its_end(world, clock):
    """Q2's figures, asked for in November, leave out a Q2 report first sent in September."""
    clock(date(2026, 9, 10))
    report = sv.save_task_report(user=world["officer"], task=world["task"], unit=world["units"]["lead"],
                                 period_code="2026-Q2", today=date(2026, 7, 20), submit=True,
                                 data=sv.TaskReportData(status=status.IN_PROGRESS, percent=10, spent_million_vnd=40,
                                                        spent_source="commune"))
    sv.review(user=world["officer"], report=report, accept=True)
    assert plan_budget(world["plan"], TODAY, parse_period("2026-Q2")).total.spent_to_date == 0
    assert plan_budget(world["plan"], TODAY, parse_period("2026-Q3")).total.spent_to_date == 40


def test_the_province_sums_its_communes_in_two_queries(world, clock, django_assert_num_queries):
    from xaso.plans.models import Commune, Plan, Task

    _step(world, clock, "2026-Q3", "lead", 5, "commune", "accept")
    for i in range(5):
        other = Plan.objects.create(commune=Commune.objects.create(province=world["plan"].commune.province, name=f"Xã {i}"),
                                    year=2026, title=f"KH {i}", status=Plan.ISSUED)
        Task.objects.create(plan=other, name="Nhiệm vụ", area="economy", budget_million_vnd=100, budget_source="NS tỉnh")
    plans = list(Plan.objects.all())
    calendar = calendar_for(world["plan"].commune)  # the caller holds the province's calendar, as the dashboard does
    with django_assert_num_queries(2):  # planned budgets of the tasks, spending of the accepted reports
        table = province_budget(plans, TODAY, parse_period("2026-Q4"), calendar=calendar)
    assert table.total.planned == 560 and table.total.spent_to_date == 5 and table.total.spent_period == 0
    assert [(r.label, r.planned) for r in table.by_source] == [
        ("Ngân sách xã", 10), ("Ngân sách cấp trên", 500), ("Xã hội hóa", 20), ("Không xác định", 30)]


def test_the_plan_page_shows_the_running_period_or_a_past_plans_whole_year(officer_client, world, clock):
    from django.urls import reverse

    from xaso.plans.models import Plan, Task

    _step(world, clock, "2026-Q3", "lead", D("1234.5"), "commune", "accept")
    page = officer_client.get(reverse("plan_detail", args=[world["plan"].pk])).content.decode()
    assert "số liệu đến hết Quý IV/2026" in page
    assert '<td data-label="Lũy kế đã chi" class="num">1.234,5</td>' in page
    old = Plan.objects.create(commune=world["plan"].commune, year=2025, title="KH 2025", status=Plan.ISSUED)
    Task.objects.create(plan=old, name="Nhiệm vụ cũ", area="economy", budget_million_vnd=D("12.5"))
    page = officer_client.get(reverse("plan_detail", args=[old.pk])).content.decode()
    assert "số liệu đến hết Năm 2025" in page and '<td data-label="Kế hoạch" class="num">12,5</td>' in page
