"""Upload → review → confirm, and every bad upload refused on the form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso import demo_documents as dd
from xaso.plans.models import ImportDraft, Plan

from tests.import_jobs import upload

pytestmark = pytest.mark.django_db


def _upload(client, commune, name, data):
    return upload(client, commune, name, data)


@pytest.mark.parametrize("name,data,message", [
    ("a.docx", b"PK\x03\x04 broken", "bị hỏng"),
    ("a.exe", b"MZ", "Chỉ nhận tệp"),
    ("a.txt", b"", "rỗng"),
    ("a.pdf", b"%PDF-1.4 nothing", "không đọc được như tệp PDF"),
])
def test_a_bad_upload_is_refused_on_the_form(officer_client, commune, name, data, message):
    response = _upload(officer_client, commune, name, data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ImportDraft.objects.exists() and not Plan.objects.exists()


def test_an_upload_over_the_limit_is_refused(officer_client, commune, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    response = _upload(officer_client, commune, "a.docx", dd.to_docx(dd.make_plan()))
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()


def test_review_shows_each_row_beside_its_source_and_confirm_creates_a_draft(officer_client, commune):
    data = dd.to_docx(dd.make_plan(commune=commune.name))
    response = _upload(officer_client, commune, "ke-hoach.docx", data)
    draft = ImportDraft.objects.get()
    assert response.url == reverse("import_review", args=[draft.pk])
    page = officer_client.get(response.url).content.decode()
    assert "Số hóa hồ sơ thủ tục hành chính | Trung tâm Phục vụ hành chính công" in page  # the source row
    assert page.count('class="review-row') == 12
    form = officer_client.get(response.url).context
    post = {"title": "Kế hoạch CĐS 2027", "year": "2027", "number": "15/KH-UBND", "signer": "Nguyễn Văn Bình"}
    for prefix, formset in (("ind", form["indicators"]), ("task", form["tasks"])):
        post.update({f"{prefix}-TOTAL_FORMS": formset.total_form_count(), f"{prefix}-INITIAL_FORMS": formset.initial_form_count()})
        for i, f in enumerate(formset.forms):
            for name, field in f.fields.items():
                value = f.initial.get(name)
                if name == "keep":
                    if i != 0:
                        post[f"{prefix}-{i}-{name}"] = "on"  # the officer drops the first row of each list
                elif value not in (None, []):
                    post[f"{prefix}-{i}-{name}"] = value
    post["task-1-budget_million_vnd"] = "abc"
    refused = officer_client.post(response.url, post)
    assert refused.status_code == 400 and "Kinh phí phải là một số" in refused.content.decode()
    assert not Plan.objects.exists()
    post["task-1-budget_million_vnd"] = "25,5"
    done = officer_client.post(response.url, post)
    plan = Plan.objects.get()
    assert done.url == reverse("plan_detail", args=[plan.pk])
    assert (plan.status, plan.number, plan.indicators.count(), plan.tasks.count()) == (Plan.DRAFT, "15/KH-UBND", 5, 5)
    assert plan.tasks.get(position=1).budget_million_vnd == 25.5
    assert plan.source_file.read() == data
    assert not ImportDraft.objects.exists()
