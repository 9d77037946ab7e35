"""Importing as an officer does, on a phone and a laptop: another commune's plan is named and needs its own tick before anything is stored,
a second plan of a year is made only when asked, and the checker's findings and the document stay with the plan."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import has_no_horizontal_scroll
from xaso import demo_documents as dd
from xaso.plans.models import Plan

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width,height", [(390, 844), (1366, 768)])
def test_a_neighbours_plan_for_a_year_already_planned(page_at, live_server, worker, transactional_db, django_user_model,
                                                       plan, tmp_path, width, height):
    from xaso.accounts.models import COMMUNE_OFFICER, Membership

    commune = plan.commune
    user = django_user_model.objects.create_user("canbo.xa", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=COMMUNE_OFFICER, commune=commune)
    page = page_at(width, height)
    page.goto(live_server.url + "/login/")
    page.fill("#id_username", "canbo.xa")
    page.fill("#id_password", "mat-khau-du-dai-123")
    page.click("button[type=submit]")
    text = dd.to_markdown(dd.make_plan(commune="Đông Hưng", year=2026)).replace(
        "Thực hiện Kế hoạch số 12/KH-UBND", "Có 41/50 hồ sơ, đạt tỷ lệ 86%. Thực hiện Kế hoạch số 12/KH-UBND")
    document = tmp_path / "Kế hoạch CĐS Đông Hưng.md"
    document.write_text(text, encoding="utf-8")

    page.goto(f"{live_server.url}/communes/{commune.pk}/")
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.set_input_files("#id_document", str(document))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.locator(".flash.error").first).to_be_visible(timeout=60_000)  # once the worker has read it
    expect(page.locator("body")).to_contain_text("Văn bản ghi là kế hoạch của xã Đông Hưng, không phải xã Yên Lập")
    expect(page.locator("body")).to_contain_text("Xã Yên Lập đã có 1 kế hoạch năm 2026")
    expect(page.locator("#document-findings")).to_contain_text("41/50 hồ sơ, đạt tỷ lệ 86%")
    assert has_no_horizontal_scroll(page)

    page.get_by_role("button", name="Tạo kế hoạch dự thảo").click()
    expect(page.locator(".field.has-error", has_text="Văn bản có thể là của xã khác")).to_be_visible()
    expect(page.locator(".field.has-error", has_text="đã có kế hoạch năm 2026. Đánh dấu ô này")).to_be_visible()
    assert Plan.objects.filter(commune=commune, year=2026).count() == 1
    page.get_by_label("Văn bản ghi tên xã Đông Hưng: tôi đã kiểm tra, đây đúng là kế hoạch của xã Yên Lập").check()
    page.get_by_label("Xã đã có kế hoạch năm này: tôi vẫn muốn tạo thêm một kế hoạch").check()
    page.get_by_role("button", name="Tạo kế hoạch dự thảo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tạo kế hoạch dự thảo")
    assert Plan.objects.filter(commune=commune, year=2026).count() == 2

    expect(page.locator("#plan-check")).to_contain_text("Phát hiện trong văn bản gốc lúc nhập")
    expect(page.locator("#plan-check")).to_contain_text("41/50 hồ sơ, đạt tỷ lệ 86%")
    with page.expect_download() as download:
        page.locator("#plan-source").click()
    assert download.value.suggested_filename == "Kế hoạch CĐS Đông Hưng.md"
    assert has_no_horizontal_scroll(page)
