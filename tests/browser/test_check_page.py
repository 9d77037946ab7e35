import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LAPTOP, PHONE, has_no_horizontal_scroll
from tests.pdfs import TWO_PAGES, pdf_of_pages
from xaso import demo_documents as dd

pytestmark = pytest.mark.browser


def _check(page, live_server, path):
    page.goto(live_server.url + "/check/")
    page.set_input_files("#id_document", str(path))
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.locator("#result")).to_be_visible()


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


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390px", "1366px"])
def test_a_long_document_opens_on_its_summary(page_at, live_server, transactional_db, tmp_path, size):
    """A 400-paragraph plan: the counts are above the fold, each jumps to its first finding; a phone shows only
    the paragraphs with findings until asked for the whole text, a laptop the whole text until asked otherwise."""
    width, height = size
    text = dd.to_markdown(dd.make_plan(filler_paragraphs=400)).replace("Phần II. KẾ HOẠCH NĂM 2027", "Phần II. KẾ HOẠCH NĂM 2026")
    path = tmp_path / "dai.md"
    path.write_text(text + "\nĐã giải quyết 6129/6190 hồ sơ, đạt 99,82%.\n")
    page = page_at(width, height)
    _check(page, live_server, path)
    summary = page.locator("#summary").bounding_box()
    assert summary["y"] + summary["height"] <= height
    expect(page.locator("#summary")).to_contain_text("Sai năm: 1 lỗi")
    expect(page.locator("#summary")).to_contain_text("Sai số học: 1 lỗi")
    assert has_no_horizontal_scroll(page)

    quiet = page.locator(".doc-row:not(.flagged)")
    flagged = page.locator(".doc-row.flagged")
    expect(flagged).to_have_count(2)
    if width == PHONE[0]:
        expect(quiet.first).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollHeight") < 3 * height
        page.get_by_label("Hiện toàn văn bản").check()
        expect(quiet.first).to_be_visible()
    else:
        expect(quiet.first).to_be_visible()
        page.get_by_label("Chỉ hiện đoạn có phát hiện").check()
        expect(quiet.first).to_be_hidden()
    expect(flagged.first).to_be_visible()

    page.locator("#summary").get_by_role("link", name="Sai số học").click()
    target = flagged.filter(has_text="6129/6190")
    expect(target).to_be_in_viewport()
    assert page.evaluate("location.hash") == "#" + target.get_attribute("id")
    assert has_no_horizontal_scroll(page)


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["390px", "1366px"])
def test_a_pdf_finding_on_page_2_line_3_is_shown_beside_page_2s_line_3(page_at, live_server, transactional_db, tmp_path, size):
    path = tmp_path / "hai-trang.pdf"
    path.write_bytes(pdf_of_pages(TWO_PAGES))
    page = page_at(*size)
    _check(page, live_server, path)
    flagged = page.locator(".doc-row.flagged")
    expect(flagged).to_have_count(1)
    expect(flagged.locator(".doc-text")).to_have_text("3 Đã giải quyết 6129/6190 hồ sơ, đạt 99,82%.")
    expect(flagged.locator(".finding")).to_contain_text("trang 2, dòng 3")
    expect(page.locator(".page-sep", has_text="Trang 2")).to_be_visible()
    section = flagged.evaluate("row => { let e = row; while (!e.classList.contains('page-sep')) e = e.previousElementSibling;"
                               " return e.textContent.trim(); }")
    assert section == "Trang 2"
    row, finding = flagged.bounding_box(), flagged.locator(".finding").bounding_box()
    assert row["y"] <= finding["y"] and finding["y"] + finding["height"] <= row["y"] + row["height"]
    assert has_no_horizontal_scroll(page)
