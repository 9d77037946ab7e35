import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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
    with django_assert_max_num_queries(7):
        html = officer_client.get(reverse("plan_findings", args=[plan.pk])).content.decode()
    assert f"Nhiệm vụ “{task.name}” không ghi đơn vị chủ trì." in html
