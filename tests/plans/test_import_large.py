"""The import review confirms a plan of any size: its rows travel as one JSON field (the page's script gathers
them), so 400 tasks — over 5,000 inputs, far above Django's limit on a request's field count — are confirmed
through the real page, each row still edited on its own; damaged rows are refused in Vietnamese."""

import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso import demo_documents as dd
from xaso.plans.models import ImportDraft, Plan

from tests.import_jobs import upload

pytestmark = pytest.mark.django_db
HEADER = {"title": "Kế hoạch CĐS năm 2027", "year": "2027", "number": "15/KH-UBND", "signer": "Nguyễn Văn Bình"}


def review_rows(context) -> dict:
    """What import_review.js sends: every row input by name, an unticked "Giữ" left out."""
    rows = {}
    for prefix, formset in (("ind", context["indicators"]), ("task", context["tasks"])):
        rows[f"{prefix}-TOTAL_FORMS"] = str(formset.total_form_count())
        rows[f"{prefix}-INITIAL_FORMS"] = str(formset.initial_form_count())
        for i, form in enumerate(formset.forms):
            for name in form.fields:
                value = form.initial.get(name)
                if name == "keep":
                    rows[f"{prefix}-{i}-keep"] = "on"
                elif value not in (None, ""):
                    rows[f"{prefix}-{i}-{name}"] = str(value)
    return rows


@pytest.fixture
def large_review(officer_client, commune):
    """A real upload of a 40-task plan whose draft is then grown to 400 tasks, each a copy with its own name (reading
    a 400-task document is the document readers' concern and costs minutes on a test machine)."""
    data = dd.to_docx(dd.make_plan(commune=commune.name, tasks=40))
    response = upload(officer_client, commune, "ke-hoach-lon.docx", data)
    draft = ImportDraft.objects.get()
    read = draft.data["tasks"]
    draft.data["tasks"] = [{**read[i % len(read)], "name": f"{read[i % len(read)]['name']} (lần {i + 1})"}
                           for i in range(400)]
    draft.save()
    context = officer_client.get(response.url).context
    assert context["tasks"].total_form_count() == 400
    return response.url, context


def test_a_plan_of_400_tasks_is_confirmed_with_rows_edited_one_by_one(officer_client, large_review):
    url, context = large_review
    rows = review_rows(context)
    assert len(rows) > 1000  # DATA_UPLOAD_MAX_NUMBER_FIELDS (the empty inputs a browser also sends are left out here)
    count = context["tasks"].total_form_count()
    rows["task-399-name"] = "Nhiệm vụ thứ 400, tên do cán bộ sửa"
    rows["task-7-budget_million_vnd"] = "1.250,5"
    del rows["task-3-keep"]  # the officer drops one row

    field_by_field = officer_client.post(url, {**HEADER, **rows})
    assert field_by_field.status_code == 400 and not Plan.objects.exists(), "the limit the JSON field avoids"

    started = time.perf_counter()
    done = officer_client.post(url, {**HEADER, "rows": json.dumps(rows)})
    print(f"\n400-task review confirmed in {time.perf_counter() - started:.1f} s")
    plan = Plan.objects.get()
    assert done.status_code == 302 and done.url == reverse("plan_detail", args=[plan.pk])
    assert plan.tasks.count() == count - 1
    names = list(plan.tasks.order_by("position").values_list("name", flat=True))
    assert len(set(names)) == count - 1 and names[-1] == "Nhiệm vụ thứ 400, tên do cán bộ sửa"
    assert plan.tasks.get(position=7).budget_million_vnd == 1250.5  # row 7 is the 7th kept row (row 3 dropped)
    assert not ImportDraft.objects.exists()


DAMAGED = ["không phải JSON", "[1, 2]", json.dumps({"task-0-name": 5}), json.dumps({"title": "x"}),
           json.dumps({"task-0-name": "a\x00b"}), json.dumps({"task-0-../../x": "a"})]


def test_damaged_rows_are_refused_in_vietnamese_and_nothing_is_saved(officer_client, commune):
    data = dd.to_docx(dd.make_plan(commune=commune.name))
    url = upload(officer_client, commune, "ke-hoach.docx", data).url
    for rows in DAMAGED:
        refused = officer_client.post(url, {**HEADER, "rows": rows})
        assert refused.status_code == 400 and "Dữ liệu các dòng gửi lên bị hỏng" in refused.content.decode(), rows
        assert not Plan.objects.exists() and ImportDraft.objects.exists()
