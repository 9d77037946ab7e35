"""One period, one set of figures: the commune's dashboard, the API, the .docx and the .xlsx say the same
status, lateness, percent and score for every task, as of the period's end; a report sent after that
end changes the next figures, never these.

Generated data as `xaso demo-data` makes it (four communes, quarterly reports with some sent late,
returned or waiting), read back through the real downloads and pages.
"""

import io
from datetime import date, datetime, time

import docx
import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from tests.conftest import FROZEN_TODAY
from xaso.accounts.models import ApiToken
from xaso.core.communes import split_name
from xaso.core.numbers import format_number, parse_number
from xaso.core.periods import parse_period
from xaso.plans.models import Task
from xaso.tracking import calendars, progress
from xaso.tracking import services as sv
from xaso.tracking.models import TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db
PERIODS = ["2026-Q1", "2026-Q2", "2026-H1", "2026-Q3", "2026-Q4", "2026"]


@pytest.fixture
def province(generated_plans):
    return generated_plans(4)


def _page(client, plan, period):
    """Task id → (status, days late, percent, score) from the dashboard's task table."""
    response = client.get(reverse("commune_dashboard", args=[plan.commune_id]), {"period": period})
    assert response.status_code == 200
    tree = html.fromstring(response.content.decode())
    rows = {}
    for tr in tree.xpath('//table[@id="task-figures"]/tbody/tr[@data-task]'):
        def cell(name):
            return tr.xpath(f'.//*[contains(concat(" ", @class, " "), " {name} ")]')
        late = cell("days-late")
        rows[int(tr.get("data-task"))] = (
            cell("badge")[0].text_content().strip(),
            int(late[0].text_content().split()[1]) if late else 0,
            cell("percent")[0].text_content().strip().rstrip("%"),
            round(float(parse_number(cell("score")[0].text_content())), 1))
    return rows


def _api(api, plan, period):
    body = api.get(f"/api/communes/{plan.commune_id}/figures", {"period": period}).json()
    assert body["plan_id"] == plan.pk and body["period"] == period
    return {t["task_id"]: (t["status_label"], t["days_late"], "—" if t["percent"] is None else format_number(t["percent"]),
                           round(t["score"], 1))
            for t in body["tasks"]}


def _docx(client, plan, period):
    """(status, days late) per task row of the report's task table, in the plan's order."""
    response = client.get(reverse("plan_report", args=[plan.pk]), {"period": period, "format": "docx"})
    document = docx.Document(io.BytesIO(response.content))
    table = next(t for t in document.tables if [c.text for c in t.rows[0].cells][1:4] == ["Nhiệm vụ", "Chủ trì", "Tình trạng"])
    rows = []
    for row in table.rows[1:]:
        cells = [c.text for c in row.cells]
        late = next((int(part.split()[1]) for part in cells[4].split("; ") if part.startswith("trễ ")), 0)
        rows.append((cells[1], cells[3], late))
    return rows


def _xlsx(client, plan, period):
    """(name, status, days late, score) per row of the workbook's task sheet, in the plan's order."""
    response = client.get(reverse("plan_report", args=[plan.pk]), {"period": period, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Nhiệm vụ"]
    return [(row[2], row[6], row[7] or 0, row[8]) for row in sheet.iter_rows(min_row=2, values_only=True)]


def _everywhere(officer_client, api, plan, period):
    """Each task's figures as the four readers report them, checked equal; returns them for comparison."""
    page, from_api = _page(officer_client, plan, period), _api(api, plan, period)
    document, workbook = _docx(officer_client, plan, period), _xlsx(officer_client, plan, period)
    tasks = list(Task.objects.filter(plan=plan).order_by("position", "id").values_list("pk", "name"))
    assert len(page) == len(document) == len(workbook) == len(tasks) > 0
    for (pk, name), (doc_name, doc_status, doc_late), (xl_name, xl_status, xl_late, xl_score) in zip(tasks, document, workbook):
        label, late, percent, score = page[pk]
        assert from_api[pk] == page[pk], (period, name)
        assert (doc_name, doc_status, doc_late) == (name, label, late), (period, name)
        assert (xl_name, xl_status, xl_late) == (name, label, late), (period, name)
        assert round(xl_score, 1) == score, (period, name)
    return page


@pytest.fixture
def readers(client, province):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from xaso.accounts.models import PROVINCE_OFFICER, Membership

    user = get_user_model().objects.create_user("tinh", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=PROVINCE_OFFICER, province=province[0].commune.province)
    log_in(client, user)
    return client, Client(HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(user)}"), user


def test_every_reader_gives_the_same_figures_for_every_task_and_period(province, readers):
    client, api, _ = readers
    seen = {}
    for plan in province:
        for period in PERIODS:
            seen[plan.pk, period] = _everywhere(client, api, plan, period)
    # The periods differ from each other (the figures move through the year), so the check above compared
    # real figures, not the same table six times.
    for plan in province:
        assert len({tuple(sorted(seen[plan.pk, p].items())) for p in ("2026-Q1", "2026-Q2", "2026-Q3")}) == 3


def test_a_report_sent_after_a_periods_end_does_not_change_its_figures(province, readers, clock):
    client, api, user = readers
    plan = province[0]
    before = {p: _everywhere(client, api, plan, p) for p in ("2026-Q2", "2026-Q3", "2026-Q4")}
    task = next(t for t in plan.tasks.select_related("lead_unit").order_by("position")
                if t.lead_unit_id and not t.recurring and before["2026-Q4"][t.pk][0] != "Hoàn thành"
                and (t.start_date is None or t.start_date <= date(2026, 9, 10)))
    # Q3 (NĐ 09 cut-off: 15/06 → 14/09, due 14/09): its report, sent three weeks late, says the task is done
    clock(date(2026, 10, 5))
    late = sv.save_task_report(user=user, task=task, unit=task.lead_unit, period_code="2026-Q3", today=date(2026, 10, 5),
                               data=sv.TaskReportData(status="done", percent=100, done_on=date(2026, 9, 10)))
    clock(date(2026, 10, 6))
    sv.review(user=user, report=sv.submit(user=user, report=late), accept=True)
    clock(date(2026, 11, 20))
    assert {p: _everywhere(client, api, plan, p) for p in ("2026-Q2", "2026-Q3")} == {
        p: before[p] for p in ("2026-Q2", "2026-Q3")}
    after = _everywhere(client, api, plan, "2026-Q4")
    assert after[task.pk][0] in ("Hoàn thành", "Hoàn thành muộn") and after != before["2026-Q4"]


def test_the_figures_kept_on_each_row_are_what_the_reports_say_today(province):
    """The current period reads the kept columns (fast); they must equal the rule computed from the reports."""
    day = FROZEN_TODAY
    known = progress.task_progress(day, calendars.DEFAULT)
    computed = Task.objects.annotate(s=known["status"], p=known["percent"], d=known["done_on"], n=known["periods"])
    rows = list(computed.values_list("reported_status", "reported_percent", "reported_done_on", "reported_periods",
                                     "s", "p", "d", "n"))
    assert len(rows) > 50 and any(r[0] for r in rows)
    assert all(r[:4] == r[4:] for r in rows)
    assert TaskReport.objects.filter(submitted_at__gt=timezone.make_aware(datetime.combine(
        calendars.DEFAULT.last_day(parse_period("2026-Q3")), time(23, 59)))).filter(period="2026-Q3").exists()  # some Q3 reports came late


@pytest.mark.parametrize("period", ["2026-Q2", "2026-Q3", None])
def test_the_province_figures_agree_on_the_dashboard_in_the_workbook_and_in_the_api(province, readers, period):
    client, api, _ = readers
    province_id = province[0].commune.province_id
    query = {"period": period} if period else {}
    tree = html.fromstring(client.get(reverse("province_dashboard", args=[province_id]), query).content.decode())
    page = {}
    for tr in tree.xpath('//table[@id="ranking"]/tbody/tr'):
        cells = [td.text_content().strip() for td in tr.xpath("./td")]
        page[split_name(cells[1])[1]] = (round(float(parse_number(cells[2])), 1), int(cells[4]))  # "Phường Kim Bình": named with its kind
    ranking = api.get(f"/api/provinces/{province_id}/ranking", query).json()
    from_api = {row["commune"]: (round(row["score"], 1), row["late"]) for row in ranking}
    workbook = openpyxl.load_workbook(io.BytesIO(client.get(reverse("province_report", args=[province_id]), query).content))
    sheet = {split_name(row[0])[1]: (round(row[1], 1), row[4])  # named with its kind too, as on the page
             for row in workbook["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert len(page) == 4 and page == from_api == sheet
