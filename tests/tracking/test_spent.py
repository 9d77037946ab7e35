"""What a unit spent in the period (triệu đồng) and from which source: typed the Vietnamese way on the report form,
refused in Vietnamese when it is not a sensible amount (nothing stored), the same through the API, shown on the
review card (before → after on a correction), the unit's page and the report's history."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.conftest import FROZEN_TODAY
from xaso.accounts.models import ApiToken
from xaso.core import status
from xaso.tracking import services as sv
from xaso.tracking.models import TaskReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(plan):
    return plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")


def _url(task):
    return reverse("report_task", args=[task.pk, task.lead_unit_id, "2026-Q4"])


def _text(response) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


def _field_error(response, name) -> str:
    found = re.search(rf'<p class="field-error" id="id_{name}_error">(.*?)</p>', response.content.decode(), re.S)
    return html.unescape(found.group(1)) if found else ""


def test_an_amount_typed_the_vietnamese_way_is_kept_and_shown_back_so(officer_client, task):
    page = officer_client.get(_url(task)).content.decode()
    assert "Kinh phí đã chi trong kỳ (triệu đồng)" in page and "không cộng dồn các kỳ trước" in page
    assert 'name="spent_million_vnd"' in page and 'inputmode="decimal"' in page
    assert "Kinh phí kế hoạch: 10 triệu đồng" in _text(officer_client.get(_url(task)))
    saved = officer_client.post(_url(task), {"status": "in_progress", "percent": "40", "spent_million_vnd": "1.234,5",
                                             "spent_source": "commune", "save": "1"})
    assert saved.status_code == 302
    report = TaskReport.objects.get()
    assert (report.spent_million_vnd, report.spent_source) == (Decimal("1234.5"), "commune")
    again = officer_client.get(_url(task))
    assert re.search(r'name="spent_million_vnd"[^>]*value="1.234,5"', again.content.decode())
    assert "đã chi 1.234,5 triệu đồng (ngân sách xã)" in _text(again)


@pytest.mark.parametrize("typed,source,field,message", [
    ("-5", "commune", "spent_million_vnd", "Kinh phí đã chi phải từ 0 đến 1.000.000."),
    ("1.000.000,01", "commune", "spent_million_vnd", "Kinh phí đã chi phải từ 0 đến 1.000.000."),
    ("5000000", "commune", "spent_million_vnd", "Kinh phí đã chi phải từ 0 đến 1.000.000."),
    ("một trăm", "commune", "spent_million_vnd", "Kinh phí đã chi phải là một số, ví dụ 1.234,5."),
    ("12abc", "commune", "spent_million_vnd", "Kinh phí đã chi phải là một số, ví dụ 1.234,5."),
    ("1,234", "commune", "spent_million_vnd", "Kinh phí đã chi chỉ ghi tối đa 2 chữ số sau dấu phẩy."),
    ("10", "ngan-sach", "spent_source", "Nguồn kinh phí không hợp lệ; hãy chọn trong danh sách."),
])
def test_an_amount_that_is_not_sensible_is_refused_beside_the_field(officer_client, task, typed, source, field, message):
    response = officer_client.post(_url(task), {"status": "in_progress", "percent": "40", "spent_million_vnd": typed,
                                                "spent_source": source, "submit": "1"})
    assert response.status_code == 400 and _field_error(response, field) == message
    assert not TaskReport.objects.exists()


def test_an_amount_spent_needs_its_source(officer_client, task):
    response = officer_client.post(_url(task), {"status": "in_progress", "percent": "40", "spent_million_vnd": "15",
                                                "submit": "1"})
    assert response.status_code == 400
    assert "Hãy chọn nguồn của kinh phí đã chi (ngân sách xã, cấp trên, xã hội hóa hay khác)." in _text(response)
    assert not TaskReport.objects.exists()


@pytest.mark.parametrize("spent,source,code", [
    (-1, "commune", "spent_negative"),
    (1_000_001, "commune", "spent_too_large"),
    ("1.234", "commune", "spent_decimals"),
    (10, "ngân sách xã", "bad_spent_source"),
    (10, "", "spent_source_required"),
    (None, "commune", "spent_required"),
])
def test_the_api_refuses_the_same_amounts_with_the_same_words(officer_client, officer, task, spent, source, code):
    response = officer_client.post("/api/reports", {
        "task_id": task.pk, "unit_id": task.lead_unit_id, "period": "2026-Q4", "status": "in_progress", "percent": 40,
        "spent_million_vnd": spent, "spent_source": source,
    }, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert response.status_code == 409 and response.json()["code"] == code
    assert not TaskReport.objects.exists()


@pytest.mark.parametrize("sent", ["NaN", "Infinity", "-Infinity"])
def test_the_api_refuses_what_is_not_a_number_and_the_write_path_too(officer_client, officer, task, sent):
    response = officer_client.post("/api/reports", {
        "task_id": task.pk, "unit_id": task.lead_unit_id, "period": "2026-Q4", "status": "in_progress", "percent": 40,
        "spent_million_vnd": sent, "spent_source": "commune",
    }, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert response.status_code == 422 and response.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."
    with pytest.raises(sv.ReportError) as refused:
        sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q4", today=FROZEN_TODAY,
                            data=sv.TaskReportData(status=status.IN_PROGRESS, percent=40,
                                                   spent_million_vnd=Decimal(sent), spent_source="commune"))
    assert refused.value.code == "spent_not_a_number"
    assert not TaskReport.objects.exists()


def test_the_api_takes_and_gives_the_amount(officer_client, officer, task):
    token = ApiToken.issue(officer)
    response = officer_client.post("/api/reports", {
        "task_id": task.pk, "unit_id": task.lead_unit_id, "period": "2026-Q4", "status": "in_progress", "percent": 40,
        "spent_million_vnd": 1234.5, "spent_source": "social",
    }, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 200
    body = officer_client.get(f"/api/reports/{response.json()['id']}", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    assert Decimal(str(body["spent_million_vnd"])) == Decimal("1234.5") and body["spent_source"] == "social"


def _send(user, task, **fields):
    data = sv.TaskReportData(**{"status": status.IN_PROGRESS, "percent": 40, **fields})
    return sv.submit(user=user, report=sv.save_task_report(user=user, task=task, unit=task.lead_unit,
                                                           period_code="2026-Q4", data=data, today=FROZEN_TODAY))


def _card(officer_client, plan, report_pk) -> str:
    page = officer_client.get(reverse("review_queue", args=[plan.commune_id])).content.decode()
    found = re.search(rf'<article class="card review-item" id="report-{report_pk}".*?</article>', page, re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))))


def test_the_review_card_shows_the_amount_and_its_correction(officer_client, officer, plan, task):
    first = _send(officer, task, spent_million_vnd=Decimal("1234.5"), spent_source="commune")
    card = _card(officer_client, plan, first.pk)
    assert "Kinh phí đã chi trong kỳ 1.234,5 triệu đồng" in card and "Nguồn kinh phí đã chi Ngân sách xã" in card
    sv.review(user=officer, report=first, accept=False, comment="Số đã chi gồm cả kinh phí tỉnh")
    second = _send(officer, task, spent_million_vnd=Decimal("900"), spent_source="higher")
    card = _card(officer_client, plan, second.pk)
    assert "Kinh phí đã chi trong kỳ: 1.234,5 triệu đồng → 900 triệu đồng" in card
    assert "Nguồn kinh phí đã chi: Ngân sách xã → Ngân sách cấp trên" in card


def test_the_units_page_and_the_history_show_the_amount(officer_client, officer, plan, task):
    sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q4", today=FROZEN_TODAY,
                        data=sv.TaskReportData(status=status.IN_PROGRESS, percent=40, spent_million_vnd=100,
                                               spent_source="commune"))
    report = _send(officer, task, spent_million_vnd=Decimal("1234.5"), spent_source="social")  # the same draft, sent
    unit_page = _text(officer_client.get(reverse("unit_reports", args=[task.lead_unit_id])))
    assert "Đã chi trong kỳ: 1.234,5 triệu đồng (xã hội hóa)" in unit_page
    history = _text(officer_client.get(reverse("object_history", args=["report", report.pk])))
    assert "100 → 1.234,5" in history and "Ngân sách xã → Xã hội hóa" in history
