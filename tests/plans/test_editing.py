"""Create, edit and delete from the pages, and every bad input refused in Vietnamese."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from xaso.plans.models import Commune, Indicator, Plan, Task, Unit

pytestmark = pytest.mark.django_db


def _task_data(plan, **overrides):
    lead = plan.commune.units.get(short_name="Phòng VH-XH")
    data = {"area": "society", "name": "Tập huấn kỹ năng số", "lead_unit": lead.pk,
            "timeline_text": "Quý III/2026", "budget_million_vnd": "1.250,5"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_a_task_is_added_with_dates_read_from_its_timeline(officer_client, plan):
    response = officer_client.post(reverse("task_create", args=[plan.pk]), _task_data(plan))
    assert response.status_code == 302
    task = Task.objects.get(name="Tập huấn kỹ năng số")
    assert (task.start_date, task.due_date, task.budget_million_vnd) == (date(2026, 7, 1), date(2026, 9, 30), Decimal("1250.5"))


# (field overrides, field with the error, message shown)
BAD_TASKS = [
    ({"budget_million_vnd": "abc"}, "budget_million_vnd", "Kinh phí phải là một số"),
    ({"budget_million_vnd": "-5"}, "budget_million_vnd", "Kinh phí không được âm."),
    ({"name": "   "}, "name", "Tên nhiệm vụ không được để trống."),
    ({"start_date": "01/06/2026", "due_date": "01/05/2026"}, "due_date", "Hạn hoàn thành phải sau ngày bắt đầu."),
    ({"due_date": "31/02/2026"}, "due_date", "Ngày không hợp lệ"),
]


@pytest.mark.parametrize("overrides,field,message", BAD_TASKS)
def test_a_bad_task_is_refused_and_nothing_is_saved(officer_client, plan, overrides, field, message):
    before = Task.objects.count()
    response = officer_client.post(reverse("task_create", args=[plan.pk]), _task_data(plan, **overrides))
    assert response.status_code == 400
    assert any(message in e for e in response.context["form"].errors[field])
    assert message in response.content.decode()
    assert Task.objects.count() == before


def test_a_lead_unit_of_another_commune_is_refused(officer_client, plan):
    other = Commune.objects.create(province=plan.commune.province, name="Xã Khác")
    foreign = other.units.first()
    response = officer_client.post(reverse("task_create", args=[plan.pk]), _task_data(plan, lead_unit=foreign.pk))
    assert response.status_code == 400 and "lead_unit" in response.context["form"].errors


def test_a_task_is_edited_and_deleted(officer_client, plan):
    task = plan.tasks.first()
    data = _task_data(plan, name="Tên mới", timeline_text="Thường xuyên")
    assert officer_client.post(reverse("task_edit", args=[task.pk]), data).status_code == 302
    task.refresh_from_db()
    assert task.name == "Tên mới" and task.recurring
    assert officer_client.post(reverse("task_delete", args=[task.pk])).status_code == 302
    assert not Task.objects.filter(pk=task.pk).exists()


PLAN_CASES = [
    ({"year": "1999"}, "year", "Năm phải từ 2000 đến 2100."),
    ({"year": "2101"}, "year", "Năm phải từ 2000 đến 2100."),
    ({"year": "hai nghìn"}, "year", "Năm phải là một số"),
    ({"title": ""}, "title", "Trích yếu không được để trống."),
    ({"status": "issued"}, "status", "chỉ được một kế hoạch ban hành mỗi năm"),
    ({"issued_on": "32/13/2026"}, "issued_on", "Nhập một ngày hợp lệ"),
]


@pytest.mark.parametrize("overrides,field,message", PLAN_CASES)
def test_a_bad_plan_is_refused(officer_client, plan, overrides, field, message):
    data = {"title": "Kế hoạch bổ sung", "year": "2026", "status": "draft", **overrides}
    before = Plan.objects.count()
    response = officer_client.post(reverse("plan_create", args=[plan.commune_id]), data)
    assert response.status_code == 400
    assert any(message in e for e in response.context["form"].errors[field]), response.context["form"].errors
    assert Plan.objects.count() == before


def test_a_plan_is_created_edited_and_deleted(officer_client, commune):
    response = officer_client.post(reverse("plan_create", args=[commune.pk]),
                                   {"title": "Kế hoạch CĐS 2027", "year": "2027", "status": "draft", "issued_on": "15/11/2026"})
    plan = Plan.objects.get(title="Kế hoạch CĐS 2027")
    assert response.url == reverse("plan_detail", args=[plan.pk]) and plan.issued_on == date(2026, 11, 15)
    officer_client.post(reverse("plan_edit", args=[plan.pk]), {"title": "Kế hoạch CĐS năm 2027", "year": "2027", "status": "issued"})
    plan.refresh_from_db()
    assert plan.status == Plan.ISSUED
    officer_client.post(reverse("plan_delete", args=[plan.pk]))
    assert not Plan.objects.filter(pk=plan.pk).exists()


def test_an_indicator_is_added_with_its_target_read(officer_client, plan):
    response = officer_client.post(reverse("indicator_create", args=[plan.pk]), {
        "area": "society", "text": "Tỷ lệ hộ có cáp quang", "baseline_text": "70,5%", "target_text": "từ 85% trở lên"})
    assert response.status_code == 302
    indicator = Indicator.objects.get(text="Tỷ lệ hộ có cáp quang")
    assert (indicator.baseline_value, indicator.target_value, indicator.comparator, indicator.unit) == (
        Decimal("70.5"), Decimal("85"), ">=", "%")


def test_an_indicator_without_text_is_refused(officer_client, plan):
    response = officer_client.post(reverse("indicator_create", args=[plan.pk]), {"area": "society", "text": " "})
    assert response.status_code == 400 and "Chỉ tiêu không được để trống." in response.content.decode()


def test_units_are_added_renamed_and_refused_when_duplicate(officer_client, commune):
    url = reverse("unit_create", args=[commune.pk])
    assert officer_client.post(url, {"name": "Trường Tiểu học Yên Lập", "kind": "school"}).status_code == 302
    response = officer_client.post(url, {"name": "trường tiểu học yên lập", "kind": "school"})
    assert response.status_code == 400 and "Xã này đã có một đơn vị cùng tên." in response.content.decode()
    unit = Unit.objects.get(name="Trường Tiểu học Yên Lập")
    officer_client.post(reverse("unit_edit", args=[unit.pk]), {"name": "Trường TH Yên Lập", "kind": "school"})
    unit.refresh_from_db()
    assert unit.name == "Trường TH Yên Lập"
    officer_client.post(reverse("unit_delete", args=[unit.pk]))
    assert not Unit.objects.filter(pk=unit.pk).exists()


def test_a_commune_is_added_with_its_units(province_client, commune):
    url = reverse("commune_create", args=[commune.province_id])
    assert province_client.post(url, {"name": "Xã Phúc Điền"}).status_code == 302
    created = Commune.objects.get(name="Phúc Điền")
    assert created.units.count() == 7
    response = province_client.post(url, {"name": ""})
    assert response.status_code == 400 and "Tên xã/phường không được để trống." in response.content.decode()


def test_a_commune_officer_cannot_delete_the_commune(officer_client, plan):
    assert officer_client.post(reverse("commune_delete", args=[plan.commune_id])).status_code == 403
    assert Commune.objects.filter(pk=plan.commune_id).exists()
