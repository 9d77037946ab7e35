"""`xaso remind`: the time-based reminders, each once, never one whose event is over; and every kind of
notification is marked settled once its event is over (settled ones no longer count as unread)."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from xaso.accounts.models import COMMUNE_OFFICER, Membership
from xaso.plans.models import Task
from xaso.tracking import services as sv
from xaso.tracking.models import UNREAD, Notification
from xaso.tracking.reminders import send_reminders

pytestmark = pytest.mark.django_db
Q4_WINDOW = date(2026, 12, 10)  # in the week before Q4's deadline (NĐ 09: 14/12)


@pytest.fixture
def people(plan, django_user_model):
    """A reporter of TT PVHCC (with an e-mail address) and two DX officers of the commune."""
    unit = plan.commune.units.get(short_name="TT PVHCC")
    reporter = django_user_model.objects.create_user("donvi", email="donvi@xa.example", password="x")
    Membership.objects.create(user=reporter, role="unit_reporter", unit=unit)
    officers = []
    for name in ("canbo1", "canbo2"):
        officers.append(django_user_model.objects.create_user(name, password="x"))
        Membership.objects.create(user=officers[-1], role=COMMUNE_OFFICER, commune=plan.commune)
    return unit, reporter, officers


def test_reminders_are_sent_once_by_the_app_and_by_email(plan, people, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    unit, reporter, _ = people
    Task.objects.create(plan=plan, name="Nộp hồ sơ cấp độ", lead_unit=unit, due_date=date(2026, 12, 15))
    Task.objects.create(plan=plan, name="Kiểm kê thiết bị", lead_unit=unit, due_date=date(2026, 6, 30))
    with django_capture_on_commit_callbacks(execute=True):
        first = send_reminders(Q4_WINDOW)
    texts = sorted(Notification.objects.filter(user=reporter).values_list("text", flat=True))
    assert first == len(texts) and any("Kiểm kê thiết bị” đã quá hạn (30/06/2026)" in t for t in texts)
    assert any("“Nộp hồ sơ cấp độ” đến hạn ngày 15/12/2026" in t for t in texts)
    assert any("Chưa gửi báo cáo Quý IV/2026" in t for t in texts)
    assert len(mail.outbox) == first and mail.outbox[0].to == ["donvi@xa.example"]
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(Q4_WINDOW) == 0
    assert len(mail.outbox) == first  # nothing twice


def test_the_command_runs_twice_and_sends_nothing_the_second_time(plan, people, monkeypatch, capsys):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: Q4_WINDOW)
    call_command("remind")
    count = Notification.objects.count()
    call_command("remind")
    assert count > 0 and Notification.objects.count() == count


def test_report_events_are_no_longer_reminders(plan, people):
    """A returned report was told at once by the write path; `xaso remind` adds no second copy."""
    unit, reporter, officers = people
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    report = sv.save_task_report(user=reporter, task=task, unit=unit, period_code="2026-Q4",
                                 data=sv.TaskReportData(status="in_progress", percent=10), today=date(2026, 11, 22))
    sv.review(user=officers[0], report=sv.submit(user=reporter, report=report), accept=False, comment="Bổ sung số liệu")
    assert Notification.objects.filter(user=reporter, text__contains="Bổ sung số liệu").count() == 1
    send_reminders(date(2026, 11, 22))
    assert Notification.objects.filter(user=reporter, text__contains="Bổ sung số liệu").count() == 1


def _report(task, unit, user, period="2026-Q4", day=date(2026, 12, 10), **data):
    data = {"status": "in_progress", "percent": 50, **data}
    return sv.save_task_report(user=user, task=task, unit=unit, period_code=period, today=day, data=sv.TaskReportData(**data))


def _due_soon_then_done(plan, unit, reporter, officers):
    task = Task.objects.create(plan=plan, name="Nộp hồ sơ cấp độ", lead_unit=unit, due_date=date(2026, 12, 15))
    send_reminders(Q4_WINDOW)
    done = _report(task, unit, reporter, status="done", percent=100, done_on=date(2026, 12, 8))
    sv.review(user=officers[0], report=sv.submit(user=reporter, report=done), accept=True)
    return reporter, f"due-soon:{task.pk}:2026-12-15"


def _overdue_then_done(plan, unit, reporter, officers):
    task = Task.objects.create(plan=plan, name="Kiểm kê thiết bị", lead_unit=unit, due_date=date(2026, 6, 30))
    send_reminders(Q4_WINDOW)
    done = _report(task, unit, reporter, status="done", percent=100, done_on=date(2026, 12, 8))
    sv.review(user=officers[0], report=sv.submit(user=reporter, report=done), accept=True)
    return reporter, f"overdue:{task.pk}:2026-06-30"


def _not_reported_then_sent(plan, unit, reporter, officers):
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    send_reminders(Q4_WINDOW)
    sv.submit(user=reporter, report=_report(task, unit, reporter))  # sent, not yet reviewed
    return reporter, f"period:{task.pk}:2026-Q4"


def _deadline_moved(plan, unit, reporter, officers):
    task = Task.objects.create(plan=plan, name="Nộp hồ sơ cấp độ", lead_unit=unit, due_date=date(2026, 12, 15))
    send_reminders(Q4_WINDOW)
    Task.objects.filter(pk=task.pk).update(due_date=date(2026, 12, 16))  # edited elsewhere: only the sweep sees it
    send_reminders(Q4_WINDOW)
    assert Notification.objects.filter(user=reporter, key=f"due-soon:{task.pk}:2026-12-16").filter(UNREAD).exists()
    return reporter, f"due-soon:{task.pk}:2026-12-15"


def _returned_then_sent_again(plan, unit, reporter, officers):
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    first = sv.submit(user=reporter, report=_report(task, unit, reporter))
    sv.review(user=officers[0], report=first, accept=False, comment="Thiếu minh chứng")
    sv.submit(user=reporter, report=_report(task, unit, reporter, percent=60))
    return reporter, f"report:{first.pk}:returned"


def _returned_by_an_old_remind(plan, unit, reporter, officers):
    """A `returned:<id>` reminder left by `xaso remind` before events existed is swept once it is sent again."""
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    first = sv.submit(user=reporter, report=_report(task, unit, reporter))
    sv.review(user=officers[0], report=first, accept=False, comment="Thiếu minh chứng")
    Notification.objects.create(user=reporter, key=f"returned:{first.pk}", text="Báo cáo bị trả lại")
    sv.submit(user=reporter, report=_report(task, unit, reporter, percent=60))
    send_reminders(Q4_WINDOW)
    return reporter, f"returned:{first.pk}"


def _submitted_then_reviewed_by_another_officer(plan, unit, reporter, officers):
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    sent = sv.submit(user=reporter, report=_report(task, unit, reporter))
    sv.review(user=officers[0], report=sent, accept=True)
    return officers[1], f"report:{sent.pk}:submitted"


def _value_returned_then_sent_again(plan, unit, reporter, officers):
    indicator = plan.indicators.get()
    first = sv.submit(user=reporter, report=sv.save_indicator_value(
        user=reporter, indicator=indicator, unit=unit, period_code="2026-Q4", today=Q4_WINDOW, value=80))
    sv.review(user=officers[0], report=first, accept=False, comment="Sai nguồn")
    sv.submit(user=reporter, report=sv.save_indicator_value(
        user=reporter, indicator=indicator, unit=unit, period_code="2026-Q4", today=Q4_WINDOW, value=81))
    return reporter, f"value:{first.pk}:returned"


STALE = [_due_soon_then_done, _overdue_then_done, _not_reported_then_sent, _deadline_moved, _returned_then_sent_again,
         _returned_by_an_old_remind, _submitted_then_reviewed_by_another_officer, _value_returned_then_sent_again]


@pytest.mark.parametrize("case", STALE, ids=[c.__name__.strip("_") for c in STALE])
def test_a_notification_whose_event_is_over_is_settled_and_never_sent_again(case, plan, people):
    unit, reporter, officers = people
    user, key = case(plan, unit, reporter, officers)
    notification = Notification.objects.get(user=user, key=key)
    assert notification.settled_at is not None and notification.read_at is None
    assert not user.notifications.filter(UNREAD, key=key).exists()
    send_reminders(Q4_WINDOW)
    assert user.notifications.filter(key=key).count() == 1
    assert user.notifications.get(key=key).settled_at == notification.settled_at


def test_an_accepted_report_is_news_not_a_task_and_stays_unread(plan, people):
    unit, reporter, officers = people
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    sent = sv.submit(user=reporter, report=_report(task, unit, reporter))
    sv.review(user=officers[0], report=sent, accept=True)
    send_reminders(Q4_WINDOW)
    assert reporter.notifications.filter(UNREAD, key=f"report:{sent.pk}:accepted").exists()
