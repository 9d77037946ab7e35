"""The commune's periodic report to the province: sent with its figures frozen, returned with a comment, sent again
as a new version, accepted; the province's dashboard reads each commune's state."""

import io
from datetime import date

import docx
import pytest

from xaso.accounts.models import COMMUNE_OFFICER, PROVINCE_OFFICER, Membership
from xaso.core.periods import parse_period
from xaso.plans.models import Commune, Plan, Task
from xaso.reports.documents import progress_report
from xaso.tracking import commune_reports as cr
from xaso.tracking import services
from xaso.tracking.figures import plan_figures
from xaso.tracking.calendars import calendar_for
from xaso.tracking.summary import current_plans
from xaso.tracking.models import ACCEPTED, RETURNED, SUBMITTED, CommuneReport, Notification, TaskReport

from tests.tracking.test_concurrency import _at_once

Q3 = "2026-Q3"


def _text(document: bytes) -> str:
    read = docx.Document(io.BytesIO(document))
    cells = [cell.text for table in read.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in read.paragraphs] + cells)


def _report(user, task, day, *, status="in_progress", percent=40, submit=True):
    unit = task.lead_unit
    return services.save_task_report(user=user, task=task, unit=unit, period_code=Q3, today=day, submit=submit,
                                     data=services.TaskReportData(status=status, percent=percent,
                                                                  done_on=day if status == "done" else None))


pytestmark = pytest.mark.usefixtures("late_quarter_calendar")

@pytest.fixture
def quarter(plan, officer, clock, today):
    """Q3 reported by two units: one report accepted on 26/09, another sent on 28/09 and still waiting for review."""
    digitise = plan.tasks.get(position=1)
    market = plan.tasks.get(position=2)
    clock(date(2026, 9, 25))
    services.review(user=officer, report=_report(officer, digitise, date(2026, 9, 25)), accept=True)
    clock(date(2026, 9, 28))
    waiting = _report(officer, market, date(2026, 9, 28), status="done", percent=100)
    clock(today)
    return digitise, market, waiting


def test_figures_and_document_stay_as_sent_when_unit_reports_change_afterwards(plan, officer, quarter, today):
    digitise, market, waiting = quarter
    with pytest.raises(cr.CommuneReportError) as refused:
        cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    assert refused.value.code == "pending_reviews" and "Còn 1 báo cáo" in refused.value.message
    assert refused.value.status == 409 and not CommuneReport.objects.exists()

    sent = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today, confirm_pending=True)
    assert (sent.version, sent.state, sent.pending_reviews, sent.submitted_by) == (1, SUBMITTED, 1, officer)
    assert sent.file_name == "Báo cáo kết quả CĐS xã Yên Lập Quý III-2026.docx"
    stored_bytes, stored_text = bytes(sent.document), _text(bytes(sent.document))
    tasks = {row["id"]: row for row in sent.figures["tasks"]}
    assert tasks[digitise.pk]["percent"] == 40 and tasks[market.pk]["reported"] is None
    assert sent.figures["as_of"] == "2026-09-30"

    services.review(user=officer, report=waiting, accept=True)  # accepted after the sending: counts for Q3 now
    digitise_fix = TaskReport.objects.get(task=digitise)
    TaskReport.objects.filter(pk=digitise_fix.pk).update(percent=90)  # and an accepted one corrected in place

    live = {row.task.pk: row for row in plan_figures(plan, today, parse_period(Q3)).tasks}
    assert live[market.pk].reported == "done" and live[digitise.pk].percent == 90
    fresh_text = _text(progress_report(plan.commune, Q3, "docx", today)[0])
    assert fresh_text != stored_text

    kept = CommuneReport.objects.get(pk=sent.pk)
    assert bytes(kept.document) == stored_bytes and _text(bytes(kept.document)) == stored_text
    assert {row["id"]: row for row in kept.figures["tasks"]} == tasks


def test_return_needs_a_comment_then_a_new_version_is_sent_and_accepted(plan, officer, province_officer, today):
    first = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    with pytest.raises(cr.CommuneReportError) as again:
        cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    assert again.value.code == "awaiting_review"
    with pytest.raises(cr.CommuneReportError) as bare:
        cr.review(user=province_officer, report=first, accept=False, comment="   ")
    assert (bare.value.code, bare.value.status) == ("comment_required", 422)
    returned = cr.review(user=province_officer, report=first, accept=False, comment="Thiếu số liệu dịch vụ công")
    assert (returned.state, returned.review_comment, returned.reviewed_by) == (RETURNED, "Thiếu số liệu dịch vụ công",
                                                                               province_officer)
    second = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    assert second.version == 2
    accepted = cr.review(user=province_officer, report=second, accept=True)
    assert accepted.state == ACCEPTED
    with pytest.raises(cr.CommuneReportError) as closed:
        cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    assert closed.value.code == "already_accepted"
    assert [(v.version, v.state) for v in cr.versions_of(plan.commune, Q3)] == [(2, ACCEPTED), (1, RETURNED)]
    assert CommuneReport.objects.get(pk=first.pk).history.count() == 2  # sent, returned
    with pytest.raises(cr.CommuneReportError) as late:
        cr.review(user=province_officer, report=first, accept=True)
    assert (late.value.code, late.value.status) == ("already_reviewed", 409)


@pytest.mark.parametrize("code,expected", [
    ("2026-Q9", "bad_period"),       # no such period
    ("2025-Q3", "no_plan"),          # the commune has no plan that year
    ("2026-Q4", "period_not_open"),  # on 22/11 the fourth quarter's report is not taken yet (from 25/12)
])
def test_refusals_say_why_and_store_nothing(plan, officer, today, code, expected):
    with pytest.raises(cr.CommuneReportError) as refused:
        cr.submit(user=officer, commune=plan.commune, period_code=code, today=today)
    assert refused.value.code == expected and refused.value.message
    assert not CommuneReport.objects.exists()


def test_the_province_is_told_of_the_sending_and_the_commune_of_the_verdict(plan, officer, province_officer, today):
    first = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    told = Notification.objects.get(user=province_officer)
    assert told.text == "Xã Yên Lập gửi báo cáo Quý III/2026, chờ tỉnh duyệt." and told.unread
    assert told.url == f"/communes/{plan.commune.pk}/province-report/2026-Q3/"
    assert not Notification.objects.filter(user=officer).exists()  # the sender is not told of their own act

    cr.review(user=province_officer, report=first, accept=False, comment="Bổ sung kết quả số hóa")
    told.refresh_from_db()
    assert not told.unread  # reviewed: nothing left to ask of the province
    back = Notification.objects.get(user=officer)
    assert back.text == "Tỉnh trả lại báo cáo Quý III/2026 của xã Yên Lập: Bổ sung kết quả số hóa" and back.unread

    second = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    back.refresh_from_db()
    assert not back.unread  # sent again: the return is settled
    assert Notification.objects.get(user=province_officer, key=f"commune-report:{second.pk}:submitted").text.endswith(
        "(lần 2), chờ tỉnh duyệt.")
    cr.review(user=province_officer, report=second, accept=True)
    assert Notification.objects.get(user=officer, key=f"commune-report:{second.pk}:accepted").text == \
        "Tỉnh đã chấp nhận báo cáo Quý III/2026 của xã Yên Lập."


@pytest.mark.parametrize("repeat", range(2))
def test_two_province_officers_at_once_one_wins_the_other_is_told(repeat, transactional_db, plan, officer, today,
                                                                   django_user_model, province_officer):
    second = django_user_model.objects.create_user("canbo.tinh2", password="mat-khau-du-dai-123")
    Membership.objects.create(user=second, role=PROVINCE_OFFICER, province=plan.commune.province)
    sent = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    outcomes = _at_once(
        lambda: cr.review(user=province_officer, report=CommuneReport.objects.get(pk=sent.pk), accept=True),
        lambda: cr.review(user=second, report=CommuneReport.objects.get(pk=sent.pk), accept=False, comment="Sai số liệu"))
    assert sorted(kind for kind, _ in outcomes) == ["ok", "refused"]
    refused = next(value for kind, value in outcomes if kind == "refused")
    assert refused.code == "already_reviewed" and "cán bộ khác" in refused.message
    sent.refresh_from_db()
    assert sent.state in (ACCEPTED, RETURNED)
    assert sent.history.filter(state__in=[ACCEPTED, RETURNED]).count() == 1


def test_the_province_reads_each_communes_state_with_counts(plan, officer, province_officer, today, clock):
    province = plan.commune.province
    reporting = Commune.objects.create(province=province, name="Phúc Điền")
    Plan.objects.create(commune=reporting, year=2026, title="Kế hoạch", status=Plan.ISSUED)
    other_plan = Plan.objects.get(commune=reporting)
    task = Task.objects.create(plan=other_plan, position=1, name="Số hóa", area="government",
                               lead_unit=reporting.units.first())
    clock(date(2026, 9, 25))
    _report(_officer_of(reporting), task, date(2026, 9, 25))
    clock(today)
    Commune.objects.create(province=province, name="Tân Sơn")
    cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    states = cr.province_states(province, current_plans(province, 2026), parse_period(Q3), calendar_for(province), today)
    assert [(s.commune.name, s.label) for s in states] == [
        ("Phúc Điền", "Đang thực hiện"), ("Tân Sơn", "Chưa bắt đầu"), ("Yên Lập", "Đã gửi")]
    assert cr.state_counts(states) == [("not_started", "Chưa bắt đầu", 1), ("in_progress", "Đang thực hiện", 1),
                                       ("submitted", "Đã gửi", 1), ("accepted", "Đã chấp nhận", 0),
                                       ("returned", "Bị trả lại", 0)]
    assert all(s.due == date(2026, 9, 30) for s in states)
    # on 22/11, past the 30/09 deadline: those not sent are overdue, Yên Lập's report came late
    assert [s.timing for s in states] == ["Quá hạn", "Quá hạn", "Gửi muộn"]
    on_time = cr.province_states(province, current_plans(province, 2026), parse_period(Q3), calendar_for(province),
                                 date(2026, 9, 30))
    assert [s.timing for s in on_time][:2] == ["", ""]


def _officer_of(commune):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(f"canbo-{commune.pk}", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=COMMUNE_OFFICER, commune=commune)
    return user


@pytest.mark.parametrize("plans", [
    [(2026, Plan.ISSUED)], [(2026, Plan.DRAFT)], [(2025, Plan.ISSUED), (2026, Plan.DRAFT)],
    [(2025, Plan.DRAFT), (2026, Plan.DRAFT), (2026, Plan.ISSUED)], [(2027, Plan.ISSUED)], [],
    [(2026, Plan.DRAFT), (2026, Plan.DRAFT)], [(2024, Plan.ISSUED), (2025, Plan.ISSUED), (2026, Plan.DRAFT)],
])
def test_the_commune_page_picks_the_plan_the_dashboards_pick(commune, plans):
    from xaso.tracking.views import current_plan

    for year, status in plans:
        Plan.objects.create(commune=commune, year=year, title=f"KH {year}", status=status)
    assert cr.current_of(list(commune.plans.all()), 2026) == current_plan(commune)
