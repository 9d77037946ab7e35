"""A report save costs the statements it needs and no more, for every kind of save: the form's "Lưu nháp" and
"Gửi báo cáo" and the API's POST /api/reports all run xaso.tracking.services.save_task_report, the indicator
page and POST /api/values run save_indicator_value. Each query is named; the whole is at most 8. On a failure
the queries are printed.

What the saves must still do is checked beside the count: the history record, the search entry, the
reviewers told, what the sending settles (nothing left for the sweep of `xaso remind`), the refusal of a save
over someone else's, and the figures (only an accepted report moves them)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from xaso.core import status
from xaso.plans.models import Indicator, Task, Unit
from xaso.search.models import Entry
from xaso.tracking import notify
from xaso.tracking import services as sv
from xaso.tracking.models import DRAFT, RETURNED, SUBMITTED, IndicatorValue, Notification, TaskReport

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 28)  # the last week of Q3
PERIOD = "2026-Q3"
MOST = 8

LOCK = ("SELECT", "tracking_taskreport")  # the versions of the report, locked (FOR UPDATE on PostgreSQL)
CALENDAR = ("SELECT", "tracking_reportcalendar")  # the province's calendar: is the period open for entry today?
INSERT, UPDATE = ("INSERT", "tracking_taskreport"), ("UPDATE", "tracking_taskreport")
HISTORY = ("INSERT", "tracking_historicaltaskreport")  # django-simple-history's record of the save
SEARCH = ("INSERT", "search_entry")  # INSERT … ON CONFLICT DO UPDATE: the entry, new or not
REVIEWERS = ("SELECT", "accounts_membership")  # commune officers, else the province's, with their users
TELL = ("INSERT", "tracking_notification")  # one row per reviewer, one statement
SETTLE = ("UPDATE", "tracking_notification")  # the returned version's notice, the period reminder
PARTNER = ("SELECT", "plans_unit")  # a partner unit: is it one of the task's partners?
VALUE_LOCK, VALUE_INSERT = ("SELECT", "tracking_indicatorvalue"), ("INSERT", "tracking_indicatorvalue")
VALUE_HISTORY = ("INSERT", "tracking_historicalindicatorvalue")


def _shape(sql: str) -> tuple[str, str]:
    """(verb, first table) of a statement: what the names above pin."""
    verb = sql.split(None, 1)[0].upper()
    table = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(\w+)"?', sql, re.IGNORECASE)
    return verb, table.group(1) if table else ""


def _data(**kw):
    return sv.TaskReportData(**{"status": status.IN_PROGRESS, "percent": 40, "achievements": "Đã số hóa 300 hồ sơ",
                                "spent_million_vnd": Decimal("1234.5"), "spent_source": "commune", **kw})  # what was spent costs no query


@pytest.fixture
def world(plan, officer, django_user_model):
    """The lead unit's reporter and a partner unit's, the commune officer reviewing; loaded as the page and the
    API load them (the task with its plan and commune, the unit with its commune)."""
    from xaso.accounts.models import UNIT_REPORTER, Membership

    task = Task.objects.select_related("plan__commune", "lead_unit").get(plan=plan, name="Số hóa hồ sơ thủ tục hành chính")
    unit = Unit.objects.select_related("commune__province").get(pk=task.lead_unit_id)
    partner = Unit.objects.select_related("commune__province").exclude(pk=unit.pk).filter(commune=plan.commune).first()
    task.partner_units.add(partner)
    reporter = django_user_model.objects.create_user("baocao", email="baocao@xa.gov.vn")
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, unit=unit)
    indicator = Indicator.objects.select_related("plan__commune").get(plan=plan)
    return {"task": task, "unit": unit, "partner": partner, "reporter": reporter, "officer": officer,
            "indicator": indicator}


def _save(w, *, unit=None, submit=False, seen=None, **data):
    return sv.save_task_report(user=w["reporter"], task=w["task"], unit=unit or w["unit"], period_code=PERIOD,
                               data=_data(**data), today=TODAY, submit=submit, seen_version=seen)


def _returned(w):
    sent = _save(w, submit=True)
    return sv.review(user=w["officer"], report=sent, accept=False, comment="Thiếu số liệu minh chứng")


def _value(w, submit=True):
    return sv.save_indicator_value(user=w["reporter"], indicator=w["indicator"], unit=w["unit"], period_code=PERIOD,
                                   today=TODAY, numerator=Decimal(45), denominator=Decimal(50), submit=submit)


# (kind, what is there before (kept as w["before"]), the save, the queries it may make)
CASES = [
    ("draft, first", lambda w: None, lambda w: _save(w), [LOCK, CALENDAR, INSERT, HISTORY, SEARCH]),
    ("draft, saved again", lambda w: _save(w), lambda w: _save(w, percent=55, achievements="Đã số hóa 450 hồ sơ"),
     [LOCK, CALENDAR, UPDATE, HISTORY, SEARCH]),
    ("draft of a partner unit", lambda w: None, lambda w: _save(w, unit=w["partner"]),
     [PARTNER, LOCK, CALENDAR, INSERT, HISTORY, SEARCH]),
    ("submit, first", lambda w: None, lambda w: _save(w, submit=True),
     [LOCK, CALENDAR, INSERT, HISTORY, SEARCH, REVIEWERS, TELL, SETTLE]),
    ("submit a saved draft", lambda w: _save(w), lambda w: _save(w, submit=True, percent=60),
     [LOCK, CALENDAR, UPDATE, HISTORY, SEARCH, REVIEWERS, TELL, SETTLE]),
    ("submit a draft as it is", lambda w: _save(w), lambda w: sv.submit(user=w["reporter"], report=w["before"]),
     [LOCK, UPDATE, HISTORY, SEARCH, REVIEWERS, TELL, SETTLE]),
    ("resubmit after return", _returned, lambda w: _save(w, submit=True, percent=70, achievements="Đã bổ sung"),
     [LOCK, CALENDAR, INSERT, HISTORY, SEARCH, REVIEWERS, TELL, SETTLE]),
    ("indicator figure, draft", lambda w: None, lambda w: _value(w, submit=False),
     [VALUE_LOCK, CALENDAR, VALUE_INSERT, VALUE_HISTORY]),
    ("indicator figure, submit", lambda w: None, lambda w: _value(w),
     [VALUE_LOCK, CALENDAR, VALUE_INSERT, VALUE_HISTORY, REVIEWERS, TELL]),
]


def _latest(w):
    return TaskReport.objects.filter(task=w["task"], unit=w["unit"], period=PERIOD).order_by("-version").first()


@pytest.mark.parametrize("kind, before, save, expected", CASES, ids=[c[0] for c in CASES])
def test_a_save_makes_only_the_queries_it_needs(world, kind, before, save, expected):
    world["before"] = before(world)
    # what `xaso remind` told the lead unit before it sent this period's report
    notify.notify([world["reporter"]], key=f"period:{world['task'].pk}:{PERIOD}", text="Chưa gửi báo cáo",
                  url="/", subject=f"task:{world['task'].pk}", mail_subject="Nhắc việc")
    histories = TaskReport.history.count() + IndicatorValue.history.count()
    with CaptureQueriesContext(connection) as queries:
        saved = save(world)
    shapes = [_shape(q["sql"]) for q in queries.captured_queries]
    listing = "\n".join(f"  {i + 1}. {q['sql'][:220]}" for i, q in enumerate(queries.captured_queries))
    assert shapes == expected and len(shapes) <= MOST, f"{kind}: {len(shapes)} queries\n{listing}"

    saved_again = type(saved).objects.get(pk=saved.pk)
    assert TaskReport.history.count() + IndicatorValue.history.count() == histories + 1  # one record per save
    assert saved_again.history.first().state == saved_again.state
    if isinstance(saved, TaskReport):
        entry = Entry.objects.get(kind="report", object_id=saved.pk)
        assert entry.body.startswith(saved_again.achievements) and entry.commune_id == world["unit"].commune_id
    told = Notification.objects.filter(key__endswith=f":{saved.pk}:submitted")
    if saved_again.state == SUBMITTED:
        assert saved_again.submitted_by == world["reporter"] and saved_again.submitted_at is not None
        assert [n.user for n in told] == [world["officer"]]
    else:
        assert saved_again.state == DRAFT and not told.exists()
    # what the sending settled is all the one rule (notify.settled_keys) would settle: the sweep finds nothing
    assert notify.settle(Notification.objects.all()) == 0
    task = Task.objects.get(pk=world["task"].pk)
    assert (task.reported_status, task.reported_percent) == ("", 0)  # nothing accepted: the figures do not move


def test_sending_settles_the_returned_notice_and_the_period_reminder(world):
    returned = _returned(world)
    notify.notify([world["reporter"]], key=f"period:{world['task'].pk}:{PERIOD}", text="Chưa gửi báo cáo",
                  url="/", subject=f"task:{world['task'].pk}", mail_subject="Nhắc việc")
    back = Notification.objects.get(user=world["reporter"], key=f"report:{returned.pk}:{RETURNED}")
    assert back.unread
    _save(world, percent=60)  # a draft of the fix settles nothing
    assert Notification.objects.filter(settled_at__isnull=False, user=world["reporter"]).count() == 0
    _save(world, submit=True, percent=70)
    assert not Notification.objects.get(pk=back.pk).unread
    assert not Notification.objects.get(key=f"period:{world['task'].pk}:{PERIOD}").unread


def test_a_save_over_someone_elses_is_refused_after_one_query_and_writes_nothing(world):
    first = _save(world)
    seen = (first.version, first.updated_at.isoformat())
    _save(world, percent=50)  # someone else, in between
    histories = TaskReport.history.count()
    with CaptureQueriesContext(connection) as queries:
        with pytest.raises(sv.ReportError) as refused:
            _save(world, percent=90, seen=seen)
    assert refused.value.code == "conflict" and [_shape(q["sql"]) for q in queries.captured_queries] == [LOCK]
    assert TaskReport.history.count() == histories and _latest(world).percent == 50


def test_figures_move_when_the_report_is_accepted(world):
    sent = _save(world, submit=True, percent=65)
    sv.review(user=world["officer"], report=sent, accept=True)
    task = Task.objects.get(pk=world["task"].pk)
    assert (task.reported_status, task.reported_percent) == (status.IN_PROGRESS, 65)


def test_a_refusal_leaves_the_callers_transaction_usable(world):
    """No savepoint is taken, so a refusal must come before any write: the indicator page goes on with its
    next row after one is refused, in the same transaction."""
    from django.db import transaction

    with transaction.atomic():
        with pytest.raises(sv.ReportError):
            sv.save_indicator_value(user=world["reporter"], indicator=world["indicator"], unit=world["unit"],
                                    period_code=PERIOD, today=TODAY, numerator=Decimal(60), denominator=Decimal(50))
        saved = _value(world, submit=False)
    assert IndicatorValue.objects.get(pk=saved.pk).value == Decimal(90)


def test_on_postgresql_a_saves_statements_are_prepared_once_they_repeat(world):
    """PostgreSQL parses and plans a save's statements once per connection, from their fifth run on
    (xaso.settings.database_from_url: server-side binding, psycopg's prepare_threshold); parsing and planning were
    most of the database's CPU in a save."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's: runs in the PostgreSQL pass")
    for percent in range(10, 70, 10):
        _save(world, percent=percent)
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE NOT from_sql")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any(s.startswith('INSERT INTO "tracking_historicaltaskreport"') for s in prepared), prepared
    assert any(s.startswith('INSERT INTO "search_entry"') for s in prepared), prepared
    assert TaskReport.objects.get(task=world["task"], unit=world["unit"], period=PERIOD).percent == 60
