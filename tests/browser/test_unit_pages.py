"""Unit pages in a real browser, on a phone (390 px) and a desktop (1366 px): a leader opens what a unit sent from the
commune page; a unit finds a report returned in a past quarter above the current one and sends the fix."""

from datetime import date

import pytest
from playwright.sync_api import expect

from xaso.accounts.models import Membership
from xaso.tracking import services

from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser
WIDTHS = [390, 1366]
CENTRE = "Trung tâm Phục vụ hành chính công"


def _fits(page, width):
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"trang rộng {scroll}px, tràn màn hình {width}px"


def _person(django_user_model, username, role, **place):
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    Membership.objects.create(user=user, role=role, **place)
    return user


def _returned_in_q2(plan, author, comment):
    unit = plan.commune.units.get(short_name="TT PVHCC")
    task = plan.tasks.get(lead_unit=unit)
    report = services.save_task_report(user=author, task=task, unit=unit, period_code="2026-Q2", today=date(2026, 6, 25),
                                       data=services.TaskReportData(status="in_progress", percent=30,
                                                                    achievements="Đã số hóa 300 hồ sơ"))
    services.submit(user=author, report=report)
    return services.review(user=author, report=report, accept=False, comment=comment)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", ["commune_leader", "province_leader"])
def test_a_leader_opens_what_a_unit_sent_from_the_commune_page(browser, live_server, transactional_db, plan,
                                                                django_user_model, role, width):
    commune = plan.commune
    officer = _person(django_user_model, "canbo", "commune_officer", commune=commune)
    place = {"commune": commune} if role == "commune_leader" else {"province": commune.province}
    _person(django_user_model, "lanhdao", "leader", **place)
    _returned_in_q2(plan, officer, "Thiếu biên bản nghiệm thu")

    page = sign_in(browser, live_server, "lanhdao", width)
    if role == "commune_leader":
        page.get_by_role("link", name="Kế hoạch và đơn vị của xã").click()
    else:
        page.get_by_role("link", name=commune.province.name).click()
        page.get_by_role("link", name="Xã Yên Lập").click()
    row = page.locator("#units tbody tr", has_text=CENTRE)
    expect(row.get_by_role("link", name="Nhập báo cáo")).to_have_count(0)  # leaders change nothing
    expect(page.locator("#units").get_by_role("link", name="Sửa")).to_have_count(0)
    _fits(page, width)
    row.get_by_role("link", name="Báo cáo đã gửi").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Báo cáo của đơn vị: {CENTRE}")
    q2 = page.locator("#period-2026-Q2")
    expect(q2.get_by_role("heading")).to_have_text("Quý II/2026")
    expect(q2).to_contain_text("Đã số hóa 300 hồ sơ")
    expect(q2).to_contain_text("30%")
    expect(q2).to_contain_text("Bị trả lại")
    expect(q2).to_contain_text("Thiếu biên bản nghiệm thu")
    expect(page.locator("#period-2026-Q4")).to_contain_text("Chưa gửi báo cáo")
    expect(page.locator("main form")).to_have_count(0)
    expect(page.get_by_role("link", name="Nhập báo cáo")).to_have_count(0)
    _fits(page, width)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_unit_fixes_a_report_returned_in_a_past_quarter(browser, live_server, transactional_db, plan,
                                                            django_user_model, width):
    commune = plan.commune
    officer = _person(django_user_model, "canbo", "commune_officer", commune=commune)
    _person(django_user_model, "donvi", "unit_reporter", unit=commune.units.get(short_name="TT PVHCC"))
    _returned_in_q2(plan, officer, "Bổ sung số hồ sơ đã số hóa theo từng lĩnh vực")

    page = sign_in(browser, live_server, "donvi", width)
    page.get_by_role("link", name="Nhiệm vụ và báo cáo của đơn vị").click()
    returned = page.locator("#returned")
    expect(returned).to_contain_text("Quý II/2026")
    expect(returned).to_contain_text("Số hóa hồ sơ thủ tục hành chính")
    expect(returned).to_contain_text("Bổ sung số hồ sơ đã số hóa theo từng lĩnh vực")
    expect(page.locator("#unit-tasks")).to_be_visible()  # the current quarter's list is still below
    assert page.locator("#returned").bounding_box()["y"] < page.locator("#unit-tasks").bounding_box()["y"]
    _fits(page, width)

    returned.get_by_role("link", name="Sửa và gửi lại").click()
    expect(page.get_by_role("alert")).to_contain_text("Bổ sung số hồ sơ đã số hóa theo từng lĩnh vực")
    page.fill("#id_percent", "45")
    page.fill("#id_achievements", "Đã số hóa 450 hồ sơ: hộ tịch 300, đất đai 150")
    _fits(page, width)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")
    expect(page.locator("#returned")).to_have_count(0)

    from xaso.tracking.models import TaskReport

    latest = TaskReport.objects.filter(period="2026-Q2").order_by("-version").first()
    assert (latest.version, latest.state, latest.percent) == (2, "submitted", 45)
