"""A PDF's line numbers restart on every page: a finding names its page as well, and findings come in page order."""

from tests.pdfs import TWO_PAGES, pdf_of_pages
from xaso.checks import check_document
from xaso.documents import read_bytes


def test_a_pdf_finding_carries_its_page_and_line():
    [finding] = check_document(read_bytes(pdf_of_pages(TWO_PAGES), "hai-trang.pdf"))
    assert (finding.page, finding.line, finding.where) == (2, 3, "trang 2, dòng 3")


def test_findings_of_a_pdf_come_in_page_order_not_line_order():
    pages = [TWO_PAGES[0] + ["Đã giải quyết 10/40 hồ sơ, đạt 20%."], TWO_PAGES[1]]
    findings = check_document(read_bytes(pdf_of_pages(pages), "hai-trang.pdf"))
    assert [(f.page, f.line) for f in findings] == [(1, 5), (2, 3)]
