"""The REST API as a province's other systems use it: a bearer key, pages of results, filters, and the
same permissions as the pages."""

import pytest

from xaso.accounts.models import ApiToken
from xaso.plans.models import Commune, Plan, Province

from tests.login import log_in


@pytest.fixture
def api(client, officer):
    key = ApiToken.issue(officer, "thử")
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def test_the_documentation_and_schema_are_served_without_a_cdn(client, db):
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "cdn" not in docs.content.decode().lower()
    schema = client.get("/api/openapi.json").json()
    assert {"/api/plans", "/api/tasks", "/api/reports", "/api/values", "/api/communes/{commune_id}/figures"} <= set(schema["paths"])


def test_without_a_key_or_session_the_api_answers_401_in_vietnamese(client, db):
    response = client.get("/api/plans")
    assert response.status_code == 401 and "Chưa đăng nhập" in response.json()["detail"]
    client.defaults["HTTP_AUTHORIZATION"] = "Bearer sai"
    assert client.get("/api/plans").status_code == 401


def test_lists_are_paginated_filtered_and_limited_to_the_callers_communes(api, plan):
    other_province = Province.objects.create(name="Tỉnh Khác")
    hidden = Plan.objects.create(commune=Commune.objects.create(province=other_province, name="Xa Lạ"), year=2026, title="KH xã lạ")
    body = api.get("/api/plans").json()
    assert body["count"] == 1 and body["items"][0]["id"] == plan.pk
    assert api.get(f"/api/plans/{hidden.pk}").status_code == 403
    tasks = api.get("/api/tasks", {"plan": plan.pk, "page_size": 2}).json()
    assert tasks["count"] == 3 and len(tasks["items"]) == 2
    assert [t["area"] for t in api.get("/api/tasks", {"area": "economy"}).json()["items"]] == ["economy"]
    assert api.get("/api/tasks", {"page_size": 0}).status_code == 422


def test_a_reporter_saves_and_submits_and_the_officer_reviews(api, officer, plan, django_user_model):
    from xaso.accounts.models import UNIT_REPORTER, Membership

    unit = plan.commune.units.get(short_name="TT PVHCC")
    task = plan.tasks.get(lead_unit=unit)
    reporter = django_user_model.objects.create_user("baocao", password="mat-khau-du-dai-123")
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, unit=unit)
    from django.test import Client

    reporter_api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(reporter)}")
    payload = {"task_id": task.pk, "unit_id": unit.pk, "period": "2026-Q4", "status": "in_progress", "percent": 60,
               "submit": True}
    saved = reporter_api.post("/api/reports", payload, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["state"] == "submitted"
    again = reporter_api.post("/api/reports", payload, content_type="application/json")
    assert again.status_code == 409 and "chờ duyệt" in again.json()["detail"]
    report_id = saved.json()["id"]
    assert reporter_api.post(f"/api/reports/{report_id}/review", {"accept": True}, content_type="application/json").status_code == 403
    reviewed = api.post(f"/api/reports/{report_id}/review", {"accept": True}, content_type="application/json")
    assert reviewed.status_code == 200 and reviewed.json()["state"] == "accepted"
    twice = api.post(f"/api/reports/{report_id}/review", {"accept": False, "comment": "x"}, content_type="application/json")
    assert twice.status_code == 409
    task.refresh_from_db()
    assert task.reported_percent == 60
    history = task.reports.get().history.all()
    assert {h.history_user for h in history} == {reporter, officer}


def test_session_writes_need_the_csrf_token(plan, officer):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    log_in(browser, officer)
    assert browser.get("/api/plans").status_code == 200
    refused = browser.post("/api/reports/1/review", {"accept": True}, content_type="application/json")
    assert refused.status_code == 403


def test_dashboard_figures(api, plan, province_client):
    figures = api.get(f"/api/communes/{plan.commune_id}/figures").json()
    assert figures["plan_id"] == plan.pk and {c["key"] for c in figures["cards"]} >= {"done", "overdue"}
    assert api.get(f"/api/provinces/{plan.commune.province_id}/ranking").status_code == 403
    ranking = province_client.get(f"/api/provinces/{plan.commune.province_id}/ranking").json()
    assert ranking[0]["commune_id"] == plan.commune_id and ranking[0]["tasks"] == 3


def test_huge_and_hostile_values_are_a_422_not_a_server_error(api, plan):
    assert api.get(f"/api/plans/{2**70}").status_code == 422
    assert api.get("/api/tasks", {"area": "a\x00b"}).status_code == 422
    bad = api.post("/api/reports", {"task_id": 1, "unit_id": 1, "period": "x", "status": "done", "achievements": "\x00"},
                   content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."


def test_a_plan_document_is_imported_as_a_draft(api, commune):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from xaso import demo_documents as dd

    upload = SimpleUploadedFile("ke-hoach.docx", dd.to_docx(dd.make_plan(commune="Yên Lập", year=2026)))
    response = api.post(f"/api/communes/{commune.pk}/plans/import", {"document": upload})
    assert response.status_code == 200, response.content
    plan = Plan.objects.get(pk=response.json()["id"])
    assert plan.status == Plan.DRAFT and plan.year == 2026 and plan.tasks.count() >= 5
    junk = api.post(f"/api/communes/{commune.pk}/plans/import", {"document": SimpleUploadedFile("x.docx", b"PK\x03\x04rac")})
    assert junk.status_code == 400 and "docx" in junk.json()["detail"].lower()


def test_a_value_is_entered_as_a_ratio_and_submitted(api, plan):
    indicator = plan.indicators.get()
    unit = plan.commune.units.get(short_name="TT PVHCC")
    payload = {"indicator_id": indicator.pk, "unit_id": unit.pk, "period": "2026-Q4", "numerator": 45,
               "denominator": 50, "submit": True}
    saved = api.post("/api/values", payload, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["state"] == "submitted" and float(saved.json()["value"]) == 90.0
    again = api.post("/api/values", payload, content_type="application/json")
    assert again.status_code == 409 and "chờ duyệt" in again.json()["detail"]
    other = plan.commune.units.get(short_name="Phòng KT").pk
    bad = api.post("/api/values", {**payload, "unit_id": other, "numerator": 60}, content_type="application/json")
    assert bad.status_code == 409 and "vượt 100%" in bad.json()["detail"]


def test_a_user_makes_and_revokes_a_key_on_the_page(officer_client, officer, db):
    page = officer_client.post("/account/api-keys/", {"name": "phần mềm của Sở"}).content.decode()
    key = page.split("<code>")[2].split("</code>")[0]
    from django.test import Client

    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/plans").status_code == 200
    token = ApiToken.objects.get(user=officer)
    assert token.digest != key and "phần mềm của Sở" in officer_client.get("/account/api-keys/").content.decode()
    officer_client.post("/account/api-keys/", {"revoke": token.pk})
    assert Client(HTTP_AUTHORIZATION=f"Bearer {key}").get("/api/plans").status_code == 401
