"""The report and indicator-value forms as a unit fills them: numbers typed the Vietnamese way, impossible dates
refused with the words the API uses too."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from xaso.accounts.models import ApiToken
from xaso.plans.models import Indicator
from xaso.tracking.models import IndicatorValue, TaskReport

pytestmark = pytest.mark.django_db


@pytest.fixture
def task(plan):
    return plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")  # Quý II–IV/2026: starts 01/04/2026


def _report_url(task):
    return reverse("report_task", args=[task.pk, task.lead_unit_id, "2026-Q4"])


def _field_error(response, name) -> str:
    found = re.search(rf'<p class="field-error" id="id_{name}_error">(.*?)</p>', response.content.decode(), re.S)
    return html.unescape(found.group(1)) if found else ""


def _input_value(response, name) -> str:
    found = re.search(rf'<input[^>]*name="{name}"[^>]*>', response.content.decode())
    return html.unescape(re.search(r'value="([^"]*)"', found.group(0)).group(1))


def test_a_percent_typed_with_a_decimal_comma_is_kept_and_shown_back_so(officer_client, task):
    saved = officer_client.post(_report_url(task), {"status": "in_progress", "percent": "9,5", "save": "1"})
    assert saved.status_code == 302
    assert TaskReport.objects.get().percent == Decimal("9.5")
    page = officer_client.get(_report_url(task))
    assert _input_value(page, "percent") == "9,5"
    assert 'inputmode="decimal"' in page.content.decode() and 'type="number"' not in page.content.decode()
    assert "Lần 1: Bản nháp, 9,5%" in page.content.decode()


@pytest.mark.parametrize("typed,kept", [("85%", Decimal(85)), ("99.3", Decimal("99.3")), ("100", Decimal(100))])
def test_what_units_type_into_the_percent(officer_client, task, typed, kept):
    assert officer_client.post(_report_url(task), {"status": "in_progress", "percent": typed}).status_code == 302
    assert TaskReport.objects.get().percent == kept


@pytest.mark.parametrize("typed,message", [
    ("abc", "Tỷ lệ hoàn thành phải là một số, ví dụ 40 hoặc 9,5."),
    ("150", "Tỷ lệ hoàn thành phải từ 0 đến 100."),
    ("9,555", "Tỷ lệ hoàn thành chỉ ghi tối đa 2 chữ số sau dấu phẩy."),
])
def test_a_percent_that_is_not_one_is_refused_beside_the_field(officer_client, task, typed, message):
    response = officer_client.post(_report_url(task), {"status": "in_progress", "percent": typed, "submit": "1"})
    assert response.status_code == 400 and _field_error(response, "percent") == message
    assert _input_value(response, "percent") == typed  # what the user typed stays for them to fix
    assert not TaskReport.objects.exists()


@pytest.mark.parametrize("typed,code,message", [
    ("23/11/2026", "done_on_future",
     "Ngày hoàn thành 23/11/2026 chưa đến (hôm nay là 22/11/2026); chỉ ghi ngày nhiệm vụ đã thực sự hoàn thành."),
    ("15/06/2025", "done_on_before_plan", "Ngày hoàn thành 15/06/2025 ở trước năm kế hoạch 2026."),
    ("31/03/2026", "done_on_before_start", "Ngày hoàn thành 31/03/2026 ở trước ngày bắt đầu của nhiệm vụ (01/04/2026)."),
])
def test_an_impossible_completion_date_is_refused_alike_by_the_page_and_the_api(officer_client, officer, task,
                                                                                   typed, code, message):
    page = officer_client.post(_report_url(task), {"status": "done", "percent": "100", "done_on": typed, "submit": "1"})
    assert page.status_code == 400 and message in html.unescape(page.content.decode())
    day, month, year = typed.split("/")
    api = officer_client.post("/api/reports", {
        "task_id": task.pk, "unit_id": task.lead_unit_id, "period": "2026-Q4", "status": "done", "percent": 100,
        "done_on": f"{year}-{month}-{day}", "submit": True,
    }, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert api.status_code == 409 and api.json()["code"] == code and api.json()["detail"].startswith(message)
    assert not TaskReport.objects.exists()


def test_a_nonsense_date_is_refused_on_the_page(officer_client, task):
    response = officer_client.post(_report_url(task), {"status": "done", "percent": "100", "done_on": "31/02/2026"})
    assert response.status_code == 400
    assert _field_error(response, "done_on") == "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."


def test_the_api_takes_a_percent_with_decimals(officer_client, officer, task):
    response = officer_client.post("/api/reports", {
        "task_id": task.pk, "unit_id": task.lead_unit_id, "period": "2026-Q4", "status": "in_progress", "percent": 9.5,
    }, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert response.status_code == 200 and response.json()["percent"] == 9.5
    assert TaskReport.objects.get().percent == Decimal("9.5")


@pytest.fixture
def households(plan):
    return Indicator.objects.create(plan=plan, position=2, area="economy", unit="hộ",
                                    text="Số hộ kinh doanh có gian hàng trực tuyến")


def test_indicator_values_are_typed_the_vietnamese_way_and_shown_back_so(officer_client, plan, households):
    unit = plan.commune.units.get(short_name="Phòng VH-XH")
    url = reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"])
    rows = list(plan.indicators.order_by("position"))
    post = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "save": "1"}
    for i, indicator in enumerate(rows):
        post[f"form-{i}-indicator"] = indicator.pk
    refused = officer_client.post(url, {**post, "form-0-value": "85%", "form-1-value": "abc"})
    assert refused.status_code == 400 and not IndicatorValue.objects.exists()
    assert "Giá trị phải là một số, ví dụ 85,5 hoặc 1.234,5." in html.unescape(refused.content.decode())
    saved = officer_client.post(url, {**post, "form-0-numerator": "1.234", "form-0-denominator": "1.500",
                                      "form-1-value": "1.234,5"})
    assert saved.status_code == 302
    kept = {v.indicator_id: v for v in IndicatorValue.objects.all()}
    assert kept[households.pk].value == Decimal("1234.5")
    assert kept[rows[0].pk].value == Decimal("82.27") and kept[rows[0].pk].numerator == 1234
    page = officer_client.get(url)
    assert _input_value(page, "form-1-value") == "1.234,5"
    assert _input_value(page, "form-0-value") == "82,27" and _input_value(page, "form-0-denominator") == "1.500"
