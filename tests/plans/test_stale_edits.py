"""Two officers edit the same commune, unit, plan, indicator or task: the second save, made over the first one's,
is refused with both versions shown, nothing of the first is lost, and the second officer can then save knowingly."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.login import log_in
from xaso.plans.forms import STALE_MESSAGE
from xaso.plans.models import Commune, Indicator, Plan, Task, Unit

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What the browser would send back unchanged: every field of the shown form as its widget wrote it."""
    form = response.context["form"]
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, (list, tuple)):
            data[field.html_name] = [str(getattr(v, "pk", v)) for v in value]
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        elif value is not None:
            data[field.html_name] = field.field.widget.format_value(value) or ""
    return data


def _two_officers(officer, province_officer):
    first, second = Client(), Client()
    log_in(first, officer)
    log_in(second, province_officer)
    return first, second


CASES = [  # (url name, object, field the first officer changes, the second's change, model, how to read it back)
    ("commune_edit", lambda p: p.commune, "name", ("Yên Lập Mới", "Yên Lập Hai"), Commune),
    ("unit_edit", lambda p: p.commune.units.get(short_name="TT PVHCC"), "name",
     ("Trung tâm Phục vụ hành chính công xã", "Trung tâm một cửa"), Unit),
    ("plan_edit", lambda p: p, "title", ("Kế hoạch CĐS năm 2026 (sửa lần 1)", "Kế hoạch CĐS năm 2026 (bản khác)"), Plan),
    ("indicator_edit", lambda p: p.indicators.get(), "text", ("Tỷ lệ hồ sơ trực tuyến toàn trình", "Tỷ lệ hồ sơ một phần"),
     Indicator),
    ("task_edit", lambda p: p.tasks.get(position=1), "name", ("Số hóa 100% hồ sơ", "Số hóa hồ sơ đất đai"), Task),
]


@pytest.mark.parametrize("url_name, target, field, values, model", CASES, ids=[c[0] for c in CASES])
def test_the_second_save_over_a_newer_one_is_refused_and_shows_both(plan, officer, province_officer, url_name,
                                                                   target, field, values, model):
    obj = target(plan)
    url = reverse(url_name, args=[obj.pk])
    first, second = _two_officers(officer, province_officer)
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    assert mine["seen"] and mine["seen"] == theirs["seen"]

    assert first.post(url, {**mine, field: values[0]}).status_code == 302
    refused = second.post(url, {**theirs, field: values[1]})
    assert refused.status_code == 400
    page = html.unescape(refused.content.decode())
    assert STALE_MESSAGE in page
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td></tr>", page)
    label = str(refused.context["form"].fields[field].label)
    assert (label, values[1], values[0]) in rows, rows
    assert getattr(model._base_manager.get(pk=obj.pk), field) == values[0], "the first officer's save is kept"

    again = form_data(refused)  # the refused form keeps the second officer's values and the newer fingerprint
    assert again[field] == values[1] and again["seen"] != theirs["seen"]
    assert second.post(url, again).status_code == 302
    assert getattr(model._base_manager.get(pk=obj.pk), field) == values[1]


def test_saving_twice_in_a_row_is_not_a_conflict(officer_client, plan):
    task = plan.tasks.get(position=1)
    url = reverse("task_edit", args=[task.pk])
    data = form_data(officer_client.get(url))
    assert officer_client.post(url, {**data, "note": "Đã rà soát"}).status_code == 302
    data = form_data(officer_client.get(url))
    assert officer_client.post(url, {**data, "note": "Đã rà soát lần 2"}).status_code == 302
    assert Task.objects.get(pk=task.pk).note == "Đã rà soát lần 2"


def test_a_change_of_partner_units_alone_is_seen(officer, province_officer, plan):
    task = plan.tasks.get(position=1)
    url = reverse("task_edit", args=[task.pk])
    first, second = _two_officers(officer, province_officer)
    mine, theirs = form_data(first.get(url)), form_data(second.get(url))
    partner = plan.commune.units.exclude(pk=task.lead_unit_id).first()
    assert first.post(url, {**mine, "partner_units": [str(partner.pk)]}).status_code == 302
    refused = second.post(url, {**theirs, "note": "Ghi chú"})
    assert refused.status_code == 400 and list(Task.objects.get(pk=task.pk).partner_units.all()) == [partner]
