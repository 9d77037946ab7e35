"""Import into the wrong commune or year does not pass silently; the document stays with its plan (issue 12, item 8),
and what extraction read is what is stored (issue 11, parse once)."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso import demo_documents as dd
from xaso.core import areas
from xaso.documents import read_bytes
from xaso.extract.model import ExtractedPlan
from xaso.extract.plan import extract_plan
from xaso.plans.importing import store_plan
from xaso.plans.models import ImportDraft, Plan

from tests.import_jobs import upload
from tests.login import log_in

pytestmark = pytest.mark.django_db


def _upload(client, commune, name, data):
    response = upload(client, commune, name, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def _review_post(client, url, **changes):
    """The review form posted as the page shows it, with `changes`."""
    context = client.get(url).context
    post = {name: (field.value() if field.value() is not None else "") for name, field in
            ((f.name, f) for f in context["plan_form"])}
    post.pop("second", None)
    post.pop("other_commune", None)
    for prefix, formset in (("ind", context["indicators"]), ("task", context["tasks"])):
        post.update({f"{prefix}-TOTAL_FORMS": formset.total_form_count(),
                     f"{prefix}-INITIAL_FORMS": formset.initial_form_count()})
        for i, form in enumerate(formset.forms):
            for name in form.fields:
                value = form.initial.get(name)
                if name == "keep":
                    post[f"{prefix}-{i}-keep"] = "on"
                elif value not in (None, []):
                    post[f"{prefix}-{i}-{name}"] = value
    post.update(changes)
    return client.post(url, post)


def test_another_communes_plan_is_named_on_the_review_page(officer_client, commune):
    url = _upload(officer_client, commune, "ke-hoach.docx", dd.to_docx(dd.make_plan(commune="Đông Hưng")))
    page = officer_client.get(url).content.decode()
    assert "Văn bản ghi là kế hoạch của xã Đông Hưng, không phải xã Yên Lập" in page


@pytest.mark.parametrize("named, asked", [("Đông Hưng", True), ("Yên Lập", False), ("YEN LAP", False)])
def test_another_communes_plan_is_saved_only_after_its_own_tick(officer_client, commune, named, asked):
    """The warning alone is easy to scroll past: a document naming another commune needs the officer's tick."""
    url = _upload(officer_client, commune, "ke-hoach.docx", dd.to_docx(dd.make_plan(commune=named)))
    page = officer_client.get(url).content.decode()
    assert ('name="other_commune"' in page) is asked
    first = _review_post(officer_client, url)
    if asked:
        assert first.status_code == 400 and "Văn bản có thể là của xã khác" in first.content.decode()
        assert not Plan.objects.exists()
        first = _review_post(officer_client, url, other_commune="on")
    assert first.status_code == 302 and Plan.objects.filter(commune=commune).count() == 1


def test_a_second_plan_of_a_year_is_made_only_when_asked(officer_client, commune, plan):
    """The commune has its 2026 plan: importing another 2026 plan asks first, on the page and in the rule."""
    document = dd.to_docx(dd.make_plan(commune=commune.name, year=2026))
    url = _upload(officer_client, commune, "ke-hoach-2026.docx", document)
    page = officer_client.get(url).content.decode()
    assert "Xã Yên Lập đã có 1 kế hoạch năm 2026" in page and 'name="second"' in page
    refused = _review_post(officer_client, url)
    assert refused.status_code == 400 and "đã có kế hoạch năm 2026. Đánh dấu ô này" in refused.content.decode()
    assert Plan.objects.filter(commune=commune, year=2026).count() == 1
    done = _review_post(officer_client, url, second="on")
    assert done.status_code == 302 and Plan.objects.filter(commune=commune, year=2026).count() == 2


def test_the_checkers_findings_and_the_source_stay_with_the_plan(officer_client, commune):
    text = dd.to_markdown(dd.make_plan(commune=commune.name)).replace(
        "Thực hiện Kế hoạch số 12/KH-UBND", "Có 41/50 hồ sơ, đạt tỷ lệ 86%. Thực hiện Kế hoạch số 12/KH-UBND")
    url = _upload(officer_client, commune, "kế hoạch 2027.md", text.encode())
    assert "41/50 hồ sơ, đạt tỷ lệ 86%" in officer_client.get(url).content.decode()
    plan_url = _review_post(officer_client, url).url
    plan = Plan.objects.get()
    assert plan.source_findings and plan.source_findings[0]["kind"] == "arithmetic"
    assert "Tải văn bản gốc" in officer_client.get(plan_url).content.decode()
    findings = officer_client.get(reverse("plan_findings", args=[plan.pk])).content.decode()
    assert "Phát hiện trong văn bản gốc lúc nhập (1)" in findings and "41/50 hồ sơ, đạt tỷ lệ 86%" in findings
    download = officer_client.get(reverse("plan_source", args=[plan.pk]))
    assert b"".join(download.streaming_content) == text.encode()
    assert "attachment" in download["Content-Disposition"] and "filename*=utf-8''k%E1%BA%BF%20ho%E1%BA%A1ch" in download["Content-Disposition"]


def test_a_plan_without_a_source_has_no_download(officer_client, plan):
    assert officer_client.get(reverse("plan_source", args=[plan.pk])).status_code == 404


def test_indicators_are_filed_under_areas_by_the_documents_headings_or_their_own_words(officer_client, commune):
    extracted = extract_plan(read_bytes(dd.to_docx(dd.make_plan(commune=commune.name)), "a.docx"))
    plan = store_plan(extracted, commune)
    filed = [i.area for i in plan.indicators.all()]
    assert filed.count(areas.OTHER) <= 1 and len(set(filed)) >= 3


def test_what_extraction_read_is_stored_without_reading_it_again(commune, monkeypatch):
    """Targets and dates parsed once: the stored rows equal the extracted ones, and no parser runs when storing."""
    extracted = extract_plan(read_bytes(dd.to_docx(dd.make_plan(commune=commune.name)), "a.docx"))
    draft = ExtractedPlan.from_draft(json.loads(json.dumps(extracted.to_draft())))  # as the review page keeps it
    assert draft == extracted

    def refuse(*args, **kwargs):
        raise AssertionError("parsed again when storing")

    monkeypatch.setattr("xaso.extract.model.parse_target", refuse)
    monkeypatch.setattr("xaso.extract.model.parse_timeline", refuse)
    monkeypatch.setattr("xaso.plans.models.parse_target", refuse)
    monkeypatch.setattr("xaso.plans.models.parse_timeline", refuse)
    plan = store_plan(draft, commune)
    stored = [(i.target_text, float(i.target_value), i.comparator) for i in plan.indicators.order_by("position")]
    assert stored == [(i.target, i.target_value, i.comparator) for i in extracted.indicators]
    tasks = [(t.timeline_text, t.start_date, t.due_date, t.recurring) for t in plan.tasks.order_by("position")]
    assert tasks == [(t.timeline, t.start, t.due, t.recurring) for t in extracted.tasks]


def test_a_target_the_officer_changes_is_read_anew(officer_client, commune):
    url = _upload(officer_client, commune, "ke-hoach.docx", dd.to_docx(dd.make_plan(commune=commune.name)))
    done = _review_post(officer_client, url, **{"ind-0-target": "không quá 5%", "task-0-timeline": "Quý III/2027"})
    assert done.status_code == 302
    plan = Plan.objects.get()
    first = plan.indicators.get(position=1)
    assert (first.target_value, first.comparator) == (5, "<=")
    task = plan.tasks.get(position=1)
    assert (str(task.start_date), str(task.due_date)) == ("2027-07-01", "2027-09-30")


def test_the_command_line_and_the_api_ask_before_a_second_plan(commune, plan, tmp_path, django_user_model):
    from django.core.management import call_command
    from django.test import Client

    from xaso.accounts.models import COMMUNE_OFFICER, Membership

    document = tmp_path / "ke-hoach-2026.docx"
    document.write_bytes(dd.to_docx(dd.make_plan(commune=commune.name, year=2026)))
    with pytest.raises(SystemExit):
        call_command("import_plan", str(document), commune=commune.name)
    assert Plan.objects.filter(commune=commune, year=2026).count() == 1
    call_command("import_plan", str(document), commune=commune.name, second_plan=True)
    assert Plan.objects.filter(commune=commune, year=2026).count() == 2

    user = django_user_model.objects.create_user("api", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=COMMUNE_OFFICER, commune=commune)
    client = Client()
    log_in(client, user)
    url = f"/api/communes/{commune.pk}/plans/import"
    refused = client.post(url, {"document": SimpleUploadedFile("k.docx", document.read_bytes())})
    assert refused.status_code == 409 and "đã có kế hoạch năm 2026" in refused.json()["detail"]
    assert client.post(url + "?second_plan=true", {"document": SimpleUploadedFile("k.docx", document.read_bytes())}).status_code == 200
