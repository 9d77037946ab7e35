"""The permission matrix: every role × every page and API endpoint × own commune / another commune of the
same province / a commune of another province, each cell with its expected allow or deny.

The expectations are written here from the roles as users describe them (issue "Trust"), not read from
xaso.plans.access, so a change in access.py that opens or closes a door shows up as a failing cell.
A new URL without a line here fails test_every_url_is_in_the_matrix.
"""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from xaso.accounts.models import ApiToken, Membership
from xaso.evaluation import services as evaluation_services
from xaso.evaluation.models import Assessment, EvaluationIndex
from xaso.extract.model import ExtractedPlan
from xaso.jobs.models import Job
from xaso.plans import access
from xaso.plans.models import Commune, ImportDraft, Indicator, Plan, Province, Task
from xaso.tracking import commune_reports, services
from xaso.tracking.models import Evidence, Notification

from tests.login import log_in
from tests.pdfs import pdf_of_pages

PASSWORD = "mat-khau-du-dai-123"
SCOPES = ("own", "sibling", "foreign")  # own commune · another commune, same province · another province
ROLES = ("admin", "national_viewer", "province_officer", "province_leader", "commune_officer", "commune_leader", "unit_reporter",
         "no_role", "anonymous")
ALL, PROVINCE = set(SCOPES), {"own", "sibling"}

# Who may do what, and where.
# The national viewer reads every province and commune and changes nothing.
VIEW_NATION = {"admin": ALL, "national_viewer": ALL}
VIEW_PROVINCE = {"admin": ALL, "national_viewer": ALL, "province_officer": PROVINCE, "province_leader": PROVINCE}
MANAGE_PROVINCE = {"admin": ALL, "province_officer": PROVINCE}
VIEW_COMMUNE = {"admin": ALL, "national_viewer": ALL, "province_officer": PROVINCE, "province_leader": PROVINCE, "commune_officer": {"own"},
                "commune_leader": {"own"}, "unit_reporter": {"own"}}
EDIT_COMMUNE = {"admin": ALL, "province_officer": PROVINCE, "commune_officer": {"own"}}
REPORT_UNIT = {**EDIT_COMMUNE, "unit_reporter": {"own"}}
# What a unit sent, read-only: its own reporter, the commune's officer and leaders, the province's officers and
# leaders. (The matrix's unit is the reporter's own; another unit of the commune is the test below.)
VIEW_UNIT_REPORTS = {"admin": ALL, "national_viewer": ALL, "province_officer": PROVINCE, "province_leader": PROVINCE,
                     "commune_officer": {"own"}, "commune_leader": {"own"}, "unit_reporter": {"own"}}
# The province's commune evaluation: the index is read by the province and by its communes' officers and leaders;
# a commune's assessment by the province and by that commune's officer and leaders (not its unit reporters); the
# commune's officer self-assesses, the province's officer reviews; the ranking is the province's.
VIEW_INDEX = {**VIEW_PROVINCE, "commune_officer": PROVINCE, "commune_leader": PROVINCE}
VIEW_ASSESSMENT = {**VIEW_PROVINCE, "commune_officer": {"own"}, "commune_leader": {"own"}}
SELF_ASSESS = {"admin": ALL, "commune_officer": {"own"}}
REVIEW_ASSESSMENT = {"admin": ALL, "province_officer": PROVINCE}
# The commune's periodic report to the province: read where the commune is seen, except by a unit's reporter; sent by
# the commune's DX officer, accepted or returned by the province's officer (and the administrator).
VIEW_COMMUNE_REPORTS = {role: scopes for role, scopes in VIEW_COMMUNE.items() if role != "unit_reporter"}
SUBMIT_COMMUNE_REPORT = {"admin": ALL, "commune_officer": {"own"}}
REVIEW_COMMUNE_REPORT = {"admin": ALL, "province_officer": PROVINCE}
SIGNED_IN = {role: ALL for role in ROLES if role != "anonymous"}
# A background job (the read of an uploaded document) is its owner's alone — here the commune officer's, in each
# commune (only their own commune's job is still theirs to see: they cannot edit the others).
JOB_OWNER = {"commune_officer": {"own"}}
NOBODY: dict = {}  # a notification is opened by its own reader only (here, a user outside every role)
OPEN = {role: ALL for role in ROLES}

# Page name → (rule, request). `w` is the scope's objects; a request is (method, path).
PAGES = {
    "home": (SIGNED_IN, lambda w: ("get", "/")),
    "notifications": (SIGNED_IN, lambda w: ("get", "/notifications/")),
    "notification_open": (NOBODY, lambda w: ("get", f"/notifications/{w['notification']}/")),
    "api_tokens": (SIGNED_IN, lambda w: ("get", "/account/api-keys/")),
    "account": (SIGNED_IN, lambda w: ("get", "/account/")),
    "password_change": (SIGNED_IN, lambda w: ("get", "/account/password/")),
    "second_factor_verify": (SIGNED_IN, lambda w: ("get", "/login/code/")),
    "second_factor_setup": (SIGNED_IN, lambda w: ("get", "/login/code/setup/")),
    "search": (SIGNED_IN, lambda w: ("get", "/search/?q=chuyen+doi+so")),
    "check_upload": (OPEN, lambda w: ("get", "/check/")),
    "healthz": (OPEN, lambda w: ("get", "/healthz")),
    "national_dashboard": (VIEW_NATION, lambda w: ("get", "/national/dashboard/")),
    "province_detail": (VIEW_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/")),
    "province_dashboard": (VIEW_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/dashboard/")),
    "province_report": (VIEW_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/report.xlsx")),
    "report_calendar": (VIEW_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/calendar/")),
    "commune_create": (MANAGE_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/communes/new/")),
    "province_trash": (MANAGE_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/trash/")),
    "commune_delete": (MANAGE_PROVINCE, lambda w: ("get", f"/communes/{w['commune']}/delete/")),
    "commune_detail": (VIEW_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/")),
    "commune_dashboard": (VIEW_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/dashboard/")),
    "plan_detail": (VIEW_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/")),
    "plan_findings": (VIEW_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/findings/")),
    "plan_source": (VIEW_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/source/")),
    "plan_report": (VIEW_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/report/?period=2026-Q3&format=xlsx")),
    "object_history": (VIEW_COMMUNE, lambda w: ("get", f"/history/task/{w['task']}/")),
    "evidence_file": (VIEW_COMMUNE, lambda w: ("get", f"/evidence/{w['evidence']}/")),
    "commune_edit": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/edit/")),
    "unit_create": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/units/new/")),
    "unit_edit": (EDIT_COMMUNE, lambda w: ("get", f"/units/{w['unit']}/edit/")),
    "unit_delete": (EDIT_COMMUNE, lambda w: ("get", f"/units/{w['unit']}/delete/")),
    "plan_create": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/plans/new/")),
    "plan_edit": (EDIT_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/edit/")),
    "plan_delete": (EDIT_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/delete/")),
    "indicator_create": (EDIT_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/indicators/new/")),
    "indicator_edit": (EDIT_COMMUNE, lambda w: ("get", f"/indicators/{w['indicator']}/edit/")),
    "indicator_delete": (EDIT_COMMUNE, lambda w: ("get", f"/indicators/{w['indicator']}/delete/")),
    "task_create": (EDIT_COMMUNE, lambda w: ("get", f"/plans/{w['plan']}/tasks/new/")),
    "task_edit": (EDIT_COMMUNE, lambda w: ("get", f"/tasks/{w['task']}/edit/")),
    "task_delete": (EDIT_COMMUNE, lambda w: ("get", f"/tasks/{w['task']}/delete/")),
    "import_upload": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/import/")),
    "import_review": (EDIT_COMMUNE, lambda w: ("get", f"/imports/{w['draft']}/")),
    "import_discard": (EDIT_COMMUNE, lambda w: ("get", f"/imports/{w['draft']}/discard/")),
    "import_page_image": (EDIT_COMMUNE, lambda w: ("get", f"/imports/{w['pdf_draft']}/page/1.png")),
    "job_detail": (JOB_OWNER, lambda w: ("get", f"/jobs/{w['job']}/")),
    "job_status": (JOB_OWNER, lambda w: ("get", f"/jobs/{w['job']}/status/")),
    "review_queue": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/reviews/")),
    "reopenings": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/reopenings/")),
    "commune_users": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/users/")),
    "commune_trash": (EDIT_COMMUNE, lambda w: ("get", f"/communes/{w['commune']}/trash/")),
    "restore": (EDIT_COMMUNE, lambda w: ("post", f"/restore/task/{w['deleted_task']}/")),
    "unit_tasks": (REPORT_UNIT, lambda w: ("get", f"/units/{w['unit']}/tasks/")),
    "unit_reports": (VIEW_UNIT_REPORTS, lambda w: ("get", f"/units/{w['unit']}/reports/")),
    "report_task": (REPORT_UNIT, lambda w: ("get", f"/tasks/{w['task']}/report/{w['unit']}/2026-Q4/")),
    "indicator_values": (REPORT_UNIT, lambda w: ("get", f"/plans/{w['plan']}/values/{w['unit']}/2026-Q4/")),
    "evaluation_home": (VIEW_PROVINCE, lambda w: ("get", f"/provinces/{w['province']}/evaluation/")),
    "evaluation_index": (VIEW_INDEX, lambda w: ("get", f"/evaluation/{w['evaluation']}/")),
    "evaluation_assessment": (VIEW_ASSESSMENT, lambda w: ("get", f"/evaluation/{w['evaluation']}/communes/{w['commune']}/")),
    "evaluation_ranking": (VIEW_PROVINCE, lambda w: ("get", f"/evaluation/{w['evaluation']}/ranking/")),
    "evaluation_evidence": (VIEW_ASSESSMENT, lambda w: ("get", f"/evaluation/evidence/{w['evaluation_answer']}/")),
    "commune_report": (VIEW_COMMUNE_REPORTS, lambda w: ("get", f"/communes/{w['commune']}/province-report/2026-Q3/")),
    "commune_report_file": (VIEW_COMMUNE_REPORTS, lambda w: ("get", f"/commune-reports/{w['commune_report']}/document/")),
}

API = {
    "GET /api/national/provinces": (VIEW_NATION, lambda w: ("get", "/api/national/provinces")),
    "GET /api/provinces/{province_id}": (VIEW_PROVINCE, lambda w: ("get", f"/api/provinces/{w['province']}")),
    "GET /api/provinces/{province_id}/ranking": (VIEW_PROVINCE, lambda w: ("get", f"/api/provinces/{w['province']}/ranking")),
    "GET /api/communes/{commune_id}": (VIEW_COMMUNE, lambda w: ("get", f"/api/communes/{w['commune']}")),
    "GET /api/communes/{commune_id}/figures": (VIEW_COMMUNE, lambda w: ("get", f"/api/communes/{w['commune']}/figures")),
    "GET /api/plans/{plan_id}": (VIEW_COMMUNE, lambda w: ("get", f"/api/plans/{w['plan']}")),
    "GET /api/plans/{plan_id}/report": (VIEW_COMMUNE, lambda w: ("get", f"/api/plans/{w['plan']}/report?period=2026-Q3&format=xlsx")),
    "GET /api/indicators/{indicator_id}": (VIEW_COMMUNE, lambda w: ("get", f"/api/indicators/{w['indicator']}")),
    "GET /api/tasks/{task_id}": (VIEW_COMMUNE, lambda w: ("get", f"/api/tasks/{w['task']}")),
    "GET /api/reports/{report_id}": (VIEW_COMMUNE, lambda w: ("get", f"/api/reports/{w['report']}")),
    "POST /api/reports": (REPORT_UNIT, lambda w: ("post", "/api/reports", {
        "task_id": w["task"], "unit_id": w["unit"], "period": "2026-Q4", "status": "in_progress", "percent": 10})),
    "POST /api/values": (REPORT_UNIT, lambda w: ("post", "/api/values", {
        "indicator_id": w["indicator"], "unit_id": w["unit"], "period": "2026-Q4", "value": 81})),
    "POST /api/communes/{commune_id}/plans/import": (EDIT_COMMUNE, lambda w: (
        "upload", f"/api/communes/{w['commune']}/plans/import", {"document": _plan_file()})),
    "POST /api/reports/{report_id}/review": (EDIT_COMMUNE, lambda w: ("post", f"/api/reports/{w['report']}/review",
                                                                      {"accept": True})),
    "GET /api/evaluation/indexes/{index_id}": (VIEW_INDEX, lambda w: ("get", f"/api/evaluation/indexes/{w['evaluation']}")),
    "POST /api/provinces/{province_id}/evaluation/import": (MANAGE_PROVINCE, lambda w: (
        "upload", f"/api/provinces/{w['province']}/evaluation/import?year=2030", {"document": _index_file()})),
    "GET /api/evaluation/indexes/{index_id}/communes/{commune_id}": (VIEW_ASSESSMENT, lambda w: (
        "get", f"/api/evaluation/indexes/{w['evaluation']}/communes/{w['commune']}")),
    "POST /api/evaluation/indexes/{index_id}/communes/{commune_id}": (SELF_ASSESS, lambda w: (
        "post", f"/api/evaluation/indexes/{w['evaluation']}/communes/{w['commune']}", {"answers": []})),
    "POST /api/evaluation/indexes/{index_id}/communes/{commune_id}/review": (REVIEW_ASSESSMENT, lambda w: (
        "post", f"/api/evaluation/indexes/{w['evaluation']}/communes/{w['commune']}/review",
        {"decisions": [{"code": "1.1", "accept": True}]})),
    "GET /api/evaluation/indexes/{index_id}/ranking": (VIEW_PROVINCE, lambda w: (
        "get", f"/api/evaluation/indexes/{w['evaluation']}/ranking")),
    "GET /api/commune-reports/{report_id}": (VIEW_COMMUNE_REPORTS, lambda w: (
        "get", f"/api/commune-reports/{w['commune_report']}")),
    "GET /api/commune-reports/{report_id}/document": (VIEW_COMMUNE_REPORTS, lambda w: (
        "get", f"/api/commune-reports/{w['commune_report']}/document")),
    "POST /api/communes/{commune_id}/commune-reports": (SUBMIT_COMMUNE_REPORT, lambda w: (
        "post", f"/api/communes/{w['commune']}/commune-reports", {"period": "2026-Q3"})),
    "POST /api/commune-reports/{report_id}/review": (REVIEW_COMMUNE_REPORT, lambda w: (
        "post", f"/api/commune-reports/{w['commune_report']}/review", {"accept": True})),
    "GET /api/provinces/{province_id}/calendar": (VIEW_PROVINCE, lambda w: ("get", f"/api/provinces/{w['province']}/calendar")),
    "PUT /api/provinces/{province_id}/calendar": (MANAGE_PROVINCE, lambda w: (
        "put", f"/api/provinces/{w['province']}/calendar", {"cutoff_day": 15, "quarter_deadline_days": 5})),
    "GET /api/units/{unit_id}/window": (REPORT_UNIT, lambda w: ("get", f"/api/units/{w['unit']}/window")),
    "GET /api/communes/{commune_id}/reopenings": (EDIT_COMMUNE, lambda w: ("get", f"/api/communes/{w['commune']}/reopenings")),
    "POST /api/communes/{commune_id}/reopenings": (EDIT_COMMUNE, lambda w: (
        "post", f"/api/communes/{w['commune']}/reopenings",
        {"unit_id": w["unit"], "period": "2026-Q3", "reason": "Đơn vị bổ sung số liệu", "until": "2099-01-01"})),
    "GET /api/communes/{commune_id}/timeliness": (VIEW_COMMUNE, lambda w: ("get", f"/api/communes/{w['commune']}/timeliness")),
    "GET /api/provinces/{province_id}/timeliness": (VIEW_PROVINCE, lambda w: ("get", f"/api/provinces/{w['province']}/timeliness")),
}
# List endpoints answer everyone signed in, with only the rows of the communes the caller may see.
API_LISTS = {
    "GET /api/provinces": ("/api/provinces", "id", "province"),
    "GET /api/communes": ("/api/communes", "id", "commune"),
    "GET /api/units": ("/api/units?page_size=500", "commune_id", "commune"),
    "GET /api/plans": ("/api/plans", "commune_id", "commune"),
    "GET /api/indicators": ("/api/indicators", "plan_id", "plan"),
    "GET /api/tasks": ("/api/tasks", "plan_id", "plan"),
    "GET /api/reports": ("/api/reports", "task_id", "task"),
    "GET /api/values": ("/api/values", "indicator_id", "indicator"),
    "GET /api/search": ("/api/search?q=chuyen+doi+so", None, None),
    "GET /api/commune-reports": ("/api/commune-reports", "commune_id", "commune"),
}
LIST_RULES = {"GET /api/commune-reports": VIEW_COMMUNE_REPORTS}  # the lists not read by every viewer of the commune


def _scope_objects(commune, today, author):
    units = {u.short_name: u for u in commune.units.all()}
    unit = units["TT PVHCC"]
    plan = Plan.objects.create(commune=commune, year=2026, title=f"Kế hoạch chuyển đổi số {commune} năm 2026",
                               status=Plan.ISSUED, source_file=SimpleUploadedFile("kh.txt", b"Ke hoach"),
                               source_name="Kế hoạch.txt")
    indicator = Indicator(plan=plan, position=1, area="government", text="Tỷ lệ hồ sơ trực tuyến", unit="%")
    indicator.apply_target("≥ 95%")
    indicator.save()
    task = Task(plan=plan, position=1, name="Số hóa hồ sơ", area="government", lead_unit=unit)
    task.apply_timeline("Quý II–IV/2026")
    task.save()
    deleted = Task.objects.create(plan=plan, position=2, name="Nhiệm vụ đã xóa", lead_unit=unit,
                                  deleted_at=timezone.now() - timedelta(days=1))
    other = Task.objects.create(plan=plan, position=3, name="Nhiệm vụ để duyệt", lead_unit=unit)
    report = services.save_task_report(user=author, task=other, unit=unit, period_code="2026-Q4", today=today,
                                       data=services.TaskReportData(status="in_progress", percent=50))
    Evidence.objects.create(report=report, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4"), name="a.pdf", size=8)
    services.submit(user=author, report=report)
    services.save_indicator_value(user=author, indicator=indicator, unit=unit, period_code="2026-Q4", today=today,
                                  value=80)
    draft = ImportDraft.objects.create(commune=commune, source_name="kh.txt", data=ExtractedPlan(source="kh.txt").to_json(),
                                       source_file=SimpleUploadedFile("kh.txt", b"Ke hoach"))
    pdf_draft = ImportDraft.objects.create(commune=commune, source_name="kh.pdf", data={"pages": 1},
                                           source_file=SimpleUploadedFile("kh.pdf", pdf_of_pages([["Ke hoach"]])))
    evaluation = (EvaluationIndex.objects.filter(province=commune.province, year=2026).first()
                  or evaluation_services.load_example(commune.province, 2026))
    assessment = evaluation_services.assessment_for(evaluation, commune)
    Assessment.objects.filter(pk=assessment.pk).update(state=Assessment.SUBMITTED)  # sent: the province reviews it
    answer = assessment.answers.get(component__code="1.1")
    answer.evidence_file, answer.evidence_name = SimpleUploadedFile("qd.pdf", b"%PDF-1.4"), "qd.pdf"
    answer.save()
    # sent inside Q3's window (NĐ 09: due 14/09, locked from 14/10)
    sent = commune_reports.submit(user=author, commune=commune, period_code="2026-Q3", today=date(2026, 10, 1))
    return {"province": commune.province_id, "commune": commune.pk, "unit": unit.pk, "plan": plan.pk,
            "pdf_draft": pdf_draft.pk, "evaluation": evaluation.pk, "evaluation_answer": answer.pk,
            "commune_report": sent.pk,
            "indicator": indicator.pk, "task": task.pk, "deleted_task": deleted.pk, "report": report.pk,
            "evidence": report.evidence.get().pk, "draft": draft.pk,
            "notification": Notification.objects.create(user=author, key=f"thu:{commune.pk}", text="Thử", url="/").pk,
            "tasks": set(Task.all_objects.filter(plan=plan).values_list("pk", flat=True))}


@pytest.fixture
def world(db, django_user_model, today):
    p1, p2 = Province.objects.create(name="Tỉnh Một"), Province.objects.create(name="Tỉnh Hai")
    communes = {"own": Commune.objects.create(province=p1, name="Yên Lập"),
                "sibling": Commune.objects.create(province=p1, name="Phúc Điền"),
                "foreign": Commune.objects.create(province=p2, name="Tân Sơn")}
    author = django_user_model.objects.create_superuser("tacgia", password=PASSWORD)
    scopes = {scope: _scope_objects(c, today, author) for scope, c in communes.items()}
    own, own_unit = communes["own"], communes["own"].units.get(short_name="TT PVHCC")
    places = {"national_viewer": {}, "province_officer": {"province": p1}, "province_leader": {"province": p1},
              "commune_officer": {"commune": own}, "commune_leader": {"commune": own},
              "unit_reporter": {"unit": own_unit}}
    users = {"admin": django_user_model.objects.create_superuser("quantri", password=PASSWORD),
             "no_role": django_user_model.objects.create_user("khach", password=PASSWORD)}
    for role, place in places.items():
        users[role] = django_user_model.objects.create_user(role, password=PASSWORD)
        Membership.objects.create(user=users[role], role=role.replace("province_leader", "leader")
                                  .replace("commune_leader", "leader"), **place)
    for scope, commune in communes.items():
        scopes[scope]["job"] = Job.objects.create(kind=Job.IMPORT_DOCUMENT, owner=users["commune_officer"],
                                                  commune=commune, source_name="ke-hoach.pdf", state=Job.RUNNING,
                                                  done_steps=3, total_steps=15).pk
    return scopes, users


def _client(users, role):
    client = Client()
    if role != "anonymous":
        log_in(client, users[role])
    return client


def _index_file():
    from xaso.evaluation import sheets

    data = sheets.write_xlsx("Bộ chỉ số thử", evaluation_services.example_sheet().groups)
    return SimpleUploadedFile("bo-chi-so.xlsx", data)


def _plan_file():
    from xaso import demo_documents as dd

    return SimpleUploadedFile("ke-hoach.md", dd.to_markdown(dd.make_plan(year=2026)).encode())


def _call(client, request):
    method, path, *body = request
    if method == "get":
        return client.get(path)
    if method == "upload":
        return client.post(path, body[0])
    if method == "put":
        return client.put(path, body[0], content_type="application/json")
    if path.startswith("/api/"):
        return client.post(path, body[0], content_type="application/json")
    return client.post(path)


def _verdict(response) -> str:
    if response.status_code in (401, 403) or (response.status_code == 302 and "/login/" in response["Location"]):
        return "deny"
    if response.status_code >= 500 or response.status_code == 404:
        return f"error {response.status_code}"
    return "allow"


@pytest.mark.parametrize("role", ROLES)
def test_the_pages(world, role):
    scopes, users = world
    client = _client(users, role)
    wrong = []
    for name, (rule, build) in PAGES.items():
        for scope in SCOPES:
            if name == "restore":
                Task.all_objects.filter(pk=scopes[scope]["deleted_task"]).update(deleted_at=timezone.now())
            expected = "allow" if scope in rule.get(role, set()) else "deny"
            got = _verdict(_call(client, build(scopes[scope])))
            if got != expected:
                wrong.append(f"{name} [{scope}]: expected {expected}, got {got}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", ROLES)
def test_the_api(world, role):
    scopes, users = world
    client = Client()
    if role != "anonymous":
        client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(users[role])}"
    wrong = []
    for name, (rule, build) in API.items():
        for scope in SCOPES:
            expected = "allow" if scope in rule.get(role, set()) else "deny"
            response = _call(client, build(scopes[scope]))
            got = "allow" if response.status_code == 409 else _verdict(response)
            if got != expected:
                wrong.append(f"{name} [{scope}]: expected {expected}, got {got} ({response.status_code})")
    for name, (path, field, key) in API_LISTS.items():
        response = client.get(path)
        if role == "anonymous":
            if response.status_code != 401:
                wrong.append(f"{name}: expected 401, got {response.status_code}")
            continue
        body = response.json()
        rows = body["items"] if isinstance(body, dict) else body
        if field is None:  # search: hits only from the communes the caller sees, and all of their plans
            allowed = VIEW_COMMUNE.get(role, set())
            seen = {s for row in rows for s in SCOPES if row["commune_id"] == scopes[s]["commune"]}
            plans = {row["url"] for row in rows}
            if seen != allowed or not {f"/plans/{scopes[s]['plan']}/" for s in allowed} <= plans:
                wrong.append(f"{name}: sees {sorted(seen)}, expected {sorted(allowed)}")
            continue
        seen = {scope for row in rows for scope in SCOPES
                if row[field] in (scopes[scope]["tasks"] if key == "task" else {scopes[scope][key]})}
        allowed = LIST_RULES.get(name, VIEW_COMMUNE).get(role, set())
        if key == "province" and allowed:  # one province row stands for both scopes "own" and "sibling"
            allowed = allowed | PROVINCE
        if seen != allowed:
            wrong.append(f"{name}: sees {sorted(seen)}, expected {sorted(allowed)}")
    assert wrong == [], f"{role}:\n" + "\n".join(wrong)


def test_the_admin_is_for_the_site_administrator_only(world):
    scopes, users = world
    for role in ROLES:
        response = _client(users, role).get("/admin/")
        assert (response.status_code == 200) == (role == "admin"), role


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace not in ("admin", "api"):
                yield from _names(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            yield p.name


# Another unit of the reporter's own commune: who reads what it sent, who reports for it.
OTHER_UNIT = {
    "unit_reports": {"admin", "national_viewer", "province_officer", "province_leader", "commune_officer", "commune_leader"},
    "unit_tasks": {"admin", "province_officer", "commune_officer"},
}


@pytest.mark.parametrize("page", OTHER_UNIT)
def test_another_unit_of_the_commune(world, page):
    scopes, users = world
    other = Commune.objects.get(pk=scopes["own"]["commune"]).units.get(short_name="Trạm YT")
    wrong = []
    for role in ROLES:
        got = _verdict(_client(users, role).get(f"/units/{other.pk}/{page.removeprefix('unit_')}/"))
        expected = "allow" if role in OTHER_UNIT[page] else "deny"
        if got != expected:
            wrong.append(f"{role}: expected {expected}, got {got}")
    assert wrong == []


def test_every_url_is_in_the_matrix():
    from xaso.api.routes import api

    pages = set(_names(get_resolver().url_patterns)) - {"login", "logout"}
    assert pages == set(PAGES)
    assert pages == set(access.PAGES), "every page says in xaso.plans.access who may open it (links ask there)"
    operations = {f"{method} {path}" for path, item in api.get_openapi_schema()["paths"].items() for method in
                  (m.upper() for m in item)}
    assert operations == set(API) | set(API_LISTS)
