import pytest
from playwright.sync_api import expect

from xaso import demo_documents as dd

pytestmark = pytest.mark.browser


def test_drop_a_document_and_see_its_mistakes_beside_the_text(page, live_server, transactional_db, tmp_path):
    text = dd.to_markdown(dd.make_plan()).replace("Phần II. KẾ HOẠCH NĂM 2027", "Phần II. KẾ HOẠCH NĂM 2026")
    path = tmp_path / "ke-hoach.md"
    path.write_text(text)
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Kiểm tra văn bản").click()
    page.set_input_files("#id_document", str(path))
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("#result")).to_contain_text("1 lỗi")
    flagged = page.locator(".doc-row.flagged")
    expect(flagged).to_have_count(1)
    expect(flagged.locator(".doc-text")).to_contain_text("Phần II. KẾ HOẠCH NĂM 2026")
    expect(flagged.locator(".finding")).to_contain_text("Đây là kế hoạch năm 2027")
