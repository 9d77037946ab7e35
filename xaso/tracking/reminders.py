"""Reminders: tasks due within 7 days, overdue tasks, period reports not submitted, submissions returned.

Each reminder has a key naming its event; a user gets a key once, so running `xaso remind` twice
(or from cron every hour) sends nothing twice.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from xaso.accounts.models import Membership
from xaso.core import status
from xaso.core.periods import label_of, period_of
from xaso.plans.models import Plan

from .figures import figures_for_plans
from .models import RETURNED, Notification, TaskReport


def _members(unit_ids) -> dict[int, list]:
    people: dict[int, list] = {}
    for m in Membership.objects.filter(unit_id__in=unit_ids).select_related("user"):
        people.setdefault(m.unit_id, []).append(m.user)
    return people


def pending_reminders(today: date):
    """(user, key, text, url) for every reminder due today."""
    plans = list(Plan.objects.filter(year=today.year).select_related("commune"))
    figures = figures_for_plans(plans, today)
    units = {row.task.lead_unit_id for f in figures.values() for row in f.tasks if row.task.lead_unit_id}
    people = _members(units)
    for plan in plans:
        period = period_of(today, plan.report_cadence)
        in_window = period.report_opens <= today <= period.report_due
        sent = set(TaskReport.objects.filter(task__plan=plan, period=period.code).exclude(state="draft")
                   .values_list("task_id", "unit_id"))
        for row in figures[plan.pk].tasks:
            task, code = row.task, row.status.code
            url = reverse("unit_tasks", args=[task.lead_unit_id]) if task.lead_unit_id else ""
            for user in people.get(task.lead_unit_id, []):
                if code == status.DUE_SOON:
                    yield user, f"due-soon:{task.pk}:{task.due_date}", f"Nhiệm vụ “{task.name}” đến hạn ngày {task.due_date:%d/%m/%Y}.", url
                elif code == status.OVERDUE:
                    yield user, f"overdue:{task.pk}:{task.due_date}", f"Nhiệm vụ “{task.name}” đã quá hạn ({task.due_date:%d/%m/%Y}).", url
                if in_window and (task.pk, task.lead_unit_id) not in sent and code not in (status.DONE, status.DONE_LATE):
                    yield (user, f"period:{task.pk}:{period.code}",
                           f"Chưa gửi báo cáo {period.label} cho nhiệm vụ “{task.name}” (hạn {period.report_due:%d/%m/%Y}).", url)
    for report in TaskReport.objects.filter(state=RETURNED, task__plan__in=plans).select_related("task", "created_by"):
        if report.created_by:
            yield (report.created_by, f"returned:{report.pk}",
                   f"Báo cáo “{report.task.name}” ({label_of(report.period)}) bị trả lại: {report.review_comment}",
                   reverse("report_task", args=[report.task_id, report.unit_id, report.period]))


def send_reminders(today: date) -> int:
    """Create each new reminder once, e-mail it where the user has an address; returns how many were new."""
    created = 0
    for user, key, text, url in pending_reminders(today):
        try:
            with transaction.atomic():
                notification = Notification.objects.create(user=user, key=key[:200], text=text, url=url)
        except IntegrityError:
            continue  # already reminded of this event
        created += 1
        if user.email:
            send_mail("[xaso] Nhắc việc chuyển đổi số", text, settings.DEFAULT_FROM_EMAIL, [user.email], fail_silently=True)
            notification.emailed = True
            notification.save(update_fields=["emailed"])
    return created
