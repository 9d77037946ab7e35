"""A period in a URL is one xaso.core.periods reads and one the plan reports in; anything else is a Vietnamese 404,
never a form."""

import pytest

from tests.login import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def unit_client(client, django_user_model, plan):
    from xaso.accounts.models import Membership

    user = django_user_model.objects.create_user("donvi", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role="unit_reporter", unit=plan.commune.units.get(short_name="TT PVHCC"))
    log_in(client, user)
    return client


PAGES = {
    "report": lambda plan, unit, period: f"/tasks/{plan.tasks.get(lead_unit=unit).pk}/report/{unit.pk}/{period}/",
    "values": lambda plan, unit, period: f"/plans/{plan.pk}/values/{unit.pk}/{period}/",
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("period, status", [
    ("2026-Q4", 200),
    ("2026-q4", 200),    # read as 2026-Q4
    ("2026-Q9", 404),    # no ninth quarter
    ("2026-Q0", 404),
    ("abc", 404),
    ("2026-", 404),
    ("2026-X1", 404),
    ("2027-Q1", 404),    # another year than the plan's
    ("2025-Q4", 404),
    ("2026-M03", 404),   # the plan reports by quarter
    ("2026-H1", 404),
    ("2026", 404),
    ("0000", 404),
])
def test_only_the_plans_periods_have_a_page(unit_client, plan, page, period, status):
    unit = plan.commune.units.get(short_name="TT PVHCC")
    response = unit_client.get(PAGES[page](plan, unit, period))
    assert response.status_code == status
    if status == 404:
        assert "Không tìm thấy trang" in response.content.decode()


def test_a_made_up_period_is_not_saved_either(unit_client, plan):
    from xaso.tracking.models import TaskReport

    unit = plan.commune.units.get(short_name="TT PVHCC")
    response = unit_client.post(PAGES["report"](plan, unit, "2026-Q9"), {"status": "in_progress", "percent": "10"})
    assert response.status_code == 404 and not TaskReport.objects.exists()


def test_a_monthly_plan_takes_months(unit_client, plan):
    plan.report_cadence = "month"
    plan.save()
    unit = plan.commune.units.get(short_name="TT PVHCC")
    assert unit_client.get(PAGES["report"](plan, unit, "2026-M11")).status_code == 200
    assert unit_client.get(PAGES["report"](plan, unit, "2026-M3")).status_code == 200  # read as 2026-M03
    assert unit_client.get(PAGES["report"](plan, unit, "2026-M13")).status_code == 404
    assert unit_client.get(PAGES["report"](plan, unit, "2026-Q4")).status_code == 404
