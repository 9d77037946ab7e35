"""Confidence shown on the import review: the fields holding a word a scan's OCR was unsure of get the amber outline
of unread fields, the words are marked, and the source's pages are shown beside the rows (PDF sources only)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.pdfs import pdf_of_pages
from xaso.extract.model import ExtractedPlan, IndicatorRow, Source, TaskRow
from xaso.plans.models import ImportDraft

pytestmark = pytest.mark.django_db
MARKED = re.compile(r'<div class="field[^"]*\bmissing\b[^"]*\bunsure\b[^"]*">\s*<label for="id_([\w-]+)"')


def _draft(commune, unsure, *, name="ke-hoach.docx", data=b"PK\x03\x04", pages=0):
    plan = ExtractedPlan(source=name, commune=commune.name, plan_year=2026)
    plan.indicators = [IndicatorRow(group=None, text="Tỷ lệ hồ sơ trực tuyến", baseline="80%", target="≥ 95%",
                                    target_value=95, unit="%", comparator=">=", source=Source("trang 1, dòng 4", "Tỷ lệ hồ sơ trực tuyến ≥ 95%"))]
    plan.tasks = [TaskRow(group=None, name="Số hóa hồ sơ thủ tục hành chính", lead="Trung tâm Phục vụ hành chính công",
                          timeline="Quý II/2026", output="Hồ sơ số hóa", source=Source("trang 2, dòng 7",
                                                                                         "Số hóa hồ sơ thủ tục hành chính"))]
    return ImportDraft.objects.create(commune=commune, source_name=name, source_file=SimpleUploadedFile(name, data),
                                      data=plan.to_draft() | {"findings": [], "unsure": unsure, "pages": pages})


@pytest.mark.parametrize("unsure,fields", [
    ([], set()),
    (["trực"], {"ind-0-text"}),  # a whole word of one field
    (["hồ"], {"ind-0-text", "task-0-name"}),  # the same word in two rows
    (["Phục", "II/2026"], {"task-0-lead", "task-0-timeline"}),
    (["95%"], {"ind-0-target"}),
    (["hô"], set()),  # a word not in any field (not found inside "hồ")
    (["tuyế"], set()),  # part of a word is no match
])
def test_exactly_the_fields_holding_an_unsure_word_are_marked(officer_client, commune, unsure, fields):
    page = officer_client.get(reverse("import_review", args=[_draft(commune, unsure).pk])).content.decode()
    assert set(MARKED.findall(page)) == fields
    assert ("từ đọc chưa chắc chắn — hãy kiểm tra các ô được đánh dấu" in page) == bool(unsure)
    if unsure:
        assert f"{len(unsure)} từ đọc chưa chắc chắn" in page
    for word in unsure:
        if fields:
            assert f"<mark>{word}</mark>" in page


def test_the_review_of_a_pdf_shows_its_pages_as_images_and_others_none(officer_client, commune):
    pdf = pdf_of_pages([["Ke hoach chuyen doi so", "Trang mot"], ["Trang hai"]])
    draft = _draft(commune, [], name="ke-hoach.pdf", data=pdf, pages=2)
    page = officer_client.get(reverse("import_review", args=[draft.pk])).content.decode()
    assert page.count('class="card page-images"') == 1 and 'href="#trang-2"' in page
    image = officer_client.get(reverse("import_page_image", args=[draft.pk, 2]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png" and image.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert "no-store" in image["Cache-Control"] and "default-src 'self'" in image["Content-Security-Policy"]
    for bad in (0, 3, 99):
        assert officer_client.get(reverse("import_page_image", args=[draft.pk, bad])).status_code == 404
    assert Client().get(reverse("import_page_image", args=[draft.pk, 1])).status_code == 302  # to the login page
    docx = _draft(commune, [])
    assert 'class="card page-images"' not in officer_client.get(reverse("import_review", args=[docx.pk])).content.decode()
    assert officer_client.get(reverse("import_page_image", args=[docx.pk, 1])).status_code == 404
