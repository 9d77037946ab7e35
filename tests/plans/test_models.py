from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from xaso.plans.models import DEFAULT_UNITS, Commune, Indicator, Plan, Task

pytestmark = pytest.mark.django_db


def test_a_new_commune_gets_the_usual_units(commune):
    assert sorted(commune.units.values_list("name", flat=True)) == sorted(name for name, _, _ in DEFAULT_UNITS)


def test_units_are_not_duplicated_when_a_commune_is_saved_again(commune):
    commune.code = "12345"
    commune.save()
    assert commune.units.count() == len(DEFAULT_UNITS)


def test_two_communes_of_one_province_cannot_share_a_name(commune):
    with pytest.raises(IntegrityError), transaction.atomic():
        Commune.objects.create(province=commune.province, name=commune.name)


def test_only_one_issued_plan_per_commune_and_year(plan):
    Plan.objects.create(commune=plan.commune, year=2026, title="Dự thảo sửa đổi", status=Plan.DRAFT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(commune=plan.commune, year=2026, title="Bản thứ hai", status=Plan.ISSUED)


def test_the_database_refuses_a_year_out_of_range(commune):
    with pytest.raises(IntegrityError), transaction.atomic():
        Plan.objects.create(commune=commune, year=1999, title="Sai năm")


def test_the_database_refuses_a_due_date_before_the_start(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(plan=plan, name="x", start_date=date(2026, 5, 1), due_date=date(2026, 4, 1))


def test_the_database_refuses_a_negative_budget(plan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Task.objects.create(plan=plan, name="x", budget_million_vnd=Decimal("-1"))


def test_apply_target_keeps_the_text_and_reads_its_figures(plan):
    indicator = Indicator(plan=plan, text="Tỷ lệ trường học triển khai học bạ số")
    indicator.apply_target("100% (2025-2027)")
    assert (indicator.target_text, indicator.target_value, indicator.comparator, indicator.unit) == (
        "100% (2025-2027)", Decimal("100"), ">=", "%")
    assert (indicator.span_start, indicator.span_end) == (2025, 2027)


def test_a_qualitative_target_has_no_value(plan):
    indicator = Indicator(plan=plan, text="Cấp độ an toàn hệ thống thông tin")
    indicator.apply_target("Cấp độ 2 hoặc 3")
    assert indicator.qualitative and indicator.comparator == ""


def test_apply_timeline_uses_the_plan_year_where_the_text_has_none(plan):
    task = Task(plan=plan, name="Tuyên truyền")
    task.apply_timeline("Thường xuyên")
    assert (task.start_date, task.due_date, task.recurring) == (date(2026, 1, 1), date(2026, 12, 31), True)


def test_an_unreadable_timeline_is_kept_without_dates(plan):
    task = Task(plan=plan, name="Báo cáo")
    task.apply_timeline("Theo chỉ đạo của Sở")
    assert (task.timeline_text, task.start_date, task.due_date) == ("Theo chỉ đạo của Sở", None, None)


@pytest.mark.parametrize("text, note", [
    ("100% (2025-2027)", ""), ("≥ 95% giai đoạn 2026 – 2030", ""), ("100%", "")])
def test_the_target_names_its_years_once(plan, text, note):
    """The plan page adds the years a target runs over only where its own words do not say them."""
    indicator = Indicator(plan=plan, text="Tỷ lệ trường học triển khai học bạ số")
    indicator.apply_target(text)
    assert indicator.span_note == note
    indicator.target_text = "100%"  # the years kept, the words edited: the note says them
    assert indicator.span_note == (f"({indicator.span_start}–{indicator.span_end})" if indicator.span_start else "")
