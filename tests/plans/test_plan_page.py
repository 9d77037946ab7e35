import pytest
from django.urls import reverse

from xaso.plans.models import Task

pytestmark = pytest.mark.django_db


def test_the_plan_page_needs_a_login(client, plan):
    response = client.get(reverse("plan_detail", args=[plan.pk]))
    assert response.status_code == 302 and response.url.startswith("/login/")


def test_the_plan_page_shows_indicators_and_tasks(officer_client, plan):
    html = officer_client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
    assert "Tỷ lệ hồ sơ xử lý trực tuyến" in html and "≥ 95%" in html and "82,78%" in html
    assert "Số hóa hồ sơ thủ tục hành chính" in html and "Quý II–IV/2026" in html
    assert "hạn 31/12/2026" in html  # the due date read from the timeline, written dd/mm/yyyy


@pytest.mark.parametrize("params,expected", [
    ({"area": "economy"}, ["Hỗ trợ hộ kinh doanh bán hàng trực tuyến"]),
    ({"q": "tuyên truyền"}, ["Tuyên truyền về chuyển đổi số"]),
    ({"q": "không có việc này"}, []),
    # the words are read as the search box reads them: without diacritics, any case, each word or its start
    ({"q": "chuyen doi so"}, ["Tuyên truyền về chuyển đổi số"]),
    ({"q": "CHUYỂN ĐỔI"}, ["Tuyên truyền về chuyển đổi số"]),
    ({"q": "ho so"}, ["Số hóa hồ sơ thủ tục hành chính"]),
    ({"q": "kinh doa"}, ["Hỗ trợ hộ kinh doanh bán hàng trực tuyến"]),
    ({"q": "truc tuyen", "area": "economy"}, ["Hỗ trợ hộ kinh doanh bán hàng trực tuyến"]),
    ({"q": "truc tuyen", "area": "government"}, []),
    ({"q": "!!!"}, ["Số hóa hồ sơ thủ tục hành chính", "Hỗ trợ hộ kinh doanh bán hàng trực tuyến",
                    "Tuyên truyền về chuyển đổi số"]),  # no word to look for: no filter
])
def test_tasks_are_filtered(officer_client, plan, params, expected):
    response = officer_client.get(reverse("plan_detail", args=[plan.pk]), params,
                                  headers={"HX-Request": "true", "HX-Target": "tasks"})
    names = [t.name for t in response.context["tasks"]]
    assert names == expected
    assert b"<html" not in response.content  # HTMX gets the table alone


def test_tasks_are_filtered_by_lead_unit(officer_client, plan):
    lead = plan.commune.units.get(short_name="Phòng KT")
    response = officer_client.get(reverse("plan_detail", args=[plan.pk]), {"lead": lead.pk})
    assert [t.name for t in response.context["tasks"]] == ["Hỗ trợ hộ kinh doanh bán hàng trực tuyến"]


def _add_tasks(plan, count):
    units = list(plan.commune.units.all())
    for i in range(count):
        task = Task.objects.create(plan=plan, name=f"Nhiệm vụ {i}", lead_unit=units[i % len(units)])
        task.partner_units.set(units[:2])


def test_the_plan_page_query_count_does_not_grow_with_tasks(officer_client, plan, django_assert_max_num_queries):
    url = reverse("plan_detail", args=[plan.pk])
    # session, user, plan (+commune, province), tasks, partner units, indicators, commune's units, the province's
    # reporting calendar, planned budgets, spending reported (xaso.tracking.budget), unread count, whether the user
    # has an authenticator (xaso.accounts.middleware)
    with django_assert_max_num_queries(13):
        officer_client.get(url)
    _add_tasks(plan, 60)
    with django_assert_max_num_queries(13):
        assert officer_client.get(url).status_code == 200


def test_commune_and_province_pages_query_count_is_flat(province_client, plan, django_assert_max_num_queries):
    from xaso.plans.models import Commune, Plan

    for i in range(15):
        other = Commune.objects.create(province=plan.commune.province, name=f"Xã thử {i}")
        Plan.objects.create(commune=other, year=2026, title=f"KH {i}")
    # each page also counts the user's unread notifications for the header (one query) and reads the authenticator
    # that verified the session (django-otp, one query); the commune's page also reads its reports to the province
    with django_assert_max_num_queries(7):
        assert province_client.get(reverse("province_detail", args=[plan.commune.province_id])).status_code == 200
    with django_assert_max_num_queries(11):  # the province's evaluation index, for its link, and its reporting calendar
        assert province_client.get(reverse("commune_detail", args=[plan.commune_id])).status_code == 200
    with django_assert_max_num_queries(6):
        assert province_client.get(reverse("home") + "?all").status_code == 200


def test_an_unknown_plan_is_a_vietnamese_404(officer_client, db):
    response = officer_client.get("/plans/999999/")
    assert response.status_code == 404 and "Không tìm thấy trang" in response.content.decode()
