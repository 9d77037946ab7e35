import pytest
from playwright.sync_api import expect

from xaso import demo_documents as dd

pytestmark = pytest.mark.browser


def test_upload_correct_a_field_confirm_and_see_the_plan(signed_in, live_server, worker, commune, tmp_path):
    page = signed_in
    document = tmp_path / "ke-hoach-2027.docx"
    document.write_bytes(dd.to_docx(dd.make_plan(commune=commune.name)))
    page.goto(f"{live_server.url}/communes/{commune.pk}/")
    page.get_by_role("link", name="Nhập từ văn bản").click()
    page.set_input_files("#id_document", str(document))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.locator("h1")).to_contain_text("Xem lại: ke-hoach-2027.docx", timeout=60_000)  # read by the worker
    expect(page.locator(".review-row[data-kind=task]")).to_have_count(6)
    expect(page.locator(".review-row[data-kind=task]").first.locator(".source")).to_contain_text("Số hóa hồ sơ thủ tục hành chính")

    page.fill("#id_task-0-lead", "Văn phòng HĐND và UBND")
    page.get_by_role("button", name="Tạo kế hoạch dự thảo").click()
    expect(page.get_by_role("status")).to_contain_text("Đã tạo kế hoạch dự thảo với 6 chỉ tiêu và 6 nhiệm vụ")
    row = page.locator("#tasks tbody tr", has_text="Số hóa hồ sơ thủ tục hành chính")
    expect(row).to_contain_text("VP HĐND-UBND")
    expect(page.locator("#indicators")).to_contain_text("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến")


def test_a_review_of_200_tasks_is_confirmed_from_the_browser(signed_in, live_server, worker, commune, tmp_path):
    """Over 2,800 inputs: the page's script sends them as one field, under Django's field-count limit."""
    from xaso.plans.models import ImportDraft, Plan

    page = signed_in
    document = tmp_path / "ke-hoach-lon.docx"
    document.write_bytes(dd.to_docx(dd.make_plan(commune=commune.name, tasks=20)))
    page.goto(f"{live_server.url}/communes/{commune.pk}/import/")
    page.set_input_files("#id_document", str(document))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.locator("h1")).to_contain_text("Xem lại: ke-hoach-lon.docx", timeout=60_000)  # read by the worker
    draft = ImportDraft.objects.get()  # grown to 200 tasks as a long plan would read (see tests/plans/test_import_large.py)
    read = draft.data["tasks"]
    draft.data["tasks"] = [{**read[i % len(read)], "name": f"{read[i % len(read)]['name']} (lần {i + 1})"}
                           for i in range(200)]
    draft.save()
    page.reload()
    expect(page.locator(".review-row[data-kind=task]")).to_have_count(200)
    assert page.locator("#review input, #review textarea").count() > 2000

    page.fill("#id_task-199-lead", "Văn phòng HĐND và UBND")
    page.locator("#id_task-5-keep").uncheck()
    page.get_by_role("button", name="Tạo kế hoạch dự thảo").click()
    expect(page.get_by_role("status")).to_contain_text("nhiệm vụ")
    plan = Plan.objects.get()
    assert plan.tasks.count() == 199
    assert plan.tasks.order_by("position").last().lead_text == "Văn phòng HĐND và UBND"
