"""Notifications: who is told what, at once, and when a notification has nothing left to ask.

Events come from the write path (xaso.tracking.services), inside its transaction, so a notification
exists exactly when its event does; the e-mail leaves only after the commit:
- a report or an indicator value is sent → the commune's DX officers (the province's officers when the
  commune has none): it waits for their review;
- it is returned → the unit's reporters and whoever wrote it: fix it and send it again;
- it is accepted → the same people, for their information;
- a commune's report to the province is sent, returned or accepted → the province's officers, then the commune's
  DX officers (xaso.tracking.commune_reports, which settles its own events as it writes them).
`xaso remind` (xaso.tracking.reminders) adds the time-based ones: due soon, overdue, period not reported.

A notification is *settled* when its event no longer asks anything of its reader: a submission once
reviewed (by anyone), a returned report once sent again, a due-soon or overdue task once done (or its
deadline moved), a period reminder once the unit has sent that period's report. Settled notifications are
kept, shown as "đã xử lý" and no longer counted as unread; their key stays, so nothing is sent twice.
The write path settles what its change settles at once; `xaso remind` sweeps the rest (a deadline edited,
a task deleted) before sending anything.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from xaso.accounts.models import COMMUNE_OFFICER, PROVINCE_OFFICER, UNIT_REPORTER, Membership
from xaso.core import status
from xaso.core.periods import label_of
from xaso.plans import access
from xaso.plans.models import Task

from .models import ACCEPTED, DRAFT, RETURNED, SUBMITTED, UNREAD, IndicatorValue, Notification, TaskReport

log = logging.getLogger(__name__)
EVENTS = {SUBMITTED, RETURNED, ACCEPTED}


def notify(users, *, key: str, text: str, url: str, subject: str, mail_subject: str,
           new_event: bool = False) -> list[Notification]:
    """Create the notification once per user (a key already sent is skipped) and e-mail it after the commit.
    `new_event`: the caller holds the lock of the row whose change this is, so no one has been told of it yet
    (a report's event key names the version and its new state, reached once): one insert for everyone."""
    if new_event:
        created = Notification.objects.bulk_create(
            [Notification(user=user, key=key[:200], text=text, url=url[:300], subject=subject) for user in users])
    else:
        created = []
        for user in users:
            try:
                with transaction.atomic():
                    created.append(Notification.objects.create(user=user, key=key[:200], text=text, url=url[:300],
                                                               subject=subject))
            except IntegrityError:
                continue  # this user was told of this event already
    mailed = [n for n in created if n.user.email]
    if mailed:
        transaction.on_commit(lambda: _mail(mailed, mail_subject))
    return created


def _mail(notifications, mail_subject: str):
    for notification in notifications:
        link = f"\n\n{settings.SITE_URL}{notification.url}" if settings.SITE_URL and notification.url else ""
        try:
            send_mail(f"[xaso] {mail_subject}", notification.text + link, settings.DEFAULT_FROM_EMAIL,
                      [notification.user.email])
        except Exception:  # a mail server down must not undo a review already committed
            log.exception("notification %s: e-mail to %s failed", notification.pk, notification.user.email)
            continue
        Notification.objects.filter(pk=notification.pk).update(emailed=True)


def subject_of(item) -> str:
    """What a notification is about, for finding those a change may settle: a task or an indicator."""
    return f"task:{item.task_id}" if isinstance(item, TaskReport) else f"indicator:{item.indicator_id}"


def _key(item, event: str) -> str:
    return f"{'report' if isinstance(item, TaskReport) else 'value'}:{item.pk}:{event}"


def _active(queryset) -> list[tuple]:
    return [(m.user, m) for m in queryset.select_related("user") if m.user.is_active]


def _reviewers(commune) -> list:
    """The commune's DX officers, or the province's officers when the commune has none (one query for both)."""
    members = _active(Membership.objects.filter(
        Q(role=COMMUNE_OFFICER, commune=commune)
        | Q(role=PROVINCE_OFFICER, province_id=commune.province_id, commune__isnull=True)).order_by("pk"))
    officers = [u for u, m in members if m.role == COMMUNE_OFFICER]
    return officers or [u for u, m in members if m.role == PROVINCE_OFFICER]


def _writers(item) -> list:
    people = [user for user, _ in _active(Membership.objects.filter(role=UNIT_REPORTER, unit_id=item.unit_id))]
    author = item.created_by
    if author and author.is_active and author not in people and access.can_report_for(author, item.unit):
        people.append(author)
    return people


def event(item: TaskReport | IndicatorValue, *, actor) -> list[Notification]:
    """Tell the people who act next that `item` was sent, returned or accepted (its state now)."""
    unit = item.unit
    unit_name = unit.short_name or unit.name
    when = label_of(item.period)
    if isinstance(item, TaskReport):
        what = f"báo cáo {when} của nhiệm vụ “{item.task.name}”"
        fix_url = reverse("report_task", args=[item.task_id, item.unit_id, item.period])
        commune = item.task.plan.commune
    else:
        what = f"số liệu {when} của chỉ tiêu “{item.indicator.text}”"
        fix_url = reverse("indicator_values", args=[item.indicator.plan_id, item.unit_id, item.period])
        commune = item.indicator.plan.commune
    if item.state == SUBMITTED:
        again = f" (lần {item.version})" if item.version > 1 else ""
        people, url = _reviewers(commune), reverse("review_queue", args=[commune.pk])
        text, mail_subject = f"{unit_name} gửi {what}{again}, chờ duyệt.", "Báo cáo chờ duyệt"
    elif item.state == RETURNED:
        people, url = _writers(item), fix_url
        text, mail_subject = f"{what[0].upper()}{what[1:]} bị trả lại: {item.review_comment}", "Báo cáo bị trả lại"
    else:
        people, url = _writers(item), reverse("unit_tasks", args=[item.unit_id])
        text, mail_subject = f"{what[0].upper()}{what[1:]} đã được chấp nhận.", "Báo cáo được chấp nhận"
    people = [user for user in people if user.pk != getattr(actor, "pk", None)]
    return notify(people, key=_key(item, item.state), text=text, url=url, subject=subject_of(item),
                  mail_subject=mail_subject, new_event=True)


def changed(item: TaskReport | IndicatorValue, *, actor) -> None:
    """The write path's one call after reviewing: tell the event, settle what it settles (a sending calls
    `sent`, which names what it settles without the sweep)."""
    event(item, actor=actor)
    settle_about(item)


def sent(item: TaskReport | IndicatorValue, *, actor, earlier) -> None:
    """The write path's call after sending a report or value (its row and `earlier`, its earlier versions,
    locked): tell the reviewers, and settle at once what a sending settles by the rule of settled_keys,
    named without reading anything: each earlier version's "returned" (a newer version is sent now) and, for
    the lead unit's report, the period reminder of the task (its report for the period is sent)."""
    event(item, actor=actor)
    kind = "report" if isinstance(item, TaskReport) else "value"
    keys = {f"{kind}:{v.pk}:{RETURNED}" for v in earlier if v.state == RETURNED}
    if isinstance(item, TaskReport):
        keys |= {f"returned:{v.pk}" for v in earlier if v.state == RETURNED}  # `xaso remind` before events
        if item.unit_id == item.task.lead_unit_id:
            keys.add(f"period:{item.task_id}:{item.period}")
    Notification.objects.filter(UNREAD, subject=subject_of(item), key__in=keys).update(settled_at=timezone.now())


def settle(notifications, batch: int = 500) -> int:
    """Mark settled every unread notification of the queryset whose event asks nothing any more."""
    unread = notifications.filter(read_at__isnull=True, settled_at__isnull=True).order_by("pk")
    count, after = 0, 0
    while candidates := dict(unread.filter(pk__gt=after).values_list("pk", "key")[:batch]):
        done = settled_keys(set(candidates.values()))
        stale = [pk for pk, key in candidates.items() if key in done]
        if stale:
            count += Notification.objects.filter(pk__in=stale).update(settled_at=timezone.now())
        after = max(candidates)
    return count


def settle_about(item: TaskReport | IndicatorValue) -> int:
    return settle(Notification.objects.filter(subject=subject_of(item)))


def settled_keys(keys: set[str]) -> set[str]:
    """The keys whose event is settled: the one rule, for the write path, the sweep and `xaso remind`."""
    parsed = [(key, key.split(":")) for key in keys]
    items = {"report": {}, "value": {}}
    tasks = {}
    for key, parts in parsed:
        if parts[0] in items and len(parts) == 3 and parts[1].isdigit():
            items[parts[0]][key] = (int(parts[1]), parts[2])
        elif parts[0] == "returned" and len(parts) == 2 and parts[1].isdigit():  # `xaso remind` before events
            items["report"][key] = (int(parts[1]), RETURNED)
        elif parts[0] in ("due-soon", "overdue", "period") and len(parts) == 3 and parts[1].isdigit():
            tasks[key] = (parts[0], int(parts[1]), parts[2])
    return (_settled_items(items["report"], TaskReport, "task_id") | _settled_items(items["value"], IndicatorValue, "indicator_id")
            | _settled_reminders(tasks))


def _settled_items(keys: dict, model, owner: str) -> set[str]:
    if not keys:
        return set()
    found = {row["pk"]: row for row in model.objects.filter(pk__in={pk for pk, _ in keys.values()})
             .values("pk", owner, "unit_id", "period", "version", "state")}
    newest_sent: dict[tuple, int] = {}  # (task or indicator, unit, period) → the newest version sent
    owners = {row[owner] for row in found.values()}
    for row in model.objects.filter(**{f"{owner}__in": owners}).exclude(state=DRAFT).values(owner, "unit_id", "period", "version"):
        triple = (row[owner], row["unit_id"], row["period"])
        newest_sent[triple] = max(newest_sent.get(triple, 0), row["version"])
    settled = set()
    for key, (pk, event) in keys.items():
        row = found.get(pk)
        if row is None:
            settled.add(key)
        elif event == SUBMITTED and row["state"] != SUBMITTED:
            settled.add(key)
        elif event == RETURNED and newest_sent.get((row[owner], row["unit_id"], row["period"]), 0) > row["version"]:
            settled.add(key)
    return settled


def _settled_reminders(keys: dict) -> set[str]:
    """Due soon / overdue: the task is done, gone, or its deadline moved. Period: its report was sent."""
    if not keys:
        return set()
    tasks = {t["pk"]: t for t in Task.objects.filter(pk__in={pk for _, pk, _ in keys.values()})
             .values("pk", "due_date", "reported_status", "lead_unit_id")}
    periods = {(pk, code) for kind, pk, code in keys.values() if kind == "period"}
    sent = set(TaskReport.objects.filter(task_id__in={pk for pk, _ in periods}, period__in={c for _, c in periods})
               .exclude(state=DRAFT).values_list("task_id", "unit_id", "period")) if periods else set()
    settled = set()
    for key, (kind, pk, detail) in keys.items():
        task = tasks.get(pk)
        if task is None or task["reported_status"] == status.DONE:
            settled.add(key)
        elif kind != "period" and str(task["due_date"]) != detail:
            settled.add(key)
        elif kind == "period" and (pk, task["lead_unit_id"], detail) in sent:
            settled.add(key)
    return settled
