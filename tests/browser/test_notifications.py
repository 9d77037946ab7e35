"""Notifications as people see them, on a phone (390 px) and a laptop (1366 px): a unit sends a report, the
officer's header count goes up, the officer opens the notification and returns the report, and the unit
sees its own notification arrive."""

import os

import pytest
from playwright.sync_api import expect

from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser
TASK = "Số hóa hồ sơ thủ tục hành chính"


def _count(page):
    """The unread count shown in the header, checked to sit inside the screen."""
    badge = page.locator("header #unread-count")
    if badge.count() == 0:
        return 0
    box = badge.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    return int(badge.inner_text())


def _shot(page, name, width):
    folder = os.environ.get("XASO_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_the_officer_is_told_of_a_report_and_the_unit_of_its_return(width, browser, live_server, transactional_db, plan,
                                                                   django_user_model):
    from xaso.accounts.models import Membership

    commune = plan.commune
    unit = commune.units.get(short_name="TT PVHCC")
    django_user_model.objects.create_user("donvi", password=PASSWORD)
    Membership.objects.create(user=django_user_model.objects.get(username="donvi"), role="unit_reporter", unit=unit)
    django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=django_user_model.objects.get(username="canbo"), role="commune_officer", commune=commune)

    officer = sign_in(browser, live_server, "canbo", width)
    assert _count(officer) == 0

    reporter = sign_in(browser, live_server, "donvi", width)
    reporter.goto(f"{live_server.url}/units/{unit.pk}/tasks/")
    reporter.locator("#unit-tasks tbody tr", has_text=TASK).get_by_role("link", name="Báo cáo").click()
    reporter.select_option("#id_status", label="Đang triển khai")
    reporter.fill("#id_percent", "40")
    reporter.fill("#id_achievements", "Đã số hóa 300 hồ sơ")
    reporter.get_by_role("button", name="Gửi báo cáo").click()
    expect(reporter.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")
    assert _count(reporter) == 0  # nobody tells the sender of their own report

    officer.reload()
    assert _count(officer) == 1
    _shot(officer, "officer-header", width)
    officer.locator("header #notifications-link").click()
    item = officer.locator("#notification-list li.unread", has_text=TASK)
    expect(item).to_contain_text("TT PVHCC gửi báo cáo Quý IV/2026")
    _shot(officer, "officer-notifications", width)
    item.get_by_role("link").click()
    officer.wait_for_url(f"{live_server.url}/communes/{commune.pk}/reviews/")
    assert _count(officer) == 0
    card = officer.locator(".review-item", has_text=TASK)
    card.locator("textarea[name=comment]").fill("Thiếu minh chứng số hồ sơ")
    card.get_by_role("button", name="Trả lại").click()
    expect(officer.get_by_role("status")).to_contain_text("Đã trả lại báo cáo cho đơn vị.")

    reporter.reload()
    assert _count(reporter) == 1
    reporter.locator("header #notifications-link").click()
    mine = reporter.locator("#notification-list li.unread")
    expect(mine).to_contain_text("bị trả lại: Thiếu minh chứng số hồ sơ")
    _shot(reporter, "reporter-notifications", width)
    mine.get_by_role("link").click()
    expect(reporter.locator("h1")).to_contain_text(TASK)
    assert _count(reporter) == 0
    officer.goto(f"{live_server.url}/notifications/")
    expect(officer.locator("#notification-list li.read")).to_contain_text(TASK)
    assert officer.locator("#notification-list li.unread").count() == 0
