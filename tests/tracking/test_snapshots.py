"""Kept figures are never stale: after each write a user can make (a draft, a sending, an approval, a return, an
indicator figure, a task edited or deleted, a plan issued, the province's calendar changed, the next day), the
figures the dashboards read from xaso.tracking.snapshots are those computed afresh, and a row is read, not
recomputed, when nothing changed. Runs on SQLite and PostgreSQL alike."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from xaso.core import status
from xaso.plans.models import Plan, Task
from xaso.tracking import calendars, snapshots
from xaso.tracking import services as sv
from xaso.tracking.models import IndicatorValue, PlanSnapshot, ReportCalendar, TaskReport

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 28)
PERIOD = "2026-Q3"


def _dated(plan):
    return [(plan.pk, plan.year, plan.report_cadence, calendars.calendar_for(plan))]


def _plain(standing):
    return ({code: (s.items, round(s.score, 6), s.tasks, s.done, s.late) for code, s in standing.by_code.items() if s.items},
            (standing.now.expected, standing.now.sent, standing.now.on_time),
            (standing.year.expected, standing.year.sent, standing.year.on_time), standing.reported,
            standing.budget and standing.budget.to_json(), standing.active)


def _agree(plan, day=TODAY):
    kept = snapshots.kept(_dated(plan), day)[plan.pk]
    assert _plain(kept) == _plain(snapshots.standings(_dated(plan), day)[plan.pk])
    return _plain(kept)


def _reporter(plan, django_user_model):
    from xaso.accounts.models import UNIT_REPORTER, Membership

    task = Task.objects.select_related("plan__commune").filter(plan=plan).exclude(lead_unit=None).first()
    user = django_user_model.objects.create_user("baocao")
    Membership.objects.create(user=user, role=UNIT_REPORTER, unit=task.lead_unit)
    return task, user


def _report(task, user, *, submit=False, percent=40, state=status.IN_PROGRESS):
    return sv.save_task_report(user=user, task=task, unit=task.lead_unit, period_code=PERIOD, today=TODAY,
                               submit=submit, data=sv.TaskReportData(status=state, percent=percent))


def _edit_due(task, user):
    task.due_date = TODAY - timedelta(days=3)
    task.save()


def _delete_task(task, user):
    other = Task.objects.filter(plan_id=task.plan_id).exclude(pk=task.pk).first()
    other.deleted_at = timezone.now()
    other.save()


def _issue(task, user):
    plan = Plan.objects.get(pk=task.plan_id)
    plan.status = Plan.DRAFT if plan.status == Plan.ISSUED else Plan.ISSUED
    plan.save()


def _calendar(task, user):
    ReportCalendar.objects.update_or_create(province_id=task.plan.commune.province_id,
                                            defaults={"cutoff_day": 1, "quarter_deadline_days": 20})


def _value(task, user):
    indicator = task.plan.indicators.first()
    sent = sv.save_indicator_value(user=user, indicator=indicator, unit=task.lead_unit, period_code=PERIOD, today=TODAY,
                                   value=Decimal(97), submit=True)
    sv.review(user=user, report=sent, accept=True)


# Each step is what a user does; after each one the kept figures must equal the computed ones.
STEPS = [
    ("a draft", lambda task, user: _report(task, user)),
    ("the report sent", lambda task, user: _report(task, user, submit=True)),
    ("the report accepted", lambda task, user: sv.review(user=user, report=TaskReport.objects.filter(task=task).latest("version"),
                                                         accept=True)),
    ("a new report returned", lambda task, user: sv.review(user=user, report=_report(task, user, submit=True, percent=100,
                                                                                       state=status.DONE),
                                                           accept=False, comment="Thiếu minh chứng")),
    ("an indicator figure accepted", _value),
    ("a task's deadline moved", _edit_due),
    ("another task deleted", _delete_task),
    ("the plan's status changed", _issue),
    ("the province's calendar changed", _calendar),
]


def test_after_every_write_the_kept_figures_are_the_computed_ones(plan, django_user_model):
    task, user = _reporter(plan, django_user_model)
    seen = [_agree(plan)]
    for name, step in STEPS:
        step(Task.objects.select_related("plan__commune", "lead_unit").get(pk=task.pk), user)
        seen.append(_agree(plan))
        assert PlanSnapshot.objects.get(plan=plan).day == TODAY, name
    assert len({repr(s) for s in seen}) >= 6  # the steps did move the figures
    assert _agree(plan, TODAY + timedelta(days=40)) != seen[-1]  # another day, other figures (late, periods due)


def test_a_row_with_no_change_since_is_read_not_computed(plan):
    snapshots.kept(_dated(plan), TODAY)
    # as computed when the plan's last change is older than MARGIN; what is read is the row
    PlanSnapshot.objects.update(computed_at=timezone.now() + snapshots.MARGIN + timedelta(seconds=5),
                                areas={"government": [1, 12.5, 1, 0, 0]})
    dated = _dated(plan)
    for budget in (False, True):  # the national page reads no budget; the province page then reads it
        with CaptureQueriesContext(connection) as queries:
            standing = snapshots.kept(dated, TODAY, budget=budget)[plan.pk]
        tables = [q["sql"] for q in queries.captured_queries]
        # the rows' times, the history (one statement), the rows
        assert len(tables) == 3 and not any('FROM "plans_task"' in sql for sql in tables), tables  # no sums
        assert _plain(standing)[0] == {"government": (1, 12.5, 1, 0, 0)}
        assert (standing.budget is not None) == budget
    # read once by this process since it was computed: its time and the history, then the standing read before
    with CaptureQueriesContext(connection) as queries:
        assert snapshots.kept(dated, TODAY)[plan.pk] is standing
    assert len(queries) == 2


def test_a_write_that_committed_while_the_row_was_computed_is_not_missed(plan, django_user_model):
    """Its history record is dated when the write began, before the row's time: within MARGIN it still counts."""
    task, user = _reporter(plan, django_user_model)
    before = _plain(snapshots.kept(_dated(plan), TODAY)[plan.pk])
    row = PlanSnapshot.objects.get(plan=plan)
    PlanSnapshot.objects.update(computed_at=row.computed_at + snapshots.MARGIN)  # no earlier change counts
    sent = _report(task, user, submit=True)
    TaskReport.history.filter(id=sent.pk).update(history_date=row.computed_at + snapshots.MARGIN / 2)
    after = _agree(plan)
    assert (before[2][1], after[2][1]) == (0, 1)  # sent in the year (Q3 is due): the kept row was computed again


def test_every_plan_is_computed_ahead_by_the_command(plan, commune):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("figures", stdout=out)
    assert PlanSnapshot.objects.filter(plan=plan, day=timezone.localdate()).exists()
    assert out.getvalue().startswith("Đã tính số liệu của 1 kế hoạch")


