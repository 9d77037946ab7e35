"""Budget follow-up in a real Chromium: a unit types what it spent the Vietnamese way ("1.234,5") on a phone, the
officer reads it on the review card, and the plan page, the commune's and the province's dashboards show planned
against spent by area and by source in the same writing."""

import pytest
from playwright.sync_api import expect

from .conftest import has_no_horizontal_scroll
from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def people(plan, django_user_model, transactional_db):
    from xaso.accounts.models import COMMUNE_OFFICER, PROVINCE_OFFICER, UNIT_REPORTER, Membership

    unit = plan.commune.units.get(short_name="TT PVHCC")
    reporter = django_user_model.objects.create_user("lan", password=PASSWORD, first_name="Lan", last_name="Nguyễn Thị")
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, commune=plan.commune, unit=unit)
    officer = django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=officer, role=COMMUNE_OFFICER, commune=plan.commune)
    province = django_user_model.objects.create_user("canbo.tinh", password=PASSWORD)
    Membership.objects.create(user=province, role=PROVINCE_OFFICER, province=plan.commune.province)
    plan.tasks.filter(name="Số hóa hồ sơ thủ tục hành chính").update(budget_source="Ngân sách xã")
    return {"unit": unit}


def _row(page, table: str, code: str):
    return page.locator(f"#budget-{table} tr[data-code='{code}'] td")


def test_a_unit_reports_what_it_spent_and_everyone_reads_it_alike(browser, live_server, plan, people):
    from xaso.tracking.models import TaskReport

    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    page = sign_in(browser, live_server, "lan", 390)
    form_url = f"{live_server.url}/tasks/{task.pk}/report/{people['unit'].pk}/2026-Q4/"
    page.goto(form_url)
    spent = page.locator("#id_spent_million_vnd")
    assert spent.get_attribute("type") == "text" and spent.get_attribute("inputmode") == "decimal"
    page.fill("#id_percent", "40")
    spent.fill("-5")
    page.select_option("#id_spent_source", label="Ngân sách xã")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("#id_spent_million_vnd_error")).to_have_text("Kinh phí đã chi phải từ 0 đến 1.000.000.")
    assert not TaskReport.objects.exists()
    page.fill("#id_spent_million_vnd", "1.234,5")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")
    assert has_no_horizontal_scroll(page)

    page = sign_in(browser, live_server, "canbo")
    page.goto(f"{live_server.url}/communes/{plan.commune_id}/reviews/")
    card = page.locator(".review-item", has_text=task.name)
    for label, value in [("Kinh phí đã chi trong kỳ", "1.234,5 triệu đồng"), ("Nguồn kinh phí đã chi", "Ngân sách xã")]:
        expect(card.locator("dl.sent div", has=page.locator("dt", has_text=label)).locator("dd")).to_have_text(value)
    card.get_by_role("button", name="Chấp nhận").click()
    expect(page.get_by_role("status")).to_contain_text("Đã chấp nhận báo cáo.")

    for url in (f"/plans/{plan.pk}/", f"/communes/{plan.commune_id}/dashboard/"):
        page.goto(live_server.url + url)
        expect(page.locator("#budget-title")).to_contain_text("Kinh phí thực hiện")
        expect(_row(page, "by-area", "government")).to_have_text(["Chính quyền số", "10", "1.234,5", "1.234,5", "12.345,0"])
        expect(_row(page, "by-source", "commune")).to_have_text(["Ngân sách xã", "10", "1.234,5", "1.234,5", "12.345,0"])
        expect(_row(page, "by-source", "unknown")).to_have_text(["Không xác định", "50", "0", "0", "0,0"])

    page = sign_in(browser, live_server, "canbo.tinh")
    page.goto(f"{live_server.url}/provinces/{plan.commune.province_id}/dashboard/")
    expect(_row(page, "by-source", "commune")).to_have_text(["Ngân sách xã", "10", "1.234,5", "1.234,5", "12.345,0"])
    expect(page.locator("#budget-by-source tfoot td")).to_have_text(["60", "1.234,5", "1.234,5", "2.057,5"])
