"""`xaso demo-data --provinces P --communes N`: the country's communes spread over its provinces as the real counts
are (38 to 168 each since 2025), written in bulk with their history, search entries and reports."""

import io
import random

import pytest
from django.core.management import CommandError, call_command

from xaso.plans.demo import province_sizes
from xaso.plans.models import Commune, Plan, Province, Task
from xaso.search.models import Entry
from xaso.tracking.models import IndicatorValue, TaskReport


@pytest.mark.parametrize("provinces,communes,low,high", [
    (34, 3321, 38, 168),  # the country: the first province has 168 communes, the others 38 to 168
    (34, 34 * 38, 38, 38),  # every province at the floor
    (10, 1000, 38, 168),
    (2, 6, 3, 3),  # too few communes for the real bounds: an even spread
    (3, 7, 2, 3),
    (1, 5, 5, 5),
])
def test_communes_are_spread_over_the_provinces(provinces, communes, low, high):
    for seed in range(5):
        sizes = province_sizes(provinces, communes, random.Random(seed))
        assert len(sizes) == provinces and sum(sizes) == communes
        assert low <= min(sizes) and max(sizes) <= high
        if (provinces, communes) == (34, 3321):
            assert sizes[0] == 168


@pytest.mark.django_db
def test_a_small_country_is_generated_with_its_history_and_search_entries():
    out = io.StringIO()
    call_command("demo_data", provinces=3, communes=8, year=2026, stdout=out, stderr=io.StringIO())
    assert Province.objects.count() == 3 and Commune.objects.count() == 8
    assert sorted(p.communes.count() for p in Province.objects.all()) == [2, 3, 3]
    plans = Plan.objects.all()
    assert plans.count() == 8 and all(p.tasks.count() >= 20 and p.indicators.count() >= 15 for p in plans)
    assert all(c.units.count() == 7 for c in Commune.objects.all())
    for model in (Commune, Plan, Task, TaskReport):  # a first history record, as a form would have written
        assert model.history.filter(history_type="+").count() == model.objects.count() > 0, model
    assert Entry.objects.filter(kind="task").count() == Task.objects.count()
    assert out.getvalue().startswith("Đã sinh dữ liệu: 3 tỉnh, 8 xã, năm 2026,")
    call_command("demo_data", provinces=3, communes=8, year=2026, stdout=io.StringIO(), stderr=io.StringIO())
    assert Commune.objects.count() == 8  # run again: nothing twice
    # what a unit could have written: 100% only with "Hoàn thành", a count of classes or posts in whole numbers
    assert not TaskReport.objects.filter(percent=100).exclude(status="done").exists()
    for value in IndicatorValue.objects.exclude(indicator__unit="%").select_related("indicator"):
        if all(v == v.to_integral() for v in (value.indicator.target_value, value.indicator.baseline_value)):
            assert value.value == value.value.to_integral(), (value.indicator.text, value.value)


@pytest.mark.django_db
@pytest.mark.parametrize("options,message", [
    ({"provinces": 0, "communes": 5}, "Số tỉnh phải từ 1 đến 100 và không nhiều hơn số xã."),
    ({"provinces": 6, "communes": 5}, "Số tỉnh phải từ 1 đến 100 và không nhiều hơn số xã."),
    ({"provinces": 2, "communes": 5, "tasks": 501}, "Số nhiệm vụ mỗi kế hoạch phải từ 0 đến 500."),
])
def test_impossible_sizes_are_refused_in_vietnamese(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("demo_data", **options)
    assert Province.objects.count() == 0
