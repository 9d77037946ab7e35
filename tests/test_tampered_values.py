"""Every bad value answers a 4xx, never a 500: each URL of the site, as a signed-in province officer, with every
query parameter and every field of its form (and the usual names) set to a tampered value — a non-numeric id, an
unknown choice, a huge number, a NUL byte, a period that does not exist, a negative page size."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.login import log_in

pytestmark = pytest.mark.django_db

BAD = ["abc", "-1", "99999999999999999999999", "9999999999", "a\x00b", "2026-Q9", "1e309", "", "[]"]
PARAMS = ["page", "page_size", "period", "q", "area", "lead", "format", "table", "indicator", "kind", "id", "unit",
          "status", "year", "commune", "province", "next", "state", "sort"]
SKIPPED = {"logout", "login"}


def _patterns(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if str(entry.pattern).startswith("admin/"):
                continue
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield entry.name, prefix + str(entry.pattern)


@pytest.fixture
def world(plan, officer, today):
    from xaso.plans.models import ImportDraft
    from xaso.tracking import services

    from xaso.evaluation import services as evaluation

    index = evaluation.load_example(plan.commune.province, 2026)
    answer = evaluation.assessment_for(index, plan.commune).answers.first()
    task = plan.tasks.get(position=1)
    report = services.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q4", today=today,
                                       data=services.TaskReportData(status="in_progress", percent=30))
    return {"plan": plan, "task": task, "unit": task.lead_unit, "indicator": plan.indicators.get(),
            "commune": plan.commune, "province": plan.commune.province, "report": report, "evaluation": index,
            "evidence": answer,
            "draft": ImportDraft.objects.create(commune=plan.commune, source_name="x.docx", data={"tasks": []},
                                                created_by=officer)}


def _path(pattern: str, world) -> str:
    """The pattern with real ids: the id of the object its name or its segment names."""
    def fill(match):
        kind, name = match.group(1) or "str", match.group(2)
        if kind == "period":
            return "2026-Q4"
        if name == "kind":
            return "task"
        for key, obj in (("task", world["task"]), ("unit", world["unit"]), ("plan", world["plan"]),
                         ("indicator", world["indicator"]), ("commune", world["commune"]),
                         ("province", world["province"]), ("report", world["report"]), ("index", world["evaluation"])):
            if name.startswith(key):
                return str(obj.pk)
        return str(world["current"].pk)
    return re.sub(r"<(?:(\w+):)?(\w+)>", fill, pattern.replace("^", "").replace("$", ""))


SEGMENTS = {"tasks": "task", "units": "unit", "plans": "plan", "indicators": "indicator", "communes": "commune",
            "provinces": "province", "imports": "draft", "reports": "report", "task": "task", "evaluation": "evaluation",
            "evidence": "evidence"}


def _subject(pattern, world):
    """The object a `<pk>` names: the one of the path segment before it (`units/<int:pk>/…` → the unit)."""
    before = re.search(r"([\w-]+)/<(?:\w+:)?pk>", pattern)
    return world.get(SEGMENTS.get(before.group(1) if before else "", ""), world["plan"])


def test_no_tampered_value_answers_500(world, province_officer):
    client = log_in(Client(raise_request_exception=False), province_officer)
    assert client.get("/").status_code == 200, "signed in past the code step"
    failures = []
    for name, pattern in _patterns():
        if name in SKIPPED or "<path:" in pattern:
            continue
        world["current"] = _subject(pattern, world)
        url = "/" + _path(pattern, world)
        shown = client.get(url)
        fields = set(re.findall(r'name="([\w-]+)"', shown.content.decode(errors="replace"))) - {"csrfmiddlewaretoken"}
        for value in BAD:
            got = client.get(url, {param: value for param in PARAMS})
            if got.status_code >= 500:
                failures.append(("GET", url, repr(value), got.status_code))
            if name.endswith("_delete") or name in ("import_discard", "restore"):
                continue  # they take no field; posting would remove what the next URLs need
            sent = client.post(url, {field: value for field in fields | set(PARAMS)})
            if sent.status_code >= 500:
                failures.append(("POST", url, sorted(fields), repr(value), sent.status_code))
    assert failures == []


@pytest.mark.parametrize("path", ["/api/reports", "/api/values", "/api/reports/1/review", "/api/communes/1/plans/import"])
def test_an_unauthenticated_api_write_answers_401_in_vietnamese(db, path):
    """Not Django's 403 "CSRF check Failed": without a session or key the caller is anonymous (the documented 401)."""
    response = Client(enforce_csrf_checks=True).post(path, {"x": "1"})
    assert response.status_code == 401 and "Chưa đăng nhập" in response.json()["detail"]


def test_a_signed_in_write_without_its_csrf_token_is_refused_in_vietnamese(officer):
    client = log_in(Client(enforce_csrf_checks=True), officer)
    response = client.post("/api/reports", {}, content_type="application/json")
    assert response.status_code == 403 and "CSRF" in response.json()["detail"] and "tải lại trang" in response.json()["detail"]
