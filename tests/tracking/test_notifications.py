"""A report's events are told at once, through the real pages and the API: sent → the commune's DX officers,
returned or accepted → the unit's reporters; the header counts what is unread; the notifications page marks
read one or all; opening a notification marks it read and goes to its page."""

import re
from datetime import date

import pytest
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse

from xaso.accounts.models import COMMUNE_OFFICER, LEADER, PROVINCE_OFFICER, UNIT_REPORTER, ApiToken, Membership
from xaso.tracking import services as sv
from xaso.tracking.models import UNREAD, IndicatorValue, Notification, TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db
TASK = "Số hóa hồ sơ thủ tục hành chính"


@pytest.fixture
def people(plan, django_user_model):
    """Two reporters of TT PVHCC, two DX officers, a leader and a province officer (who reviews only where
    the commune has no officer)."""
    commune = plan.commune
    unit = commune.units.get(short_name="TT PVHCC")
    made = {}
    for name, role, place in [("donvi", UNIT_REPORTER, {"unit": unit}), ("donvi2", UNIT_REPORTER, {"unit": unit}),
                              ("canbo1", COMMUNE_OFFICER, {"commune": commune}),
                              ("canbo2", COMMUNE_OFFICER, {"commune": commune}),
                              ("lanhdao", LEADER, {"commune": commune}),
                              ("tinh", PROVINCE_OFFICER, {"province": commune.province})]:
        made[name] = django_user_model.objects.create_user(name, email=f"{name}@xa.example", password="x")
        Membership.objects.create(user=made[name], role=role, **place)
    return unit, made


def _client(user):
    client = Client()
    log_in(client, user)
    return client


def _unread_in_header(client) -> int:
    found = re.search(r'id="unread-count">(\d+)<', client.get("/").content.decode())
    return int(found.group(1)) if found else 0


def _send_by_page(client, task, unit, **fields):
    url = reverse("report_task", args=[task.pk, unit.pk, "2026-Q4"])
    response = client.post(url, {"status": "in_progress", "percent": "40", "submit": "1", **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return TaskReport.objects.filter(task=task, unit=unit).order_by("-version").first()


def _review_by_page(client, report, accept, comment=""):
    response = client.post(reverse("review_queue", args=[report.unit.commune_id]),
                           {"id": report.pk, "kind": "report", "comment": comment, "accept" if accept else "return": "1"})
    assert response.status_code == 302


def _send_by_api(user, task, unit, **fields):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")
    response = api.post("/api/reports", {"task_id": task.pk, "unit_id": unit.pk, "period": "2026-Q4",
                                         "status": "in_progress", "percent": 40, "submit": True, **fields},
                        content_type="application/json")
    assert response.status_code == 200, response.json()
    return TaskReport.objects.get(pk=response.json()["id"])


def _review_by_api(user, report, accept, comment=""):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}")
    response = api.post(f"/api/reports/{report.pk}/review", {"accept": accept, "comment": comment},
                        content_type="application/json")
    assert response.status_code == 200, response.json()


CHANNELS = {
    "pages": (lambda user, task, unit: _send_by_page(_client(user), task, unit),
              lambda user, report, accept, comment="": _review_by_page(_client(user), report, accept, comment)),
    "api": (_send_by_api, _review_by_api),
}


@pytest.mark.parametrize("channel", CHANNELS)
def test_send_return_send_again_accept_tells_the_next_person_at_once(channel, plan, people, settings,
                                                                    django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://xaso.example.gov.vn"
    send, review = CHANNELS[channel]
    unit, p = people
    task = plan.tasks.get(name=TASK)
    officers, reporters = [p["canbo1"], p["canbo2"]], [p["donvi"], p["donvi2"]]

    with django_capture_on_commit_callbacks(execute=True):
        first = send(p["donvi"], task, unit)
    for officer in officers:
        told = officer.notifications.get()
        assert told.text == f"TT PVHCC gửi báo cáo Quý IV/2026 của nhiệm vụ “{TASK}”, chờ duyệt."
        assert told.url == reverse("review_queue", args=[plan.commune_id]) and told.unread
        assert _unread_in_header(_client(officer)) == 1
        assert _client(officer).get(told.url).status_code == 200  # the link opens for its reader
    assert not Notification.objects.filter(user__in=[p["donvi"], p["donvi2"], p["lanhdao"], p["tinh"]]).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["canbo1@xa.example", "canbo2@xa.example"]
    assert "https://xaso.example.gov.vn/communes/" in mail.outbox[0].body and "chờ duyệt" in mail.outbox[0].subject

    with django_capture_on_commit_callbacks(execute=True):
        review(p["canbo1"], first, False, "Thiếu minh chứng số hồ sơ")
    for officer in officers:  # reviewed: nothing left to do for either officer
        assert _unread_in_header(_client(officer)) == 0
        assert officer.notifications.get().settled_at is not None
    for reporter in reporters:
        told = reporter.notifications.get()
        assert told.text == f"Báo cáo Quý IV/2026 của nhiệm vụ “{TASK}” bị trả lại: Thiếu minh chứng số hồ sơ"
        assert told.url == reverse("report_task", args=[task.pk, unit.pk, "2026-Q4"])
        assert _client(reporter).get(told.url).status_code == 200

    again = send(p["donvi2"], task, unit)
    assert again.version == 2
    for reporter in reporters:  # the return is dealt with
        assert not reporter.notifications.filter(UNREAD).exists()
    assert p["canbo2"].notifications.filter(UNREAD).get().text.endswith("(lần 2), chờ duyệt.")

    review(p["canbo2"], again, True)
    assert not p["canbo1"].notifications.filter(UNREAD).exists()
    for reporter in reporters:
        news = reporter.notifications.filter(UNREAD).get()
        assert news.text == f"Báo cáo Quý IV/2026 của nhiệm vụ “{TASK}” đã được chấp nhận."
        assert news.url == reverse("unit_tasks", args=[unit.pk])


def test_indicator_values_sent_and_reviewed_on_the_pages_are_told_too(plan, people):
    unit, p = people
    indicator = plan.indicators.get()
    reporter = _client(p["donvi"])
    url = reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"])
    response = reporter.post(url, {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-indicator": indicator.pk,
                                   "form-0-value": "81", "submit": "1"})
    assert response.status_code == 302
    told = p["canbo1"].notifications.get()
    assert told.text == "TT PVHCC gửi số liệu Quý IV/2026 của chỉ tiêu “Tỷ lệ hồ sơ xử lý trực tuyến”, chờ duyệt."
    value = IndicatorValue.objects.get()
    _client(p["canbo1"]).post(reverse("review_queue", args=[plan.commune_id]),
                              {"id": value.pk, "kind": "value", "comment": "Sai nguồn số liệu", "return": "1"})
    returned = p["donvi"].notifications.get()
    assert returned.text.endswith("bị trả lại: Sai nguồn số liệu") and returned.url == url
    assert reporter.get(returned.url).status_code == 200
    assert p["canbo2"].notifications.get().settled_at is not None


def test_without_a_dx_officer_the_province_officers_are_told(plan, people):
    unit, p = people
    Membership.objects.filter(role=COMMUNE_OFFICER).delete()
    report = _send_by_page(_client(p["donvi"]), plan.tasks.get(name=TASK), unit)
    told = p["tinh"].notifications.get()
    assert told.key == f"report:{report.pk}:submitted" and _client(p["tinh"]).get(told.url).status_code == 200


def test_an_inactive_user_and_the_actor_are_not_told(plan, people):
    unit, p = people
    p["canbo2"].is_active = False
    p["canbo2"].save()
    report = sv.save_task_report(user=p["canbo1"], task=plan.tasks.get(name=TASK), unit=unit, period_code="2026-Q4",
                                 data=sv.TaskReportData(status="in_progress", percent=5), today=date(2026, 11, 22))
    sv.submit(user=p["canbo1"], report=report)  # the officer reports for the unit: nobody else reviews
    assert not Notification.objects.exists()
    sv.review(user=p["tinh"], report=TaskReport.objects.get(), accept=True)
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"donvi", "donvi2", "canbo1"}


def test_nothing_is_told_or_mailed_when_the_change_is_rolled_back(plan, people, settings,
                                                                  django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    unit, p = people
    report = sv.save_task_report(user=p["donvi"], task=plan.tasks.get(name=TASK), unit=unit, period_code="2026-Q4",
                                 data=sv.TaskReportData(status="in_progress", percent=5), today=date(2026, 11, 22))
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            sv.submit(user=p["donvi"], report=report)
            raise RuntimeError("the evidence could not be stored")
    assert not Notification.objects.exists() and mail.outbox == []


def test_a_mail_server_down_does_not_undo_the_review(plan, people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_PORT = 1  # nothing listens there
    unit, p = people
    with django_capture_on_commit_callbacks(execute=True):
        report = _send_by_page(_client(p["donvi"]), plan.tasks.get(name=TASK), unit)
    assert report.state == "submitted" and p["canbo1"].notifications.get().emailed is False


def test_the_page_marks_one_or_all_read_and_opening_one_goes_to_its_page(plan, people):
    unit, p = people
    task = plan.tasks.get(name=TASK)
    report = _send_by_page(_client(p["donvi"]), task, unit)
    _review_by_page(_client(p["canbo1"]), report, False, "Bổ sung")
    Notification.objects.create(user=p["donvi"], key="khac", text="Thông báo khác", url="https://lua-dao.example/")
    reporter = _client(p["donvi"])
    assert _unread_in_header(reporter) == 2
    page = reporter.get(reverse("notifications")).content.decode()
    assert "bị trả lại: Bổ sung" in page and "Đánh dấu tất cả đã đọc" in page
    returned = p["donvi"].notifications.get(key__endswith=":returned")
    opened = reporter.get(reverse("notification_open", args=[returned.pk]))
    assert opened.status_code == 302 and opened["Location"] == returned.url
    assert _unread_in_header(reporter) == 1
    other = p["donvi"].notifications.get(key="khac")
    assert reporter.get(reverse("notification_open", args=[other.pk]))["Location"] == reverse("notifications")  # not off-site
    assert _client(p["donvi2"]).get(reverse("notification_open", args=[other.pk])).status_code == 403
    reporter.post(reverse("notifications"), {"id": other.pk})
    assert _unread_in_header(reporter) == 0
    Notification.objects.update(read_at=None)
    reporter.post(reverse("notifications"))
    assert _unread_in_header(reporter) == 0 and not p["donvi2"].notifications.filter(read_at__isnull=False).exists()


def test_a_settled_notification_says_so_on_the_page(plan, people):
    unit, p = people
    report = _send_by_page(_client(p["donvi"]), plan.tasks.get(name=TASK), unit)
    _review_by_page(_client(p["canbo1"]), report, True)
    page = _client(p["canbo2"]).get(reverse("notifications")).content.decode()
    assert "đã xử lý" in page and 'class="settled"' in page
