"""The report write path: draft, submit, accept or return, versions kept, bad input refused."""

from datetime import date
from decimal import Decimal

import pytest

from xaso.core import status
from xaso.tracking import services as sv
from xaso.tracking.models import ACCEPTED, DRAFT, RETURNED, SUBMITTED, IndicatorValue, TaskReport

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 28)  # the last week of Q3


@pytest.fixture
def task(plan):
    return plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")


def _data(**kw):
    return sv.TaskReportData(**{"status": status.IN_PROGRESS, "percent": 40, "achievements": "Đã số hóa 300 hồ sơ", **kw})


def test_the_whole_loop_keeps_every_version(task, officer):
    unit = task.lead_unit
    report = sv.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q3", data=_data(), today=TODAY)
    report = sv.submit(user=officer, report=report)
    report = sv.review(user=officer, report=report, accept=False, comment="Thiếu số liệu minh chứng")
    assert report.state == RETURNED
    fixed = sv.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q3", data=_data(percent=50), today=TODAY)
    assert fixed.version == 2 and fixed.pk != report.pk
    sv.review(user=officer, report=sv.submit(user=officer, report=fixed), accept=True)
    versions = list(TaskReport.objects.filter(task=task).values_list("version", "state", "percent"))
    assert versions == [(2, ACCEPTED, 50), (1, RETURNED, 40)]
    task.refresh_from_db()
    assert task.reported_percent == 50  # the latest accepted version is what dashboards read


def test_a_draft_is_saved_in_place_until_it_is_submitted(task, officer):
    first = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(), today=TODAY)
    again = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(percent=60), today=TODAY)
    assert again.pk == first.pk and again.state == DRAFT and TaskReport.objects.count() == 1


def test_a_submitted_report_cannot_be_edited(task, officer):
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(), today=TODAY)
    sv.submit(user=officer, report=report)
    with pytest.raises(sv.ReportError) as caught:
        sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(), today=TODAY)
    assert caught.value.code == "awaiting_review"


def test_two_officers_reviewing_at_once_the_second_is_told(task, officer):
    report = sv.submit(user=officer, report=sv.save_task_report(
        user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(), today=TODAY))
    sv.review(user=officer, report=report, accept=True)
    with pytest.raises(sv.ReportError) as caught:
        sv.review(user=officer, report=report, accept=False, comment="Sai")
    assert caught.value.code == "already_reviewed"
    assert TaskReport.objects.get(pk=report.pk).state == ACCEPTED


def test_two_people_editing_the_same_draft_the_second_is_told(task, officer):
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(), today=TODAY)
    seen = (report.version, report.updated_at.isoformat())
    sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(percent=70),
                        today=TODAY, seen_version=seen)
    with pytest.raises(sv.ReportError) as caught:
        sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(percent=10),
                            today=TODAY, seen_version=seen)
    assert caught.value.code == "conflict"
    assert TaskReport.objects.get().percent == 70


BAD_REPORTS = [
    (dict(period_code="2026-Q3", data=dict(percent=120)), "percent_range"),
    (dict(period_code="2026-Q3", data=dict(status=status.DELAYED, delay_reason=" ")), "delay_reason_required"),
    (dict(period_code="2026-Q1", data={}), "period_closed"),
    (dict(period_code="2026-Q4", data={}, today=date(2026, 9, 14)), "period_not_started"),  # Q4 opens 15/09 (NĐ 09)
    (dict(period_code="2027-Q1", data={}), "bad_period"),
    (dict(period_code="2026-H2", data={}), "bad_period"),
    (dict(period_code="2026-Q3", data={}, other_unit=True), "not_your_task"),
    (dict(period_code="2026-Q3", data=dict(percent=Decimal("9.555"))), "percent_decimals"),
    (dict(period_code="2026-Q3", data=dict(status=status.DONE, done_on=date(2026, 9, 29))), "done_on_future"),
    (dict(period_code="2026-Q3", data=dict(status=status.DONE, done_on=date(2031, 1, 1))), "done_on_future"),
    (dict(period_code="2026-Q3", data=dict(status=status.DONE, done_on=date(2025, 12, 31))), "done_on_before_plan"),
    (dict(period_code="2026-Q3", data=dict(status=status.DONE, done_on=date(1900, 1, 1))), "done_on_before_plan"),
    (dict(period_code="2026-Q3", data=dict(status=status.DONE, done_on=date(2026, 3, 31))), "done_on_before_start"),
]


@pytest.mark.parametrize("kwargs,code", BAD_REPORTS)
def test_bad_reports_are_refused_and_nothing_is_saved(task, officer, kwargs, code):
    unit = task.plan.commune.units.get(short_name="Trạm YT") if kwargs.get("other_unit") else task.lead_unit
    with pytest.raises(sv.ReportError) as caught:
        sv.save_task_report(user=officer, task=task, unit=unit, period_code=kwargs["period_code"],
                            data=_data(**kwargs["data"]), today=kwargs.get("today", TODAY))
    assert caught.value.code == code and caught.value.message
    assert not TaskReport.objects.exists()


@pytest.mark.parametrize("done_on", [TODAY, date(2026, 4, 1)])  # today; the day the task starts (Quý II–IV)
def test_a_completion_date_that_can_have_happened_is_kept(task, officer, done_on):
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3",
                                 data=_data(status=status.DONE, done_on=done_on), today=TODAY)
    assert report.done_on == done_on


def test_a_percent_with_decimals_is_kept_and_read_by_the_dashboards(task, officer):
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3",
                                 data=_data(percent=Decimal("9.5")), today=TODAY)
    sv.review(user=officer, report=sv.submit(user=officer, report=report), accept=True)
    task.refresh_from_db()
    assert TaskReport.objects.get().percent == Decimal("9.5") and task.reported_percent == Decimal("9.5")


def test_the_sender_is_kept(task, officer, django_user_model):
    writer = django_user_model.objects.create_user("nguoiviet")
    report = sv.save_task_report(user=writer, task=task, unit=task.lead_unit, period_code="2026-Q3", data=_data(),
                                 today=TODAY)
    sent = sv.submit(user=officer, report=report)
    assert (sent.created_by, sent.submitted_by) == (writer, officer)


def test_a_done_task_is_100_percent_and_dated(task, officer):
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3",
                                 data=_data(status=status.DONE, percent=80), today=TODAY)
    assert (report.percent, report.done_on) == (100, TODAY)


@pytest.mark.parametrize("kwargs,value,code", [
    (dict(numerator=Decimal(450), denominator=Decimal(500)), Decimal("90.00"), None),
    (dict(value=Decimal("88.5")), Decimal("88.5"), None),
    (dict(numerator=Decimal(600), denominator=Decimal(500)), None, "ratio_over_100"),
    (dict(numerator=Decimal(6), denominator=Decimal(0)), None, "ratio_incomplete"),
    (dict(value=Decimal(101)), None, "percent_range"),
    (dict(), None, "value_required"),
])
def test_indicator_values(plan, officer, kwargs, value, code):
    indicator = plan.indicators.get()
    unit = plan.commune.units.get(short_name="TT PVHCC")
    if code:
        with pytest.raises(sv.ReportError) as caught:
            sv.save_indicator_value(user=officer, indicator=indicator, unit=unit, period_code="2026-Q3", today=TODAY, **kwargs)
        assert caught.value.code == code and not IndicatorValue.objects.exists()
    else:
        entry = sv.save_indicator_value(user=officer, indicator=indicator, unit=unit, period_code="2026-Q3", today=TODAY, **kwargs)
        assert entry.value == value and entry.state == DRAFT and entry.measured_on == TODAY
        assert sv.submit(user=officer, report=entry).state == SUBMITTED
