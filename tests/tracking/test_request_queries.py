"""What a whole request costs in queries, around its own work (tests/tracking/test_save_queries.py pins the save's):
the session, the signed-in user, the second-factor check, the rate limit, the permission lookups and the page's own
reads, each named, for the three requests bench/request_bench.py times: a commune's dashboard, a report saved
through the page form and through POST /api/reports. Transaction control (BEGIN, COMMIT: SQLite's only) is left
out, so the lists hold on SQLite and PostgreSQL alike. On a failure the queries are printed."""

import json
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.login import log_in
from xaso.accounts.models import UNIT_REPORTER, ApiToken, Membership
from xaso.tracking import calendars
from xaso.tracking.models import TaskReport

pytestmark = pytest.mark.django_db
PERIOD = "2026-Q4"  # open for entry on the frozen day, 22/11/2026

SESSION = ("SELECT", "django_session")
USER = ("SELECT", "auth_user")  # with its role and its authenticator's id (xaso.accounts.backends)
TOKEN = ("SELECT", "accounts_apitoken")  # the bearer key, with its user and the user's role
RATE = ("INSERT", "accounts_ratecount")  # the API's rate limit: one upsert returning the count
UNREAD = ("SELECT", "tracking_notification")  # the menu's count of unread notifications
COMMUNE, UNIT = ("SELECT", "plans_commune"), ("SELECT", "plans_unit")  # the page's place, permission checked
TASK, PLAN = ("SELECT", "plans_task"), ("SELECT", "plans_plan")  # a report's task: with its plan, commune,
# province and the province's calendar
CALENDAR = ("SELECT", "tracking_reportcalendar")
INDICATORS = ("SELECT", "plans_indicator")
SPENT = ("SELECT", "tracking_taskreport")  # what was spent, for the budget table
# the save itself (tests/tracking/test_save_queries.py): the locked versions, the row, its history, its search entry;
# the calendar of the entry window came with the task (xaso.plans.access.get_task_for_reporting)
SAVE_FIRST = [("SELECT", "tracking_taskreport"), ("INSERT", "tracking_taskreport"),
              ("INSERT", "tracking_historicaltaskreport"), ("INSERT", "search_entry")]
SAVE_AGAIN = [("SELECT", "tracking_taskreport"), ("UPDATE", "tracking_taskreport"),
              ("INSERT", "tracking_historicaltaskreport"), ("INSERT", "search_entry")]
TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)", re.IGNORECASE)


def _shape(sql: str) -> tuple[str, str]:
    """(verb, first table) of a statement, subqueries left out (the user's row selects whether a device exists);
    of a union of subqueries (the year's timeliness), the first subquery's."""
    return sql.split(None, 1)[0].upper(), _table(sql)


def _table(sql: str) -> str:
    outer = sql
    while (stripped := re.sub(r"\([^()]*\)", "", outer)) != outer:
        outer = stripped
    found = re.search(r'(?:FROM|INTO|UPDATE)\s+"?(?!AS\b)(\w+)', outer, re.IGNORECASE)
    if found or "(" not in sql:
        return found.group(1) if found else ""
    depth, start = 0, sql.index("(")
    for end in range(start, len(sql)):
        depth += {"(": 1, ")": -1}.get(sql[end], 0)
        if depth == 0:
            return _table(sql[start + 1:end])
    return ""


def _queries(request) -> tuple[list, object]:
    with CaptureQueriesContext(connection) as queries:
        response = request()
    statements = [q["sql"] for q in queries.captured_queries if not TRANSACTION.match(q["sql"])]
    return statements, response


def _check(statements, expected, what):
    listing = "\n".join(f"  {i + 1}. {sql[:200]}" for i, sql in enumerate(statements))
    assert [_shape(sql) for sql in statements] == expected, f"{what}: {len(statements)} queries\n{listing}"


@pytest.fixture
def task(plan):
    return plan.tasks.select_related("lead_unit").get(name="Số hóa hồ sơ thủ tục hành chính")


@pytest.fixture
def reporter(django_user_model, task):
    user = django_user_model.objects.create_user("baocao", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=UNIT_REPORTER, unit=task.lead_unit)
    return user


def _dashboard_reads(commune, today):
    """The commune dashboard's own reads: the commune (with its province's calendar: xaso.tracking.calendars.read_with),
    the plan, the figures (tasks with their planned budgets, indicators), the units' timeliness (this period and the
    periods due this year in one statement: xaso.tracking.timeliness), the units, what was spent
    (xaso.tracking.budget)."""
    plan = commune.plans.get()
    assert calendars.calendar_for(commune).closed(plan.year, plan.report_cadence, today)  # Q1–Q3 with Q4: one query
    return [COMMUNE, PLAN, TASK, INDICATORS, TASK, UNIT, SPENT]


def test_the_commune_dashboard(officer_client, commune, plan, today):
    url = f"/communes/{commune.pk}/dashboard/"
    officer_client.get(url)
    statements, response = _queries(lambda: officer_client.get(url))
    assert response.status_code == 200
    _check(statements, [SESSION, USER, *_dashboard_reads(commune, today), UNREAD], "commune dashboard")


def test_the_commune_dashboard_read_past_the_second_factor(province_officer, commune, plan, today):
    """A province officer has given the code of an authenticator: the device came with the user, nothing reads it
    back (xaso.accounts.middleware.SessionDeviceMiddleware)."""
    client = log_in(Client(), province_officer)
    url = f"/communes/{commune.pk}/dashboard/"
    statements, response = _queries(lambda: client.get(url))
    assert response.status_code == 200
    _check(statements, [SESSION, USER, *_dashboard_reads(commune, today), UNREAD], "province officer")


@pytest.mark.parametrize("button", ["save", "submit"])
def test_a_report_saved_through_the_page_form(reporter, task, button):
    """Lưu nháp, then again (a draft is updated in place); Gửi báo cáo after a draft also tells the reviewers
    (none here: the commune has no officer) and settles the reminders."""
    client = log_in(Client(enforce_csrf_checks=True), reporter)
    url = f"/tasks/{task.pk}/report/{task.lead_unit_id}/{PERIOD}/"
    assert client.get(url).status_code == 200
    token = client.cookies["csrftoken"].value

    def post(percent, name="save"):
        return client.post(url, {"csrfmiddlewaretoken": token, "status": "in_progress", "percent": percent,
                                 "achievements": "Đã số hóa 300 hồ sơ", name: "1"})

    statements, response = _queries(lambda: post("40"))
    assert response.status_code == 302
    _check(statements, [SESSION, USER, UNIT, TASK, *SAVE_FIRST], "first draft")
    statements, response = _queries(lambda: post("55", button))
    assert response.status_code == 302
    sent = [("SELECT", "accounts_membership"), ("UPDATE", "tracking_notification")] if button == "submit" else []
    _check(statements, [SESSION, USER, UNIT, TASK, *SAVE_AGAIN, *sent], button)
    latest = TaskReport.objects.get(task=task)
    assert (latest.percent, latest.state) == (55, "submitted" if button == "submit" else "draft")


def test_a_report_saved_through_the_api(reporter, task):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {ApiToken.issue(reporter)}"}
    client = Client(**headers)

    def post(percent):
        body = {"task_id": task.pk, "unit_id": task.lead_unit_id, "period": PERIOD, "status": "in_progress",
                "percent": percent, "achievements": "Cập nhật"}
        return client.post("/api/reports", json.dumps(body), content_type="application/json")

    statements, response = _queries(lambda: post(40))
    assert response.status_code == 200, response.content
    # the key's first use is written down (then at most once a minute: xaso.api.auth.TokenAuth)
    _check(statements, [TOKEN, ("UPDATE", "accounts_apitoken"), RATE, UNIT, TASK, *SAVE_FIRST], "first save")
    statements, response = _queries(lambda: post(55))
    assert response.status_code == 200, response.content
    _check(statements, [TOKEN, RATE, UNIT, TASK, *SAVE_AGAIN], "second save")
    assert TaskReport.objects.get(task=task).percent == 55


def test_the_units_tasks_page_the_form_leads_to(reporter, task, plan):
    """Where a reporter lands after each save: the unit, the plan, the calendar, this period's reports, the plan's
    figures (tasks, indicators), the unit's tasks, what was returned to it (reports, then indicator values: only those
    returned at least once are read, xaso.tracking.services.to_fix), its reopenings, the unread count."""
    client = log_in(Client(), reporter)
    url = f"/units/{task.lead_unit_id}/tasks/"
    statements, response = _queries(lambda: client.get(url))
    assert response.status_code == 200
    _check(statements, [SESSION, USER, UNIT, PLAN, CALENDAR, ("SELECT", "tracking_taskreport"), TASK, INDICATORS,
                        TASK, ("SELECT", "tracking_taskreport"), ("SELECT", "tracking_indicatorvalue"),
                        ("SELECT", "tracking_reopening"), UNREAD], "unit's tasks")
