"""Approval up the hierarchy in a real browser: the commune's officer sends the quarter's report, the province's officer
returns it with a comment, the commune reads the comment and sends it again, the province accepts, and the province's
dashboard shows the commune's report accepted."""

import pytest
from playwright.sync_api import expect

from .conftest import PHONE, has_no_horizontal_scroll
from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _q3_open(plain_calendar):
    """Q3 due 30/09 and still open to the commune on 22/11 (locked 90 days after the deadline): this walk is about the
    approval; tests/tracking/test_windows.py pins the lock and the province's reopening."""
    plain_calendar.lock_days = 90
    plain_calendar.save()


def test_send_return_resend_accept_and_the_province_dashboard_shows_it(browser, live_server, transactional_db, plan,
                                                                       django_user_model):
    from xaso.accounts.models import Membership

    commune = plan.commune
    officer = django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=officer, role="commune_officer", commune=commune)
    province_officer = django_user_model.objects.create_user("tinh", password=PASSWORD)
    Membership.objects.create(user=province_officer, role="province_officer", province=commune.province)

    commune_page = sign_in(browser, live_server, "canbo")
    commune_page.goto(f"{live_server.url}/communes/{commune.pk}/")
    commune_page.locator("#province-reports").get_by_role("link", name="Quý III/2026").click()
    expect(commune_page.locator("#commune-report-state")).to_contain_text("Chưa gửi")
    commune_page.get_by_role("button", name="Gửi báo cáo lên tỉnh").click()
    expect(commune_page.get_by_role("status")).to_contain_text("Đã gửi báo cáo lên tỉnh.")
    expect(commune_page.locator("#commune-report-state")).to_contain_text("đang chờ tỉnh duyệt")

    province_page = sign_in(browser, live_server, "tinh")
    province_page.goto(f"{live_server.url}/provinces/{commune.province_id}/dashboard/?period=2026-Q3")
    expect(province_page.locator("#commune-report-counts")).to_contain_text("Đã gửi: 1")
    province_page.locator("#commune-report-states").get_by_role("link", name=f"Xã {commune.name}").click()
    with province_page.expect_download() as sent:
        province_page.locator("#versions").get_by_role("link", name="Tải .docx").click()
    assert sent.value.suggested_filename == "Báo cáo kết quả CĐS xã Yên Lập Quý III-2026.docx"
    province_page.get_by_role("button", name="Trả lại").click()
    expect(province_page.get_by_role("status")).to_contain_text("hãy ghi ý kiến để xã sửa")
    province_page.locator("#review-report textarea[name=comment]").fill("Bổ sung kết quả số hóa hồ sơ")
    province_page.get_by_role("button", name="Trả lại").click()
    expect(province_page.get_by_role("status")).to_contain_text("Đã trả lại báo cáo cho xã.")

    commune_page.goto(f"{live_server.url}/communes/{commune.pk}/")
    expect(commune_page.locator("#province-reports")).to_contain_text("Bổ sung kết quả số hóa hồ sơ")
    commune_page.locator("#province-reports").get_by_role("link", name="Quý III/2026").click()
    expect(commune_page.locator("#province-comment")).to_contain_text("Bổ sung kết quả số hóa hồ sơ")
    commune_page.get_by_role("button", name="Gửi lại lên tỉnh").click()
    expect(commune_page.get_by_role("status")).to_contain_text("Đã gửi báo cáo lên tỉnh.")
    expect(commune_page.locator("#versions tbody tr")).to_have_count(2)

    province_page.reload()
    expect(province_page.locator("#review-report")).to_contain_text("lần 2")
    province_page.get_by_role("button", name="Chấp nhận").click()
    expect(province_page.get_by_role("status")).to_contain_text("Đã chấp nhận báo cáo của xã.")
    province_page.goto(f"{live_server.url}/provinces/{commune.province_id}/dashboard/?period=2026-Q3")
    expect(province_page.locator("#commune-report-states tbody tr", has_text=commune.name)).to_contain_text("Đã chấp nhận")
    expect(province_page.locator("#commune-report-counts")).to_contain_text("Đã chấp nhận: 1")

    phone = sign_in(browser, live_server, "canbo", width=PHONE[0])
    phone.goto(f"{live_server.url}/communes/{commune.pk}/province-report/2026-Q3/")
    expect(phone.locator("#commune-report-state")).to_contain_text("Đã chấp nhận")
    assert has_no_horizontal_scroll(phone)
