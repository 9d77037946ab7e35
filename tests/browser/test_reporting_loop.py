"""The whole loop: a unit reports, the officer returns it, the unit fixes and resubmits, the officer accepts,
and the commune's dashboard shows the change."""

import pytest
from playwright.sync_api import expect

from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


def test_report_return_fix_accept_and_the_dashboard_moves(browser, live_server, transactional_db, plan, django_user_model):
    from xaso.accounts.models import Membership

    commune = plan.commune
    unit = commune.units.get(short_name="TT PVHCC")
    reporter = django_user_model.objects.create_user("donvi", password=PASSWORD)
    Membership.objects.create(user=reporter, role="unit_reporter", commune=commune, unit=unit)
    officer = django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=officer, role="commune_officer", commune=commune)
    province_officer = django_user_model.objects.create_user("tinh", password=PASSWORD)
    Membership.objects.create(user=province_officer, role="province_officer", province=commune.province)

    unit_page = sign_in(browser, live_server, "donvi")
    unit_page.goto(f"{live_server.url}/units/{unit.pk}/tasks/")
    row = unit_page.locator("#unit-tasks tbody tr", has_text="Số hóa hồ sơ thủ tục hành chính")
    row.get_by_role("link", name="Báo cáo").click()
    unit_page.select_option("#id_status", label="Đang triển khai")
    unit_page.fill("#id_percent", "150")
    unit_page.get_by_role("button", name="Gửi báo cáo").click()
    expect(unit_page.locator("#id_percent_error")).to_contain_text("Tỷ lệ hoàn thành phải từ 0 đến 100.")
    unit_page.fill("#id_percent", "40")
    unit_page.fill("#id_achievements", "Đã số hóa 300 hồ sơ")
    unit_page.get_by_role("button", name="Gửi báo cáo").click()
    expect(unit_page.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")

    officer_page = sign_in(browser, live_server, "canbo")
    officer_page.goto(f"{live_server.url}/communes/{commune.pk}/reviews/")
    item = officer_page.locator(".review-item", has_text="Số hóa hồ sơ thủ tục hành chính")
    item.locator("textarea[name=comment]").fill("Thiếu minh chứng số hồ sơ")
    item.get_by_role("button", name="Trả lại").click()
    expect(officer_page.get_by_role("status")).to_contain_text("Đã trả lại báo cáo cho đơn vị.")

    unit_page.goto(f"{live_server.url}/units/{unit.pk}/tasks/")
    expect(unit_page.locator("#returned")).to_contain_text("Thiếu minh chứng số hồ sơ")
    unit_page.locator("#returned").get_by_role("link").click()
    unit_page.select_option("#id_status", label="Hoàn thành")
    unit_page.fill("#id_evidence_link", "https://dichvucong.example.gov.vn/bao-cao")
    unit_page.get_by_role("button", name="Gửi báo cáo").click()
    expect(unit_page.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")

    officer_page.goto(f"{live_server.url}/communes/{commune.pk}/dashboard/")
    expect(officer_page.locator("#card-done strong")).to_have_text("0")
    province_page = sign_in(browser, live_server, "tinh")
    province_page.goto(f"{live_server.url}/provinces/{commune.province_id}/dashboard/")
    score_before = province_page.locator("#ranking tbody tr", has_text=commune.name).locator("td").nth(2).inner_text()
    officer_page.goto(f"{live_server.url}/communes/{commune.pk}/reviews/")
    item = officer_page.locator(".review-item", has_text="Số hóa hồ sơ thủ tục hành chính")
    expect(item).to_contain_text("lần 2")
    item.get_by_role("button", name="Chấp nhận").click()
    expect(officer_page.get_by_role("status")).to_contain_text("Đã chấp nhận báo cáo.")
    officer_page.goto(f"{live_server.url}/communes/{commune.pk}/dashboard/")
    expect(officer_page.locator("#card-done strong")).to_have_text("1")
    expect(officer_page.locator("#area-chart svg")).to_have_count(1)
    province_page.goto(f"{live_server.url}/provinces/{commune.province_id}/dashboard/")
    score_after = province_page.locator("#ranking tbody tr", has_text=commune.name).locator("td").nth(2).inner_text()
    assert float(score_after.replace(",", ".")) > float(score_before.replace(",", "."))
    expect(province_page.locator("#silent")).not_to_contain_text(commune.name)
