"""Whatever the reviewer returns, in any period, stays on the unit's list until it is sent again — and a period
closed since can still take the fix."""

from datetime import date

import pytest
from django.urls import reverse

from xaso.accounts.models import Membership
from xaso.tracking import services
from xaso.tracking.models import RETURNED, SUBMITTED, IndicatorValue, TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db
IN_Q2 = date(2026, 6, 25)  # the second quarter's window; on the frozen day (22/11/2026) it has long closed


@pytest.fixture
def unit(plan):
    return plan.commune.units.get(short_name="TT PVHCC")


@pytest.fixture
def reporter_client(client, django_user_model, unit):
    user = django_user_model.objects.create_user("donvi", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role="unit_reporter", unit=unit)
    log_in(client, user)
    return client


def _returned_q2_report(plan, unit, officer, comment="Thiếu số liệu hồ sơ đã số hóa"):
    task = plan.tasks.get(lead_unit=unit)
    report = services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q2", today=IN_Q2,
                                       data=services.TaskReportData(status="in_progress", percent=30))
    services.submit(user=officer, report=report)
    return services.review(user=officer, report=report, accept=False, comment=comment)


def _to_fix(client, unit) -> str:
    html = client.get(reverse("unit_tasks", args=[unit.pk])).content.decode()
    return html.split('id="returned"', 1)[1].split("</section>", 1)[0] if 'id="returned"' in html else ""


def test_a_past_periods_returned_report_is_listed_with_its_comment_and_fixed(reporter_client, plan, unit, officer):
    report = _returned_q2_report(plan, unit, officer)
    listed = _to_fix(reporter_client, unit)
    fix_url = reverse("report_task", args=[report.task_id, unit.pk, "2026-Q2"])
    assert "Quý II/2026" in listed and "Số hóa hồ sơ thủ tục hành chính" in listed
    assert "Thiếu số liệu hồ sơ đã số hóa" in listed and f'href="{fix_url}"' in listed

    form = reporter_client.get(fix_url)
    assert form.status_code == 200 and "Bị trả lại" in form.content.decode()
    draft = reporter_client.post(fix_url, {"status": "in_progress", "percent": "45", "achievements": "Đã số hóa 420 hồ sơ"})
    assert draft.status_code == 302
    assert "Thiếu số liệu hồ sơ đã số hóa" in _to_fix(reporter_client, unit)  # a draft of the fix is not sent yet

    sent = reporter_client.post(fix_url, {"status": "in_progress", "percent": "45", "achievements": "Đã số hóa 420 hồ sơ",
                                          "submit": "1"})
    assert sent.status_code == 302
    latest = TaskReport.objects.filter(task=report.task, period="2026-Q2").order_by("-version").first()
    assert (latest.version, latest.state, latest.percent) == (2, SUBMITTED, 45)
    assert _to_fix(reporter_client, unit) == ""


def test_returned_again_it_comes_back_and_accepted_it_is_gone(reporter_client, plan, unit, officer):
    report = _returned_q2_report(plan, unit, officer)
    fixed = services.save_task_report(user=officer, task=report.task, unit=unit, period_code="2026-Q2",
                                      today=date(2026, 11, 22), data=services.TaskReportData(status="in_progress", percent=50))
    services.submit(user=officer, report=fixed)
    services.review(user=officer, report=fixed, accept=False, comment="Vẫn thiếu biên bản")
    assert "Vẫn thiếu biên bản" in _to_fix(reporter_client, unit)
    again = services.save_task_report(user=officer, task=report.task, unit=unit, period_code="2026-Q2",
                                      today=date(2026, 11, 22), data=services.TaskReportData(status="done", percent=100))
    services.submit(user=officer, report=again)
    services.review(user=officer, report=again, accept=True)
    assert _to_fix(reporter_client, unit) == ""


def test_a_closed_period_stays_closed_for_what_was_not_returned(reporter_client, plan, unit, officer):
    task = plan.tasks.get(lead_unit=unit)
    accepted = services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q2", today=IN_Q2,
                                         data=services.TaskReportData(status="in_progress", percent=30))
    services.submit(user=officer, report=accepted)
    services.review(user=officer, report=accepted, accept=True)
    for period in ("2026-Q2", "2026-Q1"):  # accepted back then · never sent
        response = reporter_client.post(reverse("report_task", args=[task.pk, unit.pk, period]),
                                        {"status": "in_progress", "percent": "60", "submit": "1"})
        assert response.status_code == 400 and "đã khóa nhập từ" in response.content.decode()
    assert TaskReport.objects.filter(task=task).count() == 1


def test_a_returned_indicator_value_is_listed_and_fixed(reporter_client, plan, unit, officer):
    indicator = plan.indicators.get()
    value = services.save_indicator_value(user=officer, indicator=indicator, unit=unit, period_code="2026-Q2",
                                          today=IN_Q2, value=70)
    services.submit(user=officer, report=value)
    services.review(user=officer, report=value, accept=False, comment="Ghi rõ nguồn số liệu")
    listed = _to_fix(reporter_client, unit)
    url = reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q2"])
    assert "Ghi rõ nguồn số liệu" in listed and f'href="{url}"' in listed and indicator.text in listed
    response = reporter_client.post(url, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1",
                                          "form-0-indicator": indicator.pk, "form-0-value": "72",
                                          "form-0-source": "Cổng dịch vụ công", "submit": "1"})
    assert response.status_code == 302
    latest = IndicatorValue.objects.filter(indicator=indicator).order_by("-version").first()
    assert (latest.version, latest.state, latest.value, latest.source) == (2, SUBMITTED, 72, "Cổng dịch vụ công")
    assert _to_fix(reporter_client, unit) == ""


def test_values_already_sent_are_not_sent_again_with_the_others(reporter_client, plan, unit, officer):
    """The values form shows every indicator with its last value: one waiting for review must not block the others,
    nor an accepted one become a new version, when the unit enters the rest."""
    from xaso.plans.models import Indicator

    waiting = plan.indicators.get()
    other = Indicator.objects.create(plan=plan, position=2, area="society", text="Tỷ lệ người dân có tài khoản VNeID", unit="%")
    value = services.save_indicator_value(user=officer, indicator=waiting, unit=unit, period_code="2026-Q4",
                                          today=date(2026, 11, 22), value=88)
    services.submit(user=officer, report=value)
    url = reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"])
    response = reporter_client.post(url, {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2",
                                          "form-0-indicator": waiting.pk, "form-0-value": "88",
                                          "form-1-indicator": other.pk, "form-1-value": "64", "submit": "1"})
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(indicator=waiting).count() == 1
    assert IndicatorValue.objects.get(indicator=other).state == SUBMITTED


def test_the_api_takes_the_fix_of_a_past_period_too(plan, unit, officer, client):
    report = _returned_q2_report(plan, unit, officer)
    log_in(client, officer)
    response = client.post("/api/reports", {"task_id": report.task_id, "unit_id": unit.pk, "period": "2026-Q2",
                                            "status": "in_progress", "percent": 55, "submit": True},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert list(TaskReport.objects.filter(task=report.task, period="2026-Q2").order_by("version")
                .values_list("version", "state")) == [(1, RETURNED), (2, SUBMITTED)]
