"""The read-only unit page (what a unit sent, period by period) and the links to unit pages: each role sees a
link only to the unit pages it may open."""

import re
from datetime import date

import pytest
from django.urls import reverse

from xaso.accounts.models import Membership
from xaso.tracking import services

from tests.login import log_in

pytestmark = pytest.mark.django_db
ACTIONS = ("Báo cáo đã gửi", "Nhập báo cáo", "Sửa", "Xóa")


@pytest.fixture
def people(django_user_model, plan):
    commune = plan.commune
    places = {"province_officer": ("province_officer", {"province": commune.province}),
              "province_leader": ("leader", {"province": commune.province}),
              "commune_officer": ("commune_officer", {"commune": commune}),
              "commune_leader": ("leader", {"commune": commune}),
              "unit_reporter": ("unit_reporter", {"unit": commune.units.get(short_name="TT PVHCC")})}
    users = {"admin": django_user_model.objects.create_superuser("quantri", password="mat-khau-du-dai-123")}
    for name, (role, place) in places.items():
        users[name] = django_user_model.objects.create_user(name, password="mat-khau-du-dai-123")
        Membership.objects.create(user=users[name], role=role, **place)
    return users


def _unit_actions(html: str, unit_name: str) -> tuple[str, ...]:
    row = next(r for r in re.findall(r"<tr>.*?</tr>", html, re.S) if f">{unit_name}<" in r)
    cell = re.search(r'<td class="actions">(.*?)</td>', row, re.S).group(1)
    return tuple(re.findall(r">([^<>]+)</a>", cell))


EVERYTHING = ACTIONS
READ = ("Báo cáo đã gửi",)
OWN = ("Báo cáo đã gửi", "Nhập báo cáo")


@pytest.mark.parametrize("role, own_unit, other_unit", [
    ("admin", EVERYTHING, EVERYTHING),
    ("province_officer", EVERYTHING, EVERYTHING),
    ("province_leader", READ, READ),
    ("commune_officer", EVERYTHING, EVERYTHING),
    ("commune_leader", READ, READ),
    ("unit_reporter", OWN, ()),
])
def test_the_commune_page_links_each_role_to_the_unit_pages_it_may_open(client, people, plan, role, own_unit, other_unit):
    log_in(client, people[role])
    html = client.get(reverse("commune_detail", args=[plan.commune_id])).content.decode()
    assert _unit_actions(html, "Trung tâm Phục vụ hành chính công") == own_unit
    assert _unit_actions(html, "Trạm Y tế") == other_unit
    for href in re.findall(r'href="(/units/[^"]+)"', html):  # and every one of them opens
        assert client.get(href).status_code == 200, href


@pytest.fixture
def reports(plan, people):
    """The center's reports: Q2 accepted, Q3 returned with a comment, Q4 a draft only (not sent)."""
    unit = plan.commune.units.get(short_name="TT PVHCC")
    task = plan.tasks.get(lead_unit=unit)
    officer = people["commune_officer"]
    for period, day, percent, verdict in (("2026-Q2", date(2026, 6, 25), 30, True),
                                          ("2026-Q3", date(2026, 9, 25), 60, False)):
        report = services.save_task_report(user=officer, task=task, unit=unit, period_code=period, today=day,
                                           data=services.TaskReportData(status="in_progress", percent=percent,
                                                                        achievements=f"Đã số hóa {percent * 10} hồ sơ"))
        services.submit(user=officer, report=report)
        services.review(user=officer, report=report, accept=verdict, comment="" if verdict else "Thiếu biên bản nghiệm thu")
    services.save_task_report(user=officer, task=task, unit=unit, period_code="2026-Q4", today=date(2026, 11, 22),
                              data=services.TaskReportData(status="in_progress", percent=90, achievements="Bản nháp chưa gửi"))
    return unit


def _period(html, code):
    return html.split(f'id="period-{code}"', 1)[1].split("</section>", 1)[0]


@pytest.mark.parametrize("role", ["province_leader", "commune_leader"])
def test_a_leader_reads_what_the_unit_sent_period_by_period_and_changes_nothing(client, people, plan, reports, role):
    log_in(client, people[role])
    response = client.get(reverse("unit_reports", args=[reports.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert [m for m in re.findall(r'id="period-([^"]+)"', html)] == ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1"]
    q2, q3, q4 = _period(html, "2026-Q2"), _period(html, "2026-Q3"), _period(html, "2026-Q4")
    assert "Quý II/2026" in q2 and "Đang triển khai" in q2 and "30%" in q2 and "Đã số hóa 300 hồ sơ" in q2
    assert "Đã chấp nhận" in q2
    assert "60%" in q3 and "Bị trả lại" in q3 and "Thiếu biên bản nghiệm thu" in q3
    assert "Bản nháp chưa gửi" not in q4 and "Chưa gửi báo cáo" in q4  # a draft is not what the unit reported
    assert "Số hóa hồ sơ thủ tục hành chính" in html and "Chủ trì" in html
    # read-only: no form, no button to report or edit
    assert "<form" not in html.split("<main>", 1)[1]
    assert "Nhập báo cáo" not in html and "/tasks/" not in html and "/edit/" not in html


def test_the_unit_itself_reads_its_page_and_is_pointed_to_its_reporting(client, people, reports):
    log_in(client, people["unit_reporter"])
    html = client.get(reverse("unit_reports", args=[reports.pk])).content.decode()
    assert f'href="{reverse("unit_tasks", args=[reports.pk])}"' in html
    tasks_page = client.get(reverse("unit_tasks", args=[reports.pk])).content.decode()
    assert f'href="{reverse("unit_reports", args=[reports.pk])}"' in tasks_page


def test_the_unit_page_query_count_does_not_grow(client, people, plan, reports, django_assert_max_num_queries):
    from xaso.plans.models import Task

    log_in(client, people["province_leader"])
    url = reverse("unit_reports", args=[reports.pk])
    # session, user (with its role and authenticator), unit (+commune, province), membership, plan, the province's
    # calendar, the plan's figures (tasks, indicators), the unit's tasks, its reports, their evidence, its indicator
    # values, the header's unread notifications
    with django_assert_max_num_queries(13):
        client.get(url)
    for i in range(30):
        task = Task.objects.create(plan=plan, position=10 + i, name=f"Nhiệm vụ thêm {i}", lead_unit=reports)
        report = services.save_task_report(user=people["admin"], task=task, unit=reports, period_code="2026-Q4",
                                           today=date(2026, 11, 22), data=services.TaskReportData(status="in_progress", percent=10))
        services.submit(user=people["admin"], report=report)
    with django_assert_max_num_queries(13):
        assert "Nhiệm vụ thêm 29" in client.get(url).content.decode()
