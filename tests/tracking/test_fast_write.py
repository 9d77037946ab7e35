"""The report save's own statements (xaso.statements) write and read what the ORM and django-simple-history would:
the same row, the same history record, the same search entry, the same objects read; and nothing listens to the save
signal of a report or a value that the write path, which sends none, would leave out."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.forms.models import model_to_dict
from django.http import Http404
from django.test import Client

from xaso import statements
from xaso.accounts.models import UNIT_REPORTER, ApiToken, Membership
from xaso.core import status
from xaso.plans import access
from xaso.plans.models import Task, Unit
from xaso.search import index
from xaso.search.models import Entry
from xaso.tracking import services as sv
from xaso.tracking.models import REPORT_HISTORY, VALUE_HISTORY, IndicatorValue, ReportCalendar, TaskReport

pytestmark = pytest.mark.django_db
TODAY = date(2026, 9, 28)
PERIOD = "2026-Q3"
BOOKKEEPING = {"history_id", "history_date"}  # the record's own id and instant differ from one write to the next


@pytest.fixture
def world(plan, django_user_model):
    task = Task.objects.select_related("plan__commune", "lead_unit").get(plan=plan, name="Số hóa hồ sơ thủ tục hành chính")
    unit = Unit.objects.select_related("commune__province").get(pk=task.lead_unit_id)
    reporter = django_user_model.objects.create_user("baocao")
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, unit=unit)
    return {"task": task, "unit": unit, "reporter": reporter}


def _save(w, **data):
    values = {"status": status.IN_PROGRESS, "percent": 40, "achievements": "Đã số hóa 300 hồ sơ",
              "spent_million_vnd": Decimal("12.5"), "spent_source": "commune", **data}
    return sv.save_task_report(user=w["reporter"], task=w["task"], unit=w["unit"], period_code=PERIOD,
                               data=sv.TaskReportData(**values), today=TODAY)


def _record_fields(record) -> dict:
    return {f.attname: getattr(record, f.attname) for f in type(record)._meta.concrete_fields
            if f.attname not in BOOKKEEPING}


@pytest.fixture
def in_a_request(world, rf):
    """The signed-in reporter's request, as django-simple-history's middleware keeps it for the records."""
    from simple_history.models import HistoricalRecords

    request = rf.post("/api/reports")
    request.user = world["reporter"]
    HistoricalRecords.context.request = request
    yield request
    del HistoricalRecords.context.request


@pytest.mark.parametrize("saves, history_type", [(1, "+"), (2, "~")], ids=["new report", "draft saved again"])
@pytest.mark.parametrize("where", ["request", "command"])
def test_the_history_record_is_the_one_simple_history_writes(world, request, saves, history_type, where):
    if where == "request":
        request.getfixturevalue("in_a_request")
    for i in range(saves):
        report = _save(world, percent=40 + i, achievements=f"Lần {i}")
    fast = TaskReport.history.filter(id=report.pk).order_by("-history_id").first()
    REPORT_HISTORY.create_historical_record(report, history_type)  # what the save signal would have written
    slow = TaskReport.history.filter(id=report.pk).order_by("-history_id").first()
    assert slow.history_id != fast.history_id
    assert _record_fields(fast) == _record_fields(slow)
    user = world["reporter"].pk if where == "request" else None  # a command has no request (no user), as before
    assert (fast.history_type, fast.history_user_id) == (history_type, user)
    assert TaskReport.history.filter(id=report.pk).count() == saves + 1


def test_an_indicator_value_record_is_the_one_simple_history_writes(world, plan, in_a_request):
    indicator = plan.indicators.select_related("plan__commune").first()
    value = sv.save_indicator_value(user=world["reporter"], indicator=indicator, unit=world["unit"],
                                    period_code=PERIOD, today=TODAY, numerator=Decimal(45), denominator=Decimal(50))
    fast = IndicatorValue.history.get(id=value.pk)
    VALUE_HISTORY.create_historical_record(value, "+")
    slow = IndicatorValue.history.filter(id=value.pk).order_by("-history_id").first()
    assert _record_fields(fast) == _record_fields(slow) and fast.history_user_id == world["reporter"].pk


@pytest.mark.parametrize("saves", [1, 2], ids=["inserted", "updated"])
def test_the_row_is_the_one_the_orm_reads_back(world, saves):
    for i in range(saves):
        report = _save(world, percent=50 + i, achievements=f"Lần {i}", done_on=None)
    stored = TaskReport.objects.get(pk=report.pk)
    assert model_to_dict(stored) == model_to_dict(report)
    assert (stored.created_at, stored.updated_at) == (report.created_at, report.updated_at)
    assert not report._state.adding and report._state.db == "default"


@pytest.mark.parametrize("saves", [1, 2], ids=["inserted", "updated on conflict"])
def test_the_search_entry_is_the_one_the_index_describes(world, saves):
    for i in range(saves):
        report = _save(world, achievements=f"Đã số hóa {i + 1} nghìn hồ sơ")
    entry = Entry.objects.get(kind="report", object_id=report.pk)
    kind, title, body, commune_id, url = index.describe(TaskReport.objects.select_related("task", "unit").get(pk=report.pk))
    expected = {"kind": kind, "commune_id": commune_id, "url": url, **index._fields(commune_id, url, title, body)}
    assert {name: getattr(entry, name) for name in expected} == expected
    assert Entry.objects.filter(kind="report", object_id=report.pk).count() == 1


@pytest.mark.parametrize("model", [TaskReport, IndicatorValue])
def test_only_the_receivers_the_write_path_replaces_listen_to_a_save(model):
    """The write path sends no save signal: it writes the history record and the search entry itself. A new receiver
    of these models' saves would be skipped by it, so it must be written there too (and named here)."""
    from simple_history.models import HistoricalRecords

    from xaso.search import signals as search_signals

    listening = [r for r in post_save._live_receivers(model)[0]]
    names = sorted(f"{getattr(r, '__self__', None).__class__.__name__}.{r.__name__}" if hasattr(r, "__self__")
                   else f"{r.__module__}.{r.__name__}" for r in listening)
    assert names == sorted(["HistoricalRecords.post_save", f"{search_signals.__name__}._saved"])
    assert all(not hasattr(r, "__self__") or isinstance(r.__self__, HistoricalRecords) for r in listening)
    assert pre_save._live_receivers(model)[0] == []


def test_prepared_reads_give_the_objects_the_orm_gives(world, commune):
    ReportCalendar.objects.create(province=commune.province, cutoff_day=1)
    task, unit = world["task"], world["unit"]
    by_orm = Task.objects.select_related("plan__commune__province__report_calendar", "lead_unit").get(pk=task.pk)
    prepared = access.get_task_for_reporting(unit, task.pk)
    assert model_to_dict(prepared) == model_to_dict(by_orm)
    for path in ("plan", "plan.commune", "plan.commune.province", "plan.commune.province.report_calendar",
                 "lead_unit"):
        a, b = prepared, by_orm
        for name in path.split("."):
            a, b = getattr(a, name), getattr(b, name)
        assert model_to_dict(a) == model_to_dict(b), path
    with pytest.raises(Http404):
        access.get_task_for_reporting(Unit(pk=0, commune_id=commune.pk + 1000), task.pk)  # another commune's


def test_a_province_without_a_calendar_reads_none(world):
    """The reverse one-to-one read with the task is None, so the entry window takes the default without a query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xaso.tracking import calendars

    task = access.get_task_for_reporting(world["unit"], world["task"].pk)
    with CaptureQueriesContext(connection) as queries:
        assert calendars.read_with(task) == calendars.DEFAULT
    assert len(queries) == 0


@pytest.mark.parametrize("pk", [2**63, -2**63 - 1, 10**30], ids=["past bigint", "below bigint", "huge"])
def test_an_id_no_row_can_have_finds_nothing(world, pk):
    """As the ORM: an id out of the column's range is not found (a 404), never a database error."""
    with pytest.raises(Http404):
        access.get_task_for_reporting(world["unit"], pk)
    with pytest.raises(Http404):
        access.get_unit_for_reporting(world["reporter"], pk)


def test_a_value_of_the_wrong_type_is_refused():
    prepared = statements.Prepared(lambda pk: Unit.objects.filter(pk=pk), pk=int)
    with pytest.raises(TypeError):
        prepared.all(pk="1")


def test_a_locking_read_inside_a_transaction(world):
    prepared = statements.Prepared(lambda pk: Unit.objects.select_for_update().filter(pk=pk), pk=int)
    with transaction.atomic():
        assert [u.pk for u in prepared.all(pk=world["unit"].pk)] == [world["unit"].pk]


@pytest.mark.django_db(transaction=True)
def test_a_locking_read_outside_a_transaction_is_refused():
    """As the ORM refuses it: a lock taken in autocommit would end with its statement."""
    from django.db import connection

    prepared = statements.Prepared(lambda pk: Unit.objects.select_for_update().filter(pk=pk), pk=int)
    if connection.features.has_select_for_update:
        with pytest.raises(transaction.TransactionManagementError):
            prepared.all(pk=1)
    else:
        assert prepared.all(pk=1) == []


def test_the_api_answers_as_before_with_the_saved_row(world):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(world['reporter'])}")
    body = {"task_id": world["task"].pk, "unit_id": world["unit"].pk, "period": "2026-Q4", "status": "in_progress",
            "percent": 33.5, "achievements": "Cập nhật"}
    answer = client.post("/api/reports", body, content_type="application/json")
    assert answer.status_code == 200, answer.content
    stored = TaskReport.objects.get(pk=answer.json()["id"])
    assert answer.json()["percent"] == 33.5 and stored.percent == Decimal("33.5")
    assert client.get(f"/api/reports/{stored.pk}").json() == answer.json()  # the row as the ORM reads it back
    assert TaskReport.history.get(id=stored.pk).history_user_id == world["reporter"].pk
    for task_id, unit_id in ((world["task"].pk, 2**62), (2**62, world["unit"].pk)):
        missing = client.post("/api/reports", {**body, "task_id": task_id, "unit_id": unit_id},
                              content_type="application/json")
        assert missing.status_code in (404, 422) and missing.json()["detail"]


def _dashboard_querysets(plan):
    """The dashboards' fixed queries (xaso.statements.Rows): today's and a past day's figures, the money spent."""
    from datetime import date as day

    from xaso.core.periods import parse_period
    from xaso.tracking import budget, calendars, figures

    calendar = calendars.calendar_for(plan.commune)
    ids = (plan.pk,)
    return {
        "tasks today": figures._task_query(ids, True, None, None, "Asia/Ho_Chi_Minh"),
        "tasks of a past day": figures._task_query(ids, False, day(2026, 9, 30), calendar, "Asia/Ho_Chi_Minh"),
        "indicators of a past day": figures._indicator_query(ids, day(2026, 6, 30), calendar, "Asia/Ho_Chi_Minh"),
        "spent": budget._sums(ids, day(2026, 11, 22), False, parse_period("2026-Q4"), calendar, "Asia/Ho_Chi_Minh"),
        "no plan": figures._task_query((), True, None, None, "Asia/Ho_Chi_Minh"),
    }


@pytest.mark.parametrize("name", ["tasks today", "tasks of a past day", "indicators of a past day", "spent", "no plan"])
def test_compiled_rows_are_the_rows_the_orm_gives(world, plan, name):
    """The same values, of the same types (dates, decimals: the database's converters applied), in the same order,
    on every call: the SQL compiled once gives each call's rows."""
    report = sv.save_task_report(user=world["reporter"], task=world["task"], unit=world["unit"], period_code=PERIOD,
                                 today=TODAY, data=sv.TaskReportData(status="in_progress", percent=40,
                                                                     spent_million_vnd=Decimal("12.5"),
                                                                     spent_source="commune"))
    TaskReport.objects.filter(pk=report.pk).update(state="accepted")
    rows = _dashboard_querysets(plan)[name]
    by_orm = [tuple(row.values()) if isinstance(row, dict) else row for row in rows.queryset.all()]
    assert (by_orm == []) == (name == "no plan")
    for _ in range(2):
        assert rows.all() == by_orm
        assert [[type(v) for v in row] for row in rows.all()] == [[type(v) for v in row] for row in by_orm]
    assert [list(d) for d in rows.dicts()] == [rows.names] * len(by_orm)
