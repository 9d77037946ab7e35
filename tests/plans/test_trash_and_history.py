"""Every change says who made it (before → after); deletions go to a trash an officer restores."""

from django.urls import reverse

from xaso.plans import trash
from xaso.plans.models import Commune, Plan, Task


def test_the_history_page_shows_who_changed_what_before_and_after(officer_client, plan, officer):
    task = plan.tasks.get(name__startswith="Tuyên truyền")
    response = officer_client.post(reverse("task_edit", args=[task.pk]), {
        "name": "Tuyên truyền về chuyển đổi số trên loa truyền thanh", "area": "awareness",
        "lead_unit": task.lead_unit_id, "timeline_text": "Thường xuyên", "position": 3})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = officer_client.get(reverse("object_history", args=["task", task.pk])).content.decode()
    assert "canbo" in page and "Sửa" in page and "Tạo mới" in page
    assert "<del>Tuyên truyền về chuyển đổi số</del> → <ins>Tuyên truyền về chuyển đổi số trên loa truyền thanh</ins>" in page


def test_a_deleted_plan_goes_to_the_trash_with_its_tasks_and_comes_back(officer_client, plan):
    assert officer_client.post(reverse("plan_delete", args=[plan.pk])).status_code == 302
    assert not Plan.objects.filter(pk=plan.pk).exists() and Plan.all_objects.get(pk=plan.pk).deleted_at
    assert Task.objects.filter(plan_id=plan.pk).count() == 0
    assert officer_client.get(reverse("plan_detail", args=[plan.pk])).status_code == 404
    trash_page = officer_client.get(reverse("commune_trash", args=[plan.commune_id])).content.decode()
    assert plan.title in trash_page and "canbo" in trash_page
    assert officer_client.post(reverse("restore", args=["plan", plan.pk])).status_code == 302
    assert Task.objects.filter(plan_id=plan.pk).count() == 3
    history = officer_client.get(reverse("object_history", args=["plan", plan.pk])).content.decode()
    assert "Xóa (vào thùng rác)" in history and "Khôi phục" in history


def test_a_task_deleted_before_its_plan_stays_in_the_trash_when_the_plan_comes_back(plan, officer):
    alone = plan.tasks.first()
    trash.soft_delete(alone, officer)
    trash.soft_delete(plan, officer)
    trash.restore(Plan.all_objects.get(pk=plan.pk), officer)
    assert Task.objects.filter(plan=plan).count() == 2
    assert Task.all_objects.get(pk=alone.pk).deleted_at is not None


def test_a_task_of_a_deleted_plan_cannot_be_restored_alone(officer_client, plan, officer):
    trash.soft_delete(plan, officer)
    task = Task.all_objects.filter(plan_id=plan.pk).first()
    response = officer_client.post(reverse("restore", args=["task", task.pk]), follow=True)
    assert "Hãy khôi phục kế hoạch" in response.content.decode()
    assert Task.all_objects.get(pk=task.pk).deleted_at is not None


def test_restoring_a_second_issued_plan_of_the_year_is_refused_with_a_message(officer_client, plan, officer):
    trash.soft_delete(plan, officer)
    Plan.objects.create(commune=plan.commune, year=2026, title="Kế hoạch mới", status=Plan.ISSUED)
    response = officer_client.post(reverse("restore", args=["plan", plan.pk]), follow=True)
    assert "Không khôi phục được" in response.content.decode()
    assert Plan.all_objects.get(pk=plan.pk).deleted_at is not None


def test_the_province_officer_deletes_and_restores_a_commune(province_client, plan):
    commune = plan.commune
    assert province_client.post(reverse("commune_delete", args=[commune.pk])).status_code == 302
    assert not Commune.objects.filter(pk=commune.pk).exists() and not Plan.objects.filter(pk=plan.pk).exists()
    page = province_client.get(reverse("province_trash", args=[commune.province_id])).content.decode()
    assert "Yên Lập" in page
    province_client.post(reverse("restore", args=["commune", commune.pk]))
    assert Plan.objects.get(pk=plan.pk).tasks.count() == 3 and commune.units.count() == 7


def test_a_unit_that_leads_tasks_is_not_deleted(officer_client, plan):
    unit = plan.commune.units.get(short_name="TT PVHCC")
    response = officer_client.post(reverse("unit_delete", args=[unit.pk]), follow=True)
    assert "đang chủ trì nhiệm vụ" in response.content.decode()
    assert plan.commune.units.filter(pk=unit.pk).exists()


def test_a_deleted_name_can_be_used_again(officer_client, commune, officer):
    unit = commune.units.get(short_name="Trạm YT")
    trash.soft_delete(unit, officer)
    response = officer_client.post(reverse("unit_create", args=[commune.pk]),
                                   {"name": unit.name, "short_name": "Trạm YT", "kind": "health"})
    assert response.status_code == 302
