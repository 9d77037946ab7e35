import lxml.html
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.pdfs import TWO_PAGES, pdf_of_pages
from xaso import demo_documents as dd

pytestmark = pytest.mark.django_db


def test_anyone_can_check_a_document_without_logging_in(client):
    text = dd.to_markdown(dd.make_plan()) + "\nĐã giải quyết 6129/6190 hồ sơ, đạt 99,82%.\n"
    response = client.post(reverse("check_upload"), {"document": SimpleUploadedFile("kh.md", text.encode())})
    html = response.content.decode()
    assert response.status_code == 200
    assert "6129/6190 = 99,01%, không phải 99,82%" in html and "1 lỗi" in html


def test_a_bad_document_is_refused_on_the_check_page(client):
    response = client.post(reverse("check_upload"), {"document": SimpleUploadedFile("a.docx", b"MZ")})
    assert response.status_code == 400 and "không phải tệp Word" in response.content.decode()


def test_a_stored_plan_is_checked_by_the_same_rules(officer_client, plan, django_assert_max_num_queries):
    task = plan.tasks.first()
    task.lead_unit = None
    task.save()
    with django_assert_max_num_queries(8):  # one of them: whether the user has an authenticator
        html = officer_client.get(reverse("plan_findings", args=[plan.pk])).content.decode()
    assert f"Nhiệm vụ “{task.name}” không ghi đơn vị chủ trì." in html


def _checked(client, name, content):
    response = client.post(reverse("check_upload"), {"document": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _document_view(tree):
    """The document as the page lays it out: "Trang N" separators and (paragraph text, finding labels) rows."""
    shown = []
    for element in tree.xpath('//div[@class="doc-check"]/*'):
        if "page-sep" in element.get("class"):
            shown.append(element.text_content().strip())
        else:
            text = element.xpath('.//p[@class="doc-text"]')[0].text_content().strip()
            shown.append((text.split(" ", 1)[1], [label.text_content() for label in element.xpath(".//article//strong")]))
    return shown


def test_a_pdf_finding_sits_beside_its_page_and_line_not_the_same_line_of_page_1(client):
    shown = _document_view(_checked(client, "hai-trang.pdf", pdf_of_pages(TWO_PAGES)))
    assert shown == [
        "Trang 1",
        ("KẾ HOẠCH CHUYỂN ĐỔI SỐ NĂM 2026 Căn cứ tình hình thực tế của xã.", []),
        ("Đã giải quyết 6000/6190 hồ sơ, đạt 96,93%.", []),
        ("Tổ chức thực hiện.", []),
        "Trang 2",
        ("Phần I. Kết quả năm 2025", []),
        ("Các đơn vị đã triển khai đầy đủ.", []),
        ("Đã giải quyết 6129/6190 hồ sơ, đạt 99,82%.", ["Sai số học"]),
        ("Hết.", []),
    ]


def test_a_text_document_has_no_page_separators(client):
    text = dd.to_markdown(dd.make_plan()) + "\nĐã giải quyết 6129/6190 hồ sơ, đạt 99,82%.\n"
    shown = _document_view(_checked(client, "kh.md", text.encode()))
    assert all(isinstance(item, tuple) for item in shown)
    assert shown[-1] == ("Đã giải quyết 6129/6190 hồ sơ, đạt 99,82%.", ["Sai số học"])


def test_the_summary_counts_each_kind_and_links_to_its_first_finding(client):
    plan = dd.make_plan()
    plan.tasks[0][1] = ""  # a task without a lead unit: a finding about the table, not a paragraph
    text = dd.to_markdown(plan).replace("Phần II. KẾ HOẠCH NĂM 2027", "Phần II. KẾ HOẠCH NĂM 2026")
    text += "\nĐã giải quyết 6129/6190 hồ sơ, đạt 99,82%.\nĐã giải quyết 10/40 hồ sơ, đạt 20%.\n"
    tree = _checked(client, "kh.md", text.encode())
    assert tree.get_element_by_id("result").text_content() == "Kết quả: kh.md — 4 lỗi, 0 cảnh báo"
    summary = [(li.xpath("a")[0].text_content(), li.xpath("a")[0].get("href"),
                [badge.text_content() for badge in li.xpath("span")]) for li in tree.xpath('//ul[@class="kind-counts"]/li')]
    assert [(label, badges) for label, _, badges in summary] == [
        ("Sai số học", ["2 lỗi"]), ("Sai năm", ["1 lỗi"]), ("Thiếu thông tin “6 rõ”", ["1 lỗi"])]
    shown_in_order = tree.xpath('//*[@id="ve-toan-van-ban" or contains(@class, "doc-row")]')
    for label, href, _ in summary:
        target = tree.get_element_by_id(href.removeprefix("#"))
        first = next(e for e in shown_in_order if label in [s.text_content() for s in e.xpath(".//article//strong")])
        assert target is first, label
    assert dict((label, href) for label, href, _ in summary)["Thiếu thông tin “6 rõ”"] == "#ve-toan-van-ban"
