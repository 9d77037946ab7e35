"""A report sent for review is read on its page, not edited (an accepted one says so and stays open to a new version): the values sent shown as text, who sent it
and when, and no "Lưu nháp" / "Gửi báo cáo" that could only be refused. A returned one is edited again. The
indicator values page does the same row by row. A POST all the same is still refused."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from xaso.accounts.models import Membership
from xaso.plans.models import Indicator
from xaso.tracking import services
from xaso.tracking.models import ACCEPTED, RETURNED, SUBMITTED, Evidence, IndicatorValue, TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
TASK = "Số hóa hồ sơ thủ tục hành chính"


@pytest.fixture
def unit(plan):
    return plan.commune.units.get(short_name="TT PVHCC")


@pytest.fixture
def reporter(django_user_model, unit):
    user = django_user_model.objects.create_user("donvi", password="mat-khau-du-dai-123", first_name="Lan",
                                                 last_name="Nguyễn Thị")
    Membership.objects.create(user=user, role="unit_reporter", commune=unit.commune, unit=unit)
    return user


@pytest.fixture
def reporter_client(client, reporter):
    log_in(client, reporter)
    return client


def _sent_report(plan, unit, reporter, officer, state):
    task = plan.tasks.get(name=TASK)
    report = services.save_task_report(
        user=reporter, task=task, unit=unit, period_code="2026-Q4", today=TODAY, submit=True,
        data=services.TaskReportData(status="in_progress", percent=40, achievements="Đã số hóa 300 hồ sơ hộ tịch",
                                     difficulties="Máy quét hay hỏng", proposals="Xin thêm một máy quét"))
    Evidence.objects.create(report=report, link="https://dichvucong.example.gov.vn/bao-cao", name="Báo cáo trên cổng")
    if state != SUBMITTED:
        services.review(user=officer, report=report, accept=state == ACCEPTED,
                        comment="" if state == ACCEPTED else "Thiếu số hồ sơ đất đai")
    return report


def _page(client, report):
    response = client.get(reverse("report_task", args=[report.task_id, report.unit_id, report.period]))
    return response, html.unescape(response.content.decode())


def _buttons(text) -> list[str]:
    return [b for b in re.findall(r"<button[^>]*>(.*?)</button>", text, re.S) if not b.startswith("Đăng xuất")]


SENT_VALUES = ["Đang triển khai", "40%", "Đã số hóa 300 hồ sơ hộ tịch", "Máy quét hay hỏng", "Xin thêm một máy quét",
               "Báo cáo trên cổng", "Lan Nguyễn Thị"]


def test_a_sent_report_is_read_not_edited(reporter_client, plan, unit, reporter, officer):
    report = _sent_report(plan, unit, reporter, officer, SUBMITTED)
    response, text = _page(reporter_client, report)
    assert response.status_code == 200
    assert re.search(r"Đã gửi lúc \d\d:\d\d ngày \d\d/\d\d/2026, đang chờ cán bộ xã duyệt", text), text
    assert _buttons(text) == [] and "<textarea" not in text and 'name="percent"' not in text
    sent = text.split('aria-label="Báo cáo đã gửi"', 1)[1].split("</section>", 1)[0]
    for value in SENT_VALUES:
        assert value in sent
    assert 'href="https://dichvucong.example.gov.vn/bao-cao"' in sent


def test_a_returned_report_is_edited_again_with_the_reviewers_comment(reporter_client, plan, unit, reporter, officer):
    report = _sent_report(plan, unit, reporter, officer, RETURNED)
    response, text = _page(reporter_client, report)
    assert response.status_code == 200
    assert "Bị trả lại: “Thiếu số hồ sơ đất đai”. Hãy sửa và gửi lại." in text
    assert _buttons(text) == ["Lưu nháp", "Gửi báo cáo"]
    assert re.search(r'<input[^>]*name="percent"[^>]*value="40"', text)
    assert re.search(r'name="achievements"[^>]*>\s*Đã số hóa 300 hồ sơ hộ tịch</textarea>', text)
    assert "đang chờ cán bộ xã duyệt" not in text


def test_an_accepted_report_says_so_and_is_corrected_in_a_new_version(reporter_client, plan, unit, reporter, officer):
    report = _sent_report(plan, unit, reporter, officer, ACCEPTED)
    response, text = _page(reporter_client, report)
    assert response.status_code == 200
    assert re.search(r"Đã được chấp nhận lúc \d\d:\d\d ngày \d\d/\d\d/2026, người duyệt: ", text), text
    assert "bản mới sẽ được duyệt lại" in text and _buttons(text) == ["Lưu nháp", "Gửi báo cáo"]
    sent = reporter_client.post(reverse("report_task", args=[report.task_id, unit.pk, "2026-Q4"]), {
        "status": "done", "percent": "100", "done_on": "20/11/2026", "achievements": "Xong", "submit": "1",
        "seen": f"{report.version}|{TaskReport.objects.get().updated_at.isoformat()}"})
    assert sent.status_code == 302, html.unescape(sent.content.decode())
    assert list(TaskReport.objects.order_by("version").values_list("version", "state")) == [
        (1, ACCEPTED), (2, SUBMITTED)]


@pytest.mark.parametrize("state,message", [(SUBMITTED, "Báo cáo đã gửi và đang chờ duyệt; chưa thể sửa.")])
def test_a_post_to_a_sent_report_is_still_refused(reporter_client, plan, unit, reporter, officer, state, message):
    report = _sent_report(plan, unit, reporter, officer, state)
    for button in ("save", "submit"):
        response = reporter_client.post(reverse("report_task", args=[report.task_id, unit.pk, "2026-Q4"]),
                                        {"status": "done", "percent": "100", button: "1"})
        text = html.unescape(response.content.decode())
        assert response.status_code == 400 and f'<p class="error" role="alert">{message}</p>' in text
        assert _buttons(text) == [] and "Đã số hóa 300 hồ sơ hộ tịch" in text  # still the sent report, read-only
    assert list(TaskReport.objects.values_list("version", "state", "percent")) == [(1, state, 40)]


@pytest.fixture
def indicators(plan):
    return [plan.indicators.get(), Indicator.objects.create(plan=plan, position=2, area="economy", unit="hộ",
                                                            text="Số hộ kinh doanh có gian hàng trực tuyến")]


def _value(indicator, unit, reporter, officer, state, value):
    entry = services.save_indicator_value(user=reporter, indicator=indicator, unit=unit, period_code="2026-Q4",
                                          today=TODAY, value=value, source="Cổng dịch vụ công", submit=True)
    if state != SUBMITTED:
        services.review(user=officer, report=entry, accept=state == ACCEPTED,
                        comment="" if state == ACCEPTED else "Ghi rõ nguồn")
    return entry


def _values_page(client, plan, unit):
    response = client.get(reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"]))
    return response, html.unescape(response.content.decode())


def _row(text, indicator) -> str:
    return next(row for row in text.split("<tr>") if indicator.text in row)


@pytest.mark.parametrize("states,line", [
    ((SUBMITTED, SUBMITTED), re.compile(r"Số liệu kỳ này đã gửi lúc \d\d:\d\d ngày \d\d/\d\d/2026, đang chờ cán bộ xã duyệt.")),
])
def test_indicator_values_all_sent_are_read_not_edited(reporter_client, plan, unit, reporter, officer, indicators,
                                                       states, line):
    for indicator, state, value in zip(indicators, states, (82.5, 1234)):
        _value(indicator, unit, reporter, officer, state, value)
    response, text = _values_page(reporter_client, plan, unit)
    assert response.status_code == 200 and line.search(text)
    assert _buttons(text) == [] and not re.search(r'name="form-\d-(value|numerator|denominator|source)"', text)
    assert "82,5%" in _row(text, indicators[0]) and "1.234" in _row(text, indicators[1])
    for indicator, state in zip(indicators, states):
        row = _row(text, indicator)
        assert "Cổng dịch vụ công" in row
        assert ("đang chờ cán bộ xã duyệt" in row) == (state == SUBMITTED)
        assert ("Đã được chấp nhận" in row) == (state == ACCEPTED)


@pytest.mark.parametrize("second", [None, RETURNED, ACCEPTED])  # accepted: corrected in a new version
def test_indicator_values_left_to_enter_keep_their_fields_and_buttons(reporter_client, plan, unit, reporter, officer,
                                                                      indicators, second):
    _value(indicators[0], unit, reporter, officer, SUBMITTED, 70)
    if second:
        _value(indicators[1], unit, reporter, officer, second, 12)
    response, text = _values_page(reporter_client, plan, unit)
    assert response.status_code == 200 and 'id="values-state"' not in text
    assert _buttons(text) == ["Lưu nháp", "Gửi số liệu"]
    assert 'name="form-0-value"' not in _row(text, indicators[0]) and "đang chờ cán bộ xã duyệt" in _row(text, indicators[0])
    assert 'name="form-1-value"' in _row(text, indicators[1])
    if second == RETURNED:
        assert "Bị trả lại: “Ghi rõ nguồn”" in _row(text, indicators[1])
    sent = reporter_client.post(reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"]), {
        "form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "form-0-indicator": indicators[0].pk,
        "form-1-indicator": indicators[1].pk, "form-1-value": "15", "submit": "1"})  # what the page posts
    assert sent.status_code == 302
    assert IndicatorValue.objects.filter(indicator=indicators[0]).count() == 1
    assert IndicatorValue.objects.filter(indicator=indicators[1]).order_by("-version").first().value == 15


@pytest.mark.parametrize("state,message", [(SUBMITTED, "Số liệu đã gửi và đang chờ duyệt; chưa thể sửa.")])
def test_a_tampered_post_of_a_sent_value_is_refused(reporter_client, plan, unit, reporter, officer, indicators, state,
                                                    message):
    _value(indicators[0], unit, reporter, officer, state, 70)
    response = reporter_client.post(reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"]), {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-indicator": indicators[0].pk,
        "form-0-value": "90", "submit": "1"})
    assert response.status_code == 400 and message in html.unescape(response.content.decode())
    assert list(IndicatorValue.objects.values_list("version", "state", "value")) == [(1, state, 70)]


@pytest.mark.parametrize("state, button", [
    (None, "Báo cáo"),
    ("draft", "Tiếp tục báo cáo"),
    (SUBMITTED, "Xem bản đã gửi"),
    (RETURNED, "Sửa và gửi lại"),
    (ACCEPTED, "Xem, báo cáo bổ sung"),
])
def test_the_unit_task_list_names_what_the_report_page_will_do(reporter_client, plan, unit, reporter, officer,
                                                               state, button):
    """A sent report opens read-only, so its button does not say "Báo cáo" as if a form were waiting."""
    if state == "draft":
        services.save_task_report(user=reporter, task=plan.tasks.get(name=TASK), unit=unit, period_code="2026-Q4",
                                  today=TODAY, submit=False,
                                  data=services.TaskReportData(status="in_progress", percent=10))
    elif state:
        _sent_report(plan, unit, reporter, officer, state)
    page = html.unescape(reporter_client.get(reverse("unit_tasks", args=[unit.pk])).content.decode())
    row = next(r for r in page.split("<tr") if TASK in r)
    assert re.search(r'class="button secondary" href="[^"]+">' + re.escape(button) + "</a>", row), row
