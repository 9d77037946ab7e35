from datetime import date

import pytest
from django.core import mail

from xaso.accounts.models import Membership
from xaso.plans.models import Task
from xaso.tracking import services as sv
from xaso.tracking.models import Notification
from xaso.tracking.reminders import send_reminders

pytestmark = pytest.mark.django_db


def test_reminders_are_sent_once(plan, django_user_model, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    unit = plan.commune.units.get(short_name="TT PVHCC")
    user = django_user_model.objects.create_user("donvi", email="donvi@xa.example", password="x")
    Membership.objects.create(user=user, role="unit_reporter", commune=plan.commune, unit=unit)
    Task.objects.create(plan=plan, name="Nộp hồ sơ cấp độ", lead_unit=unit, due_date=date(2026, 11, 25))
    Task.objects.create(plan=plan, name="Kiểm kê thiết bị", lead_unit=unit, due_date=date(2026, 6, 30))
    today = date(2026, 12, 26)  # in Q4's report window; one task overdue since June, one since 25/11
    first = send_reminders(today)
    texts = sorted(Notification.objects.values_list("text", flat=True))
    assert first == len(texts) and any("đã quá hạn" in t for t in texts) and any("Chưa gửi báo cáo Quý IV/2026" in t for t in texts)
    assert len(mail.outbox) == first
    assert send_reminders(today) == 0 and len(mail.outbox) == first  # nothing twice


def test_a_returned_report_reminds_its_writer(plan, officer):
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q4",
                                 data=sv.TaskReportData(status="in_progress", percent=10), today=date(2026, 11, 22))
    sv.review(user=officer, report=sv.submit(user=officer, report=report), accept=False, comment="Bổ sung số liệu")
    send_reminders(date(2026, 11, 22))
    assert Notification.objects.filter(user=officer, text__contains="Bổ sung số liệu").count() == 1
