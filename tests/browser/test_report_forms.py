"""The report form, the indicator values and the review card in a real Chromium: Vietnamese numbers typed as
users type them, and the officer seeing everything the unit sent, on a desktop and on a phone."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from .signin import PASSWORD, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def people(plan, django_user_model, transactional_db):
    from xaso.accounts.models import COMMUNE_OFFICER, UNIT_REPORTER, Membership

    unit = plan.commune.units.get(short_name="TT PVHCC")
    reporter = django_user_model.objects.create_user("lan", password=PASSWORD, first_name="Lan", last_name="Nguyễn Thị")
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, commune=plan.commune, unit=unit)
    officer = django_user_model.objects.create_user("canbo", password=PASSWORD)
    Membership.objects.create(user=officer, role=COMMUNE_OFFICER, commune=plan.commune)
    return {"unit": unit, "reporter": reporter, "officer": officer}


def test_a_unit_types_numbers_the_vietnamese_way(browser, live_server, plan, people):
    from xaso.plans.models import Indicator
    from xaso.tracking.models import IndicatorValue, TaskReport

    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    page = sign_in(browser, live_server, "lan")
    form_url = f"{live_server.url}/tasks/{task.pk}/report/{people['unit'].pk}/2026-Q4/"
    page.goto(form_url)
    percent = page.locator("#id_percent")
    assert percent.get_attribute("type") == "text" and percent.get_attribute("inputmode") == "decimal"

    percent.fill("abc")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.locator("#id_percent_error")).to_have_text("Tỷ lệ hoàn thành phải là một số, ví dụ 40 hoặc 9,5.")
    expect(page.locator("#id_percent")).to_have_value("abc")
    assert not TaskReport.objects.exists()

    page.fill("#id_percent", "9,5")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu bản nháp.")
    assert TaskReport.objects.get().percent == Decimal("9.5")
    page.goto(form_url)
    expect(page.locator("#id_percent")).to_have_value("9,5")

    page.fill("#id_percent", "85%")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu bản nháp.")
    assert TaskReport.objects.get().percent == Decimal(85)

    households = Indicator.objects.create(plan=plan, position=2, area="economy", unit="hộ",
                                          text="Số hộ kinh doanh có gian hàng trực tuyến")
    page.goto(f"{live_server.url}/plans/{plan.pk}/values/{people['unit'].pk}/2026-Q4/")
    row = page.locator("#values tbody tr", has_text=households.text)
    row.locator("input[name$='-value']").fill("1.234,5")
    page.get_by_role("button", name="Lưu nháp").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu nháp số liệu.")
    assert IndicatorValue.objects.get(indicator=households).value == Decimal("1234.5")
    page.goto(f"{live_server.url}/plans/{plan.pk}/values/{people['unit'].pk}/2026-Q4/")
    expect(page.locator("#values tbody tr", has_text=households.text).locator("input[name$='-value']")).to_have_value("1.234,5")


@pytest.mark.parametrize("width", [390, 1366])
def test_the_review_card_shows_everything_sent_and_what_changed(browser, live_server, plan, people, width):
    from tests.conftest import FROZEN_TODAY
    from xaso.core import status
    from xaso.tracking import services as sv

    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    reporter, officer = people["reporter"], people["officer"]

    def send(**fields):
        data = sv.TaskReportData(**{"status": status.IN_PROGRESS, "percent": 40, **fields})
        report = sv.save_task_report(user=reporter, task=task, unit=people["unit"], period_code="2026-Q4", data=data,
                                     today=FROZEN_TODAY)
        return sv.submit(user=reporter, report=report)

    sv.review(user=officer, report=send(achievements="Đã số hóa 300 hồ sơ"), accept=False,
              comment="Thiếu ngày hoàn thành và kiến nghị")
    send(status=status.DONE, done_on=date(2026, 11, 20), achievements="Đã số hóa 1.250 hồ sơ",
         difficulties="Máy quét hỏng hai tuần", proposals="Cấp thêm 01 máy quét cho bộ phận một cửa")

    page = sign_in(browser, live_server, "canbo", width)
    page.goto(f"{live_server.url}/communes/{plan.commune_id}/reviews/")
    card = page.locator(".review-item", has_text=task.name)
    sent = card.locator("dl.sent")
    for label, value in [("Tình trạng", "Hoàn thành"), ("Tỷ lệ hoàn thành", "100%"), ("Ngày hoàn thành", "20/11/2026"),
                         ("Kết quả đã làm", "Đã số hóa 1.250 hồ sơ"), ("Khó khăn, vướng mắc", "Máy quét hỏng hai tuần"),
                         ("Đề xuất, kiến nghị", "Cấp thêm 01 máy quét cho bộ phận một cửa"), ("Minh chứng", "(không gửi)")]:
        item = sent.locator("div", has=page.locator("dt", has_text=label))
        expect(item.locator("dd")).to_have_text(value)
        expect(item.locator("dd")).to_be_visible()
    expect(card.locator(".sent-by")).to_contain_text("bởi Lan Nguyễn Thị")
    changes = card.locator(".changes")
    expect(changes.locator("h3")).to_have_text("Thay đổi so với lần 1 (bị trả lại)")
    expect(changes).to_contain_text("“Thiếu ngày hoàn thành và kiến nghị”")
    expect(changes.locator("li", has_text="Tỷ lệ hoàn thành")).to_have_text("Tỷ lệ hoàn thành: 40% → 100%")
    expect(changes.locator("li", has_text="Ngày hoàn thành")).to_have_text("Ngày hoàn thành: (không ghi) → 20/11/2026")
    expect(changes.locator("li", has_text="Đề xuất")).to_have_text(
        "Đề xuất, kiến nghị: (không ghi) → Cấp thêm 01 máy quét cho bộ phận một cửa")
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width, f"trang rộng {width_used}px, tràn màn hình {width}px"


def test_a_sent_report_reads_back_without_buttons_on_a_phone(browser, live_server, plan, people):
    """At 390 px: the unit sends, opens the report again and reads what it sent, with when and that it waits for the
    officer — no "Lưu nháp" / "Gửi báo cáo" that could only be refused."""
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    page = sign_in(browser, live_server, "lan", 390)
    form_url = f"{live_server.url}/tasks/{task.pk}/report/{people['unit'].pk}/2026-Q4/"
    page.goto(form_url)
    page.select_option("#id_status", label="Đang triển khai")
    page.fill("#id_percent", "40")
    page.fill("#id_achievements", "Đã số hóa 300 hồ sơ hộ tịch")
    page.fill("#id_difficulties", "Máy quét hay hỏng")
    page.fill("#id_proposals", "Xin thêm một máy quét")
    page.fill("#id_evidence_link", "https://dichvucong.example.gov.vn/bao-cao")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã gửi báo cáo để duyệt.")

    page.goto(form_url)
    page.reload()
    expect(page.locator("#report-state")).to_contain_text("đang chờ cán bộ xã duyệt")
    expect(page.locator("#report-state")).to_contain_text("Đã gửi lúc ")
    expect(page.get_by_role("button", name="Lưu nháp")).to_have_count(0)
    expect(page.get_by_role("button", name="Gửi báo cáo")).to_have_count(0)
    expect(page.locator("#id_percent")).to_have_count(0)
    sent = page.locator("dl.sent")
    for label, value in [("Tình trạng", "Đang triển khai"), ("Tỷ lệ hoàn thành", "40%"),
                         ("Kết quả đã làm", "Đã số hóa 300 hồ sơ hộ tịch"), ("Khó khăn, vướng mắc", "Máy quét hay hỏng"),
                         ("Đề xuất, kiến nghị", "Xin thêm một máy quét"),
                         ("Minh chứng", "https://dichvucong.example.gov.vn/bao-cao")]:
        item = sent.locator("div", has=page.locator("dt", has_text=label))
        expect(item.locator("dd")).to_have_text(value)
        expect(item.locator("dd")).to_be_visible()
    expect(page.locator(".sent-by")).to_contain_text("bởi Lan Nguyễn Thị")
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= 390, f"trang rộng {width_used}px, tràn màn hình 390px"
