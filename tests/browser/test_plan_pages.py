import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_login_shows_a_vietnamese_error_for_a_wrong_password(page, live_server, transactional_db):
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "ai-do")
    page.fill("#id_password", "sai")
    page.click("button[type=submit]")
    expect(page.get_by_role("alert")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")


def test_open_a_plan_filter_by_lead_and_add_a_task(signed_in, live_server, plan):
    page = signed_in
    page.goto(live_server.url + "/")
    page.get_by_role("link", name=plan.commune.province.name).click()
    page.get_by_role("link", name=f"Xã {plan.commune.name}").click()
    page.get_by_role("link", name=plan.title).click()
    expect(page.locator("h1")).to_have_text(plan.title)
    expect(page.locator("#tasks tbody tr")).to_have_count(3)

    page.select_option("select[name=lead]", label="Phòng Kinh tế")
    expect(page.locator("#tasks tbody tr")).to_have_count(1)
    expect(page.locator("#tasks tbody")).to_contain_text("Hỗ trợ hộ kinh doanh bán hàng trực tuyến")
    assert "lead=" in page.url  # the filter is in the address, so it can be shared

    page.get_by_role("link", name="+ Thêm nhiệm vụ").click()
    page.fill("#id_name", "Lắp đặt Wi-Fi công cộng tại nhà văn hóa thôn")
    page.select_option("#id_lead_unit", label="Trung tâm Dịch vụ công")
    page.fill("#id_timeline_text", "Quý II–IV/2026")
    page.fill("#id_budget_million_vnd", "abc")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#id_budget_million_vnd_error")).to_contain_text("Kinh phí phải là một số")
    expect(page.locator("#id_name")).to_have_value("Lắp đặt Wi-Fi công cộng tại nhà văn hóa thôn")

    page.fill("#id_budget_million_vnd", "1.250,5")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã thêm nhiệm vụ.")
    row = page.locator("#tasks tbody tr", has_text="Lắp đặt Wi-Fi công cộng")
    expect(row).to_contain_text("TT DVC")
    expect(row).to_contain_text("1.250,5")
    expect(row).to_contain_text("hạn 31/12/2026")


def test_the_plan_page_fits_a_phone_screen(signed_in, live_server, plan):
    page = signed_in
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/plans/{plan.pk}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"trang rộng {width}px, tràn màn hình điện thoại"
    expect(page.locator("#tasks tbody tr").first).to_be_visible()
