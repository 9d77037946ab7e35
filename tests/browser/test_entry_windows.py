"""A unit's report locked after its window, in a real Chromium: the form says why and since when; the commune's
officer reopens the period for the unit with a reason (on a phone and on a desktop); the unit then saves it.
Frozen day 22/11/2026, NĐ 09 cut-offs: Quý III/2026 is due 14/09/2026 and locked from 14/10/2026."""

import pytest
from playwright.sync_api import expect

from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser
LOCKED = "Kỳ Quý III/2026 đã khóa nhập từ 14/10/2026 (30 ngày sau hạn gửi 14/09/2026)."


@pytest.fixture
def people(plan, django_user_model, transactional_db):
    from xaso.accounts.models import COMMUNE_OFFICER, UNIT_REPORTER, Membership

    unit = plan.commune.units.get(short_name="TT PVHCC")
    reporter = django_user_model.objects.create_user("lan", password=PASSWORD)
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, commune=plan.commune, unit=unit)
    officer = django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=officer, role=COMMUNE_OFFICER, commune=plan.commune)
    return {"unit": unit, "reporter": reporter, "officer": officer}


@pytest.mark.parametrize("width", [390, 1366])
def test_a_locked_report_is_reopened_with_a_reason_and_then_saved(browser, live_server, plan, people, width):
    from xaso.tracking.models import Reopening, TaskReport

    unit = people["unit"]
    task = plan.tasks.get(lead_unit=unit)
    form_url = f"{live_server.url}/tasks/{task.pk}/report/{unit.pk}/2026-Q3/"

    reporter = sign_in(browser, live_server, "lan", width)
    reporter.goto(form_url)
    expect(reporter.locator("#period-locked")).to_contain_text(LOCKED)
    expect(reporter.get_by_role("button", name="Gửi báo cáo")).to_have_count(0)

    officer = sign_in(browser, live_server, "canbo", width)
    officer.goto(form_url)  # the officer sees the same reason, with the way to reopen
    expect(officer.locator("#period-locked")).to_contain_text(LOCKED)
    officer.get_by_role("link", name="Mở lại kỳ cho đơn vị").click()
    expect(officer.locator("#id_unit")).to_have_value(str(unit.pk))
    expect(officer.locator("#id_period")).to_have_value("2026-Q3")
    officer.fill("#id_until", "30/11/2026")
    officer.get_by_role("button", name="Mở lại kỳ báo cáo").click()
    expect(officer.locator("#id_reason_error")).to_have_text("Lý do mở lại không được để trống.")
    officer.fill("#id_reason", "Đơn vị bổ sung số liệu hồ sơ đã số hóa quý III")
    officer.get_by_role("button", name="Mở lại kỳ báo cáo").click()
    expect(officer.get_by_role("status")).to_contain_text("Đã mở lại Quý III/2026")
    row = officer.locator("#open-reopenings tbody tr")
    expect(row).to_contain_text("Đơn vị bổ sung số liệu hồ sơ đã số hóa quý III")
    expect(row).to_contain_text("30/11/2026")
    assert Reopening.objects.get().created_by == people["officer"]

    reporter.goto(f"{live_server.url}/units/{unit.pk}/tasks/")  # the unit's page leads to the reopened period
    expect(reporter.locator("#reopened-2026-Q3")).to_contain_text("Kỳ Quý III/2026 được mở lại đến hết ngày 30/11/2026")
    reporter.get_by_role("link", name=f"Báo cáo Quý III/2026: {task.name}").click()
    reporter.wait_for_url(form_url)
    expect(reporter.locator("#period-locked")).to_have_count(0)
    reporter.fill("#id_percent", "75")
    reporter.get_by_role("button", name="Gửi báo cáo").click()
    expect(reporter.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")
    sent = TaskReport.objects.get()
    assert (sent.period, sent.state, int(sent.percent)) == ("2026-Q3", "submitted", 75)
