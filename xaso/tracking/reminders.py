"""`xaso remind`: the time-based reminders — a task due within 7 days, a task overdue, a period's report not
sent in its window. What happens to a report (sent, returned, accepted) is told at once by the write path
(xaso.tracking.notify), not here.

Each reminder has a key naming its event, and a user gets a key once, so running `xaso remind` twice (or
from cron every hour) sends nothing twice. Before sending, the run settles the unread notifications whose
event is over (xaso.tracking.notify.settled_keys), and sends no reminder that rule calls settled.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from xaso.accounts.models import Membership
from xaso.core import status
from xaso.plans.models import Plan

from . import calendars, notify
from .figures import figures_for_plans
from .models import Notification, TaskReport


def _members(unit_ids) -> dict[int, list]:
    people: dict[int, list] = {}
    for m in Membership.objects.filter(unit_id__in=unit_ids, user__is_active=True).select_related("user"):
        people.setdefault(m.unit_id, []).append(m.user)
    return people


def pending_reminders(today: date):
    """(users, key, text, url, subject) for every reminder due today."""
    plans = list(Plan.objects.filter(year=today.year).select_related("commune"))
    calendar_of = calendars.calendars_by_province(plan.commune.province_id for plan in plans)
    figures = {}
    for province_id, calendar in calendar_of.items():
        figures.update(figures_for_plans([p for p in plans if p.commune.province_id == province_id], today,
                                         calendar=calendar))
    units = {row.task.lead_unit_id for f in figures.values() for row in f.tasks if row.task.lead_unit_id}
    people = _members(units)
    for plan in plans:
        calendar = calendar_of[plan.commune.province_id]
        period = calendar.period_in_year(today, plan.report_cadence, plan.year)
        deadline = calendar.deadline(period)
        in_window = calendar.reminds(period) <= today <= deadline
        sent = set(TaskReport.objects.filter(task__plan=plan, period=period.code).exclude(state="draft")
                   .values_list("task_id", "unit_id"))
        for row in figures[plan.pk].tasks:
            task, code = row.task, row.status.code
            users = people.get(task.lead_unit_id, [])
            if not users:
                continue
            url, subject = reverse("unit_tasks", args=[task.lead_unit_id]), f"task:{task.pk}"
            if code == status.DUE_SOON:
                yield users, f"due-soon:{task.pk}:{task.due_date}", f"Nhiệm vụ “{task.name}” đến hạn ngày {task.due_date:%d/%m/%Y}.", url, subject
            elif code == status.OVERDUE:
                yield users, f"overdue:{task.pk}:{task.due_date}", f"Nhiệm vụ “{task.name}” đã quá hạn ({task.due_date:%d/%m/%Y}).", url, subject
            if in_window and (task.pk, task.lead_unit_id) not in sent and code not in (status.DONE, status.DONE_LATE):
                yield (users, f"period:{task.pk}:{period.code}",
                       f"Chưa gửi báo cáo {period.label} cho nhiệm vụ “{task.name}” (hạn {deadline:%d/%m/%Y}).", url, subject)


def send_reminders(today: date) -> int:
    """Settle what is over, then create each new reminder once and e-mail it; returns how many were new."""
    notify.settle(Notification.objects.all())
    pending = list(pending_reminders(today))
    over = notify.settled_keys({key for _, key, _, _, _ in pending})
    created = 0
    for users, key, text, url, subject in pending:
        if key not in over:
            created += len(notify.notify(users, key=key, text=text, url=url, subject=subject,
                                         mail_subject="Nhắc việc chuyển đổi số"))
    return created
