"""Entry windows (xaso.tracking.calendars): a unit's period form opens and locks by the province's calendar, a locked
form says why and since when (page and API), the commune's officer reopens it for one unit with a reason kept in
history, and changing the calendar moves no report to another period. Frozen day: 22/11/2026; NĐ 09 cut-offs, so
Quý III/2026 covers 15/06 → 14/09, is due 14/09 and locks on 14/10."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.conftest import FROZEN_TODAY
from tests.login import log_in
from xaso.accounts.models import ApiToken, LEADER, Membership
from xaso.core.periods import parse_period
from xaso.plans.models import Plan
from xaso.tracking import calendars, services
from xaso.tracking.models import ACCEPTED, ReportCalendar, Reopening, TaskReport

pytestmark = pytest.mark.django_db
LOCKED = "Kỳ Quý III/2026 đã khóa nhập từ 14/10/2026 (30 ngày sau hạn gửi 14/09/2026)."


@pytest.fixture
def unit(plan):
    return plan.commune.units.get(short_name="TT PVHCC")


@pytest.fixture
def reporter(django_user_model, unit):
    user = django_user_model.objects.create_user("donvi", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role="unit_reporter", unit=unit)
    return user


@pytest.fixture
def reporter_client(client, reporter):
    return log_in(client, reporter)


def _task(plan, unit):
    return plan.tasks.get(lead_unit=unit)


def _post(client, task, unit, period="2026-Q3"):
    return client.post(reverse("report_task", args=[task.pk, unit.pk, period]),
                       {"status": "in_progress", "percent": "60", "save": "1"})


def test_a_locked_period_says_why_and_since_when_on_the_page_and_in_the_api(plan, unit, reporter, reporter_client):
    task = _task(plan, unit)
    page = reporter_client.get(reverse("report_task", args=[task.pk, unit.pk, "2026-Q3"])).content.decode()
    assert LOCKED in page and "Gửi báo cáo</button>" not in page and 'disabled id="locked-fields"' in page
    response = _post(reporter_client, task, unit)
    assert response.status_code == 400 and LOCKED in response.content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(reporter)}")
    refused = api.post("/api/reports", {"task_id": task.pk, "unit_id": unit.pk, "period": "2026-Q3",
                                        "status": "in_progress", "percent": 10}, content_type="application/json")
    assert refused.status_code == 409 and refused.json()["code"] == "period_closed"
    assert refused.json()["detail"].startswith(LOCKED)
    window = api.get(f"/api/units/{unit.pk}/window", {"period": "2026-Q3"}).json()
    assert (window["open"], window["locks"], window["deadline"]) == (False, "2026-10-14", "2026-09-14")
    assert window["reason"].startswith(LOCKED)
    assert not TaskReport.objects.exists()
    values = reporter_client.get(reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q3"])).content.decode()
    assert LOCKED in values and "Gửi số liệu</button>" not in values
    # the running period (Q4: 15/09 → 14/12) is open, and the unit's page says its days
    assert _post(reporter_client, task, unit, "2026-Q4").status_code == 302
    tasks_page = reporter_client.get(reverse("unit_tasks", args=[unit.pk])).content.decode()
    assert "Quý IV/2026</strong> (số liệu từ 15/09/2026 đến 14/12/2026), hạn gửi 14/12/2026" in tasks_page


# (what the officer posts, the message refused with; None: accepted)
REOPEN = [
    ({"reason": " ", "until": "30/11/2026"}, "Lý do mở lại không được để trống."),
    ({"reason": "Bổ sung số liệu", "until": "20/11/2026"}, "Ngày mở đến 20/11/2026 đã qua (hôm nay là 22/11/2026)."),
    ({"reason": "Bổ sung số liệu", "until": "31/12/2027"}, "Chỉ mở lại tối đa 90 ngày."),
    ({"reason": "Bổ sung số liệu", "until": "32/11/2026"}, "Ngày không hợp lệ; hãy ghi theo dạng dd/mm/yyyy."),
    ({"reason": "Đơn vị bổ sung số liệu số hóa quý III", "until": "30/11/2026"}, None),
]


@pytest.mark.parametrize("posted, refusal", REOPEN, ids=[str(r) for _, r in REOPEN])
def test_the_officer_reopens_a_period_for_a_unit_with_a_reason(plan, unit, officer_client, posted, refusal):
    url = reverse("reopenings", args=[plan.commune_id])
    response = officer_client.post(url, {"unit": unit.pk, "period": "2026-Q3", **posted})
    if refusal:
        assert response.status_code == 400 and refusal in response.content.decode()
        assert not Reopening.objects.exists()
        return
    assert response.status_code == 302
    page = officer_client.get(url).content.decode()
    assert "Đơn vị bổ sung số liệu số hóa quý III" in page and "30/11/2026" in page and unit.name in page
    reopening = Reopening.objects.get()
    assert (reopening.period, reopening.created_by.username, reopening.history.count()) == ("2026-Q3", "canbo", 1)


def test_a_reopened_period_takes_the_units_report_until_the_end_day(plan, unit, officer, reporter_client):
    task = _task(plan, unit)
    calendars.reopen(user=officer, unit=unit, period_code="2026-Q3", reason="Bổ sung", until=date(2026, 11, 30),
                     today=FROZEN_TODAY)
    assert _post(reporter_client, task, unit).status_code == 302
    assert TaskReport.objects.get().period == "2026-Q3"
    other = plan.commune.units.get(short_name="Phòng KT")  # reopened for TT PVHCC only
    with pytest.raises(services.ReportError, match="đã khóa nhập"):
        services.save_task_report(user=officer, task=plan.tasks.get(lead_unit=other), unit=other, period_code="2026-Q3",
                                  data=services.TaskReportData(status="in_progress", percent=5), today=FROZEN_TODAY)
    with pytest.raises(services.ReportError, match="đã khóa nhập"):  # the day after the reopening ends
        services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q3",
                                  data=services.TaskReportData(status="in_progress", percent=70), today=date(2026, 12, 1))


def test_the_calendar_page_reads_for_the_leader_and_saves_for_the_officer(plan, province_client, django_user_model):
    province = plan.commune.province
    url = reverse("report_calendar", args=[province.pk])
    leader = django_user_model.objects.create_user("lanhdao.tinh", password="mat-khau-du-dai-123")
    Membership.objects.create(user=leader, role=LEADER, province=province)
    reader = log_in(Client(), leader)
    page = reader.get(url).content.decode()
    assert "Số liệu mỗi kỳ tính từ ngày 15 của tháng trước kỳ đến ngày 14 của tháng cuối kỳ" in page
    assert 'id="calendar-form"' not in page and reader.post(url, {"cutoff_day": 1}).status_code == 403
    fields = {"cutoff_day": "29", "month_deadline_days": "0", "quarter_deadline_days": "5", "half_deadline_days": "0",
              "year_deadline_days": "10", "open_days": "", "lock_days": "20"}
    refused = province_client.post(url, fields)
    assert refused.status_code == 400 and "Ngày bắt đầu kỳ số liệu phải từ 1 đến 28." in refused.content.decode()
    assert province_client.post(url, {**fields, "cutoff_day": "20"}).status_code == 302
    calendar = calendars.calendar_for(plan.commune)
    q3 = parse_period("2026-Q3")
    assert (calendar.window(q3), calendar.deadline(q3), calendar.locks(q3)) == (
        (date(2026, 6, 20), date(2026, 9, 19)), date(2026, 9, 24), date(2026, 10, 14))
    assert "20/06/2026" in province_client.get(url).content.decode()
    assert ReportCalendar.history.count() == 1


def test_changing_the_calendar_relabels_nothing_already_approved(plan, unit, officer, reporter_client, province_client):
    task = _task(plan, unit)
    sent = services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q3", today=date(2026, 9, 10),
                                     data=services.TaskReportData(status="in_progress", percent=40), submit=True)
    services.review(user=officer, report=sent, accept=True)
    api = f"/api/provinces/{plan.commune.province_id}/calendar"
    refused = province_client.put(api, {"cutoff_day": 31}, content_type="application/json")
    assert refused.status_code == 422 and "Ngày bắt đầu kỳ số liệu phải từ 1 đến 28." in refused.json()["detail"]
    saved = province_client.put(api, {"cutoff_day": 1, "quarter_deadline_days": 3}, content_type="application/json")
    assert saved.status_code == 200 and saved.json()["own"] and saved.json()["periods"][2] == {
        "period": "2026-Q3", "label": "Quý III/2026", "first_day": "2026-07-01", "last_day": "2026-09-30",
        "deadline": "2026-10-03", "opens": "2026-07-01", "locks": "2026-11-02"}
    assert calendars.calendar_for(plan.commune).cutoff_day == 1
    kept = TaskReport.objects.get()
    assert (kept.period, kept.state, kept.version) == ("2026-Q3", ACCEPTED, 1)
    page = reporter_client.get(reverse("unit_reports", args=[unit.pk])).content.decode()
    assert "Quý III/2026" in page and "40" in page


def test_demo_reports_fall_in_their_windows(monkeypatch):
    """The system's default calendar, and a province's own (due 5 days after the cut-off, locked 10 days later)."""
    from xaso.plans.models import Province

    monkeypatch.setattr("django.utils.timezone.localdate", lambda: FROZEN_TODAY)
    call_command("demo_data", communes=3, year=2026, stdout=io.StringIO())
    own = Province.objects.create(name="Tỉnh Lịch Riêng")
    ReportCalendar.objects.create(province=own, cutoff_day=15, quarter_deadline_days=5, lock_days=10)
    call_command("demo_data", communes=2, year=2026, province="Tỉnh Lịch Riêng", stdout=io.StringIO())
    assert Plan.objects.filter(commune__province=own).count() == 2
    checked = 0
    for report in TaskReport.objects.select_related("task__plan__commune"):
        calendar = calendars.calendar_for(report.task.plan.commune)
        period = parse_period(report.period)
        sent = report.submitted_at.astimezone().date()
        assert calendar.opens(period) <= sent < calendar.locks(period), (report.period, sent)
        checked += 1
    assert checked > 50


COMMUNE_LOCKED = "Kỳ Quý III/2026 đã khóa gửi báo cáo lên tỉnh từ 14/10/2026 (30 ngày sau hạn gửi 14/09/2026)."


def test_the_communes_report_locks_too_and_only_the_province_reopens_it(plan, officer, officer_client, province_client,
                                                                        province_officer):
    """The commune's report to the province locks as the units' entry does; the province's officer opens it again
    (page and API), the commune's officer cannot, and the commune then sends it."""
    from xaso.tracking import commune_reports as cr

    commune = plan.commune
    with pytest.raises(cr.CommuneReportError) as refused:
        cr.submit(user=officer, commune=commune, period_code="2026-Q3", today=FROZEN_TODAY)
    assert refused.value.code == "period_closed" and refused.value.message.startswith(COMMUNE_LOCKED)
    page = officer_client.get(reverse("commune_report", args=[commune.pk, "2026-Q3"])).content.decode()
    assert COMMUNE_LOCKED in page and "Gửi báo cáo lên tỉnh</button>" not in page and "Mở lại kỳ cho xã" not in page

    form = officer_client.get(reverse("reopenings", args=[commune.pk])).content.decode()
    assert "Báo cáo của xã gửi tỉnh" not in form  # the commune's officer opens units only
    denied = officer_client.post(reverse("reopenings", args=[commune.pk]),
                                 {"unit": "0", "period": "2026-Q3", "reason": "Xin gửi muộn", "until": "30/11/2026"})
    assert denied.status_code == 400 and not Reopening.objects.exists()
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert api.post(f"/api/communes/{commune.pk}/reopenings", {"period": "2026-Q3", "reason": "Xin gửi muộn",
                    "until": "2026-11-30"}, content_type="application/json").status_code == 403

    shown = province_client.get(reverse("commune_report", args=[commune.pk, "2026-Q3"])).content.decode()
    assert COMMUNE_LOCKED in shown and "Mở lại kỳ cho xã" in shown
    done = province_client.post(reverse("reopenings", args=[commune.pk]),
                                {"unit": "0", "period": "2026-Q3", "reason": "Xã xin gửi muộn vì mất điện",
                                 "until": "30/11/2026"})
    assert done.status_code == 302
    reopened = Reopening.objects.get()
    assert (reopened.unit, reopened.commune, reopened.target_label) == (None, commune, "Báo cáo của xã gửi tỉnh")
    listed = province_client.get(reverse("reopenings", args=[commune.pk])).content.decode()
    assert "Xã xin gửi muộn vì mất điện" in listed and "Báo cáo của xã gửi tỉnh" in listed
    sent = cr.submit(user=officer, commune=commune, period_code="2026-Q3", today=FROZEN_TODAY, confirm_pending=True)
    assert sent.state == "submitted"
    assert reopened.history.count() == 1


def test_the_province_reopens_the_communes_report_through_the_api(plan, officer, province_officer):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(province_officer)}")
    made = api.post(f"/api/communes/{plan.commune_id}/reopenings",
                    {"period": "2026-Q3", "reason": "Xã xin gửi muộn", "until": "2026-11-30"},
                    content_type="application/json")
    assert made.status_code == 200, made.content
    assert made.json()["unit_id"] is None and made.json()["target"] == "Báo cáo của xã gửi tỉnh"
    listed = api.get(f"/api/communes/{plan.commune_id}/reopenings").json()
    assert [r["target"] for r in listed] == ["Báo cáo của xã gửi tỉnh"]


def test_a_period_not_yet_locked_is_not_offered_for_reopening(plan, unit, officer, officer_client):
    """Q4/2026 locks on 13/01/2027: on 22/11 the unit still enters it, so it is neither offered nor taken."""
    form = officer_client.get(reverse("reopenings", args=[plan.commune_id])).content.decode()
    assert 'value="2026-Q3"' in form and 'value="2026-Q4"' not in form
    with pytest.raises(calendars.ReopenError) as refused:
        calendars.reopen(user=officer, unit=unit, period_code="2026-Q4", reason="Bổ sung", until=date(2026, 12, 1),
                         today=FROZEN_TODAY)
    assert refused.value.code == "not_locked" and "chưa khóa (khóa từ 13/01/2027)" in refused.value.message


@pytest.mark.parametrize("own_calendar", [True, False], ids=["own calendar", "default"])
@pytest.mark.parametrize("model, path", [
    ("Commune", "province__report_calendar"), ("Plan", "commune__province__report_calendar"),
    ("Unit", "commune__province__report_calendar"), ("Task", "plan__commune__province__report_calendar"),
    ("Indicator", "plan__commune__province__report_calendar")])
def test_a_place_read_with_its_provinces_calendar_needs_no_query_for_it(plan, model, path, own_calendar,
                                                                        django_assert_num_queries):
    """read_with gives what calendar_for gives; from what was read with the place, or with one query where the
    chain up to the province's calendar was not read."""
    from xaso.plans import models

    if own_calendar:
        ReportCalendar.objects.create(province=plan.commune.province, cutoff_day=20)
    manager = getattr(models, model).objects
    pk = {"Commune": plan.commune_id, "Plan": plan.pk, "Unit": plan.commune.units.first().pk,
          "Task": plan.tasks.first().pk, "Indicator": plan.indicators.first().pk}[model]
    expected = calendars.calendar_for(plan.commune)
    assert (expected != calendars.DEFAULT) == own_calendar
    place = manager.select_related(path).get(pk=pk)
    with django_assert_num_queries(0):
        assert calendars.read_with(place) == expected
    place = manager.get(pk=pk)
    with django_assert_num_queries(1):
        assert calendars.read_with(place) == expected
