"""Reporting timeliness (xaso.tracking.timeliness) on a frozen calendar: NĐ 09's cut-off on the 15th, quarterly
reports due 5 days after the cut-off. Q2/2026 covers 15/03 → 14/06 (due 19/06), Q3/2026 15/06 → 14/09 (due 19/09).
The same counts per unit, per commune and per province; a period, then the year; the pages and their downloads."""

import io
from datetime import date, datetime, time

import openpyxl
import pytest
from django.utils import timezone

from xaso.core.periods import parse_period
from xaso.plans.models import Commune, Plan, Province, Task
from xaso.tracking import calendars, national, timeliness
from xaso.tracking.figures import as_of
from xaso.tracking.models import ACCEPTED, DRAFT, RETURNED, SUBMITTED, ReportCalendar, TaskReport

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)  # Q1–Q3 due, Q4 (15/09 → 14/12) running
DEC = date(2026, 12, 31)


def _at(day, hour=10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _world(task=None):
    province = Province.objects.create(name="Tỉnh Một")
    ReportCalendar.objects.create(province=province, cutoff_day=15, quarter_deadline_days=5, lock_days=30)
    commune = Commune.objects.create(province=province, name="Yên Lập")
    units = {"lead": commune.units.get(short_name="TT PVHCC"), "other": commune.units.get(short_name="Trạm YT")}
    plan = Plan.objects.create(commune=commune, year=2026, title="Kế hoạch", status=Plan.ISSUED)
    task = task or {}
    lead = units["lead"] if task.get("lead", "lead") else None
    item = Task.objects.create(plan=plan, position=1, name="Số hóa hồ sơ", area="government", lead_unit=lead,
                               start_date=task.get("start_date"), due_date=DEC)
    Task.objects.create(plan=plan, position=2, name="Nhiệm vụ khác, không có đơn vị chủ trì", area="government")
    return province, commune, units, plan, item


def _report(item, unit, period, state, sent, status="in_progress"):
    TaskReport.objects.create(task=item, unit=unit, period=period, state=state, status=status, percent=50,
                              submitted_at=_at(sent) if sent else None)


# One task, its reports, and what it adds to (expected, sent, on time) for Q3/2026, seen on 22/11/2026.
CASES = [
    ("sent in the window", {}, [("lead", "2026-Q3", SUBMITTED, date(2026, 9, 16))], (1, 1, 1)),
    ("sent on the deadline", {}, [("lead", "2026-Q3", ACCEPTED, date(2026, 9, 19))], (1, 1, 1)),
    ("returned is still sent", {}, [("lead", "2026-Q3", RETURNED, date(2026, 9, 18))], (1, 1, 1)),
    ("sent the day after the deadline", {}, [("lead", "2026-Q3", ACCEPTED, date(2026, 9, 20))], (1, 1, 0)),
    ("a draft is not sent", {}, [("lead", "2026-Q3", DRAFT, None)], (1, 0, 0)),
    ("another unit's report", {}, [("other", "2026-Q3", ACCEPTED, date(2026, 9, 16))], (1, 0, 0)),
    ("only last period's report", {}, [("lead", "2026-Q2", ACCEPTED, date(2026, 6, 16))], (1, 0, 0)),
    ("nothing sent", {}, [], (1, 0, 0)),
    ("finished in Q2: nothing expected", {}, [("lead", "2026-Q2", ACCEPTED, date(2026, 6, 16), "done")], (0, 0, 0)),
    ("finished in Q2 but known after Q3's cut-off: expected", {},
     [("lead", "2026-Q2", ACCEPTED, date(2026, 9, 15), "done")], (1, 0, 0)),
    ("begins on Q3's last day (14/09): expected", {"start_date": date(2026, 9, 14)}, [], (1, 0, 0)),
    ("begins in Q4 (15/09): nothing expected", {"start_date": date(2026, 9, 15)}, [], (0, 0, 0)),
    ("no lead unit: nothing expected", {"lead": None}, [], (0, 0, 0)),
]


@pytest.mark.parametrize("case,task,reports,expected", CASES, ids=[c[0] for c in CASES])
def test_timeliness_of_a_period_per_unit_commune_and_province(case, task, reports, expected):
    province, commune, units, plan, item = _world(task)
    for unit, period, state, sent, *reported in reports:
        _report(item, units[unit], period, state, sent, *reported)
    calendar = calendars.calendar_for(province)
    assert calendar.deadline(parse_period("2026-Q3")) == date(2026, 9, 19)
    plans = [(plan.pk, plan.year, plan.report_cadence, calendar)]
    q3 = parse_period("2026-Q3")
    for key, group in ((timeliness.UNIT, units["lead"].pk), (timeliness.COMMUNE, commune.pk),
                       (timeliness.PROVINCE, province.pk)):
        counts = timeliness.timeliness(plans, key, TODAY, q3).get(group, timeliness.Counts())
        assert (counts.expected, counts.sent, counts.on_time) == expected, key
    ranking = national.national_figures(national.chosen_plans(2026), TODAY, q3)  # the national page: the same code
    assert (ranking[0].expected, ranking[0].sent, ranking[0].on_time) == expected


def test_the_year_sums_every_due_period():
    province, commune, units, plan, item = _world()
    _report(item, units["lead"], "2026-Q1", ACCEPTED, date(2026, 3, 19))  # due 19/03: on time
    _report(item, units["lead"], "2026-Q2", ACCEPTED, date(2026, 6, 25))  # due 19/06: late
    # Q3: nothing; Q4 (due 19/12) is not due on 22/11 and does not count
    _report(item, units["lead"], "2026-Q4", SUBMITTED, date(2026, 11, 20))
    plans = [(plan.pk, plan.year, plan.report_cadence, calendars.calendar_for(commune))]
    year = timeliness.year_timeliness(plans, timeliness.COMMUNE, TODAY)[commune.pk]
    assert (year.expected, year.sent, year.on_time, year.on_time_share) == (3, 2, 1, 33.3)
    running = timeliness.timeliness(plans, timeliness.COMMUNE, TODAY)[commune.pk]  # today: Q4 is running
    assert (running.expected, running.sent, running.on_time) == (1, 1, 1)
    country = national.national_figures(national.chosen_plans(2026), TODAY)[0]  # the national page: the same code
    assert (country.year.expected, country.year.sent, country.year.on_time) == (3, 2, 1)
    for asked, counts in [("2026-Q3", (2, 2, 1)), ("2026-Q2", (1, 1, 1)), ("2026-Q1", (0, 0, 0))]:
        # as of a past period's end (Quý II: 14/06), the periods due by then (Quý I, due 19/03)
        _, year = timeliness.timeliness_and_year(plans, timeliness.COMMUNE, TODAY, parse_period(asked))
        found = year.get(commune.pk, timeliness.Counts())
        assert (found.expected, found.sent, found.on_time) == counts, asked


def test_a_plain_calendar_moves_the_deadline(monkeypatch):
    """The same reports under a plain calendar (cut-off 1, due on the quarter's last day): sent 20/09 is on time."""
    province, commune, units, plan, item = _world()
    ReportCalendar.objects.filter(province=province).update(cutoff_day=1, quarter_deadline_days=0)
    _report(item, units["lead"], "2026-Q3", ACCEPTED, date(2026, 9, 20))
    plans = [(plan.pk, plan.year, plan.report_cadence, calendars.calendar_for(province))]
    counts = timeliness.timeliness(plans, timeliness.UNIT, TODAY, parse_period("2026-Q3"))[units["lead"].pk]
    assert (counts.expected, counts.sent, counts.on_time) == (1, 1, 1)


def test_the_dashboards_show_and_download_it(commune, officer_client, province_client, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda: TODAY)
    plan = Plan.objects.create(commune=commune, year=2026, title="Kế hoạch", status=Plan.ISSUED)
    lead = commune.units.get(short_name="TT PVHCC")
    item = Task.objects.create(plan=plan, position=1, name="Số hóa hồ sơ", area="government", lead_unit=lead,
                               due_date=DEC)
    _report(item, lead, "2026-Q3", ACCEPTED, date(2026, 9, 10))
    page = officer_client.get(f"/communes/{commune.pk}/dashboard/?period=2026-Q3").content.decode()
    assert 'id="timeliness"' in page and str(lead) in page
    csv = officer_client.get(f"/communes/{commune.pk}/dashboard/?period=2026-Q3&table=timeliness&format=csv")
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Đơn vị;Phải gửi (kỳ);Đã gửi (kỳ);") and lines[1].startswith(f"{lead};1;1;100;1;100"), lines
    xlsx = province_client.get(f"/provinces/{commune.province_id}/dashboard/?period=2026-Q3&table=timeliness&format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == f"Xã {commune.name}"]
    assert rows and rows[0][1:6] == (1, 1, 100, 1, 100)
    running = officer_client.get(f"/communes/{commune.pk}/dashboard/?period=2026-Q4").content.decode()
    rate = running.split('data-label="Tỷ lệ đúng hạn">')[1].split("</td>")[0]
    assert rate == "chưa đến hạn"  # Q4's deadline has not come: 0% would read as every unit late
    assert "chưa đến hạn" not in page.split('id="timeliness"')[1].split("</table>")[0]


def test_the_commune_page_lists_each_lead_unit_by_name_another_communes_too(monkeypatch):
    """The page reads the commune's units (xaso.tracking.views._unit_timeliness); a task led by another commune's
    unit, which nothing in xaso sets but the database allows, still counts, in its place by name."""
    from xaso.tracking.views import _unit_timeliness

    province, commune, units, plan, item = _world()
    elsewhere = Commune.objects.create(province=province, name="Xã Khác").units.order_by("name").first()
    second = Task.objects.create(plan=plan, position=3, name="Nhiệm vụ thứ hai", area="government",
                                 lead_unit=units["other"], due_date=DEC)
    Task.objects.create(plan=plan, position=4, name="Nhiệm vụ do xã khác chủ trì", area="government",
                        lead_unit=elsewhere, due_date=DEC)
    _report(item, units["lead"], "2026-Q3", ACCEPTED, date(2026, 9, 16))
    _report(second, units["other"], "2026-Q3", ACCEPTED, date(2026, 9, 25))
    rows = _unit_timeliness(plan, calendars.calendar_for(commune), TODAY, parse_period("2026-Q3"))
    assert [unit.pk for unit, _, _ in rows] == [u.pk for u in sorted([units["lead"], units["other"], elsewhere],
                                                                     key=lambda u: (u.name, u.pk))]
    counts = {unit.pk: (now.expected, now.sent, now.on_time) for unit, now, _ in rows}
    assert counts == {units["lead"].pk: (1, 1, 1), units["other"].pk: (1, 1, 0), elsewhere.pk: (1, 0, 0)}


def test_the_periods_of_a_year_are_asked_in_one_statement_per_run_of_plans(monkeypatch, django_assert_num_queries):
    """Every due period in one statement (the periods are rows joined to the tasks), the plans named in runs that fit
    one statement's parameters: three plans in runs of two are two statements, summed as one."""
    province, commune, units, plan, item = _world()
    _report(item, units["lead"], "2026-Q3", ACCEPTED, date(2026, 9, 16))
    calendar = calendars.calendar_for(plan)
    plans = [(plan.pk, plan.year, plan.report_cadence, calendar)]
    for name in ("Hòa Bình", "Tân Lập"):
        other = Plan.objects.create(commune=Commune.objects.create(province=province, name=name), year=2026,
                                    title="Kế hoạch", status=Plan.ISSUED)
        lead = other.commune.units.get(short_name="TT PVHCC")
        _report(Task.objects.create(plan=other, position=1, name="Số hóa hồ sơ", area="government", lead_unit=lead,
                                    due_date=DEC), lead, "2026-Q3", ACCEPTED, date(2026, 9, 16))
        plans.append((other.pk, other.year, other.report_cadence, calendar))
    with django_assert_num_queries(1):
        year = timeliness.year_timeliness(plans, timeliness.COMMUNE, TODAY)
    assert sorted((c.expected, c.sent, c.on_time) for c in year.values()) == [(3, 1, 1)] * 3  # Q1–Q3, each commune
    monkeypatch.setattr(timeliness, "MAX_PLANS", 2)
    with django_assert_num_queries(2):
        assert timeliness.year_timeliness(plans, timeliness.COMMUNE, TODAY) == year
    with django_assert_num_queries(0):
        assert timeliness.year_timeliness(plans, timeliness.COMMUNE, date(2026, 1, 10)) == {}  # nothing due yet


@pytest.mark.parametrize("day, period", [(date(2026, 1, 10), None), (date(2026, 6, 30), None), (TODAY, None),
                                         (TODAY, "2026-Q2"), (DEC, None), (DEC, "2026-Q4")])
@pytest.mark.parametrize("key", [timeliness.UNIT, timeliness.COMMUNE, timeliness.PROVINCE])
def test_the_period_and_the_year_together_are_what_each_is_alone_in_one_statement(key, day, period,
                                                                                  django_assert_num_queries):
    """The dashboards ask the running period's counts and the year's in one statement: the same counts as each
    asked alone, on days before, inside and after the year's deadlines."""
    province, commune, units, plan, item = _world()
    _report(item, units["lead"], "2026-Q1", ACCEPTED, date(2026, 3, 20))  # late: Q1 was due 19/03
    _report(item, units["lead"], "2026-Q3", SUBMITTED, date(2026, 9, 16))
    _report(item, units["other"], "2026-Q2", ACCEPTED, date(2026, 6, 16))  # not the lead unit's
    other = Plan.objects.create(commune=Commune.objects.create(province=province, name="Hòa Bình"), year=2026,
                                title="Kế hoạch", status=Plan.ISSUED)
    lead = other.commune.units.get(short_name="TT PVHCC")
    done = Task.objects.create(plan=other, position=1, name="Số hóa hồ sơ", area="government", lead_unit=lead,
                               due_date=DEC)
    _report(done, lead, "2026-Q2", ACCEPTED, date(2026, 6, 18), status="done")  # nothing expected after Q2
    calendar = calendars.calendar_for(plan)
    plans = [(p.pk, p.year, p.report_cadence, calendar) for p in (plan, other)]
    shown = parse_period(period) if period else None
    # a past period's year: the periods due by its end
    alone = (timeliness.timeliness(plans, key, day, shown),
             timeliness.year_timeliness(plans, key, as_of(day, shown, calendar)))
    with django_assert_num_queries(1):
        together = timeliness.timeliness_and_year(plans, key, day, shown)
    assert together == alone
