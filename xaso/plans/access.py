"""Who may see and change what: the one place pages and the API ask.

Roles (xaso.accounts.models.Membership) and what they reach:
- site administrator (a superuser): everything;
- national viewer (a central steering body): views every province and commune, changes nothing;
- province officer: every commune of the province — view, edit, review, users; creates and deletes communes;
- province leader: views every commune of the province, changes nothing;
- commune DX officer: the commune — its plans, imports, units, reviews and users;
- commune leader: views the commune, changes nothing;
- unit reporter: views the commune, reports for the unit.
A user without a role sees nothing. Whatever a user may not see answers 403, the same for pages and API.

Links ask here too (`can_open`, through the `allowed_url` template tag): a page shows a link only when the
user may open it.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from xaso.accounts.models import COMMUNE_OFFICER, LEADER, NATIONAL_VIEWER, PROVINCE_OFFICER, UNIT_REPORTER
from xaso.statements import Prepared

from .models import Commune, Indicator, Plan, Province, Task, Unit


def membership(user):
    if not (user.is_authenticated and user.is_active):
        return None
    return getattr(user, "membership", None)


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_superuser)


def is_national(user) -> bool:
    """A national viewer: reads every province, changes nothing."""
    m = membership(user)
    return bool(m and m.role == NATIONAL_VIEWER)


def sees_all(user) -> bool:
    """Who reads every province: the site administrator and the national viewer."""
    return is_admin(user) or is_national(user)


def can_view_nation(user) -> bool:
    return sees_all(user)


def _province_role(user, province_id, roles) -> bool:
    m = membership(user)
    return bool(m and m.role in roles and m.commune_id is None and m.province_id == province_id)


def _commune_role(user, commune: Commune, roles) -> bool:
    m = membership(user)
    return bool(m and m.role in roles and m.commune_id == commune.pk)


def must_use_second_factor(user) -> bool:
    """A code from an authenticator app after the password: administrators, national viewers and the province's
    officers and leaders, whose accounts reach every commune of a province or of the country; optional for everyone
    else."""
    if user.is_superuser or user.is_staff:
        return True
    m = getattr(user, "membership", None)
    return bool(m and (m.role == NATIONAL_VIEWER or (m.role in (PROVINCE_OFFICER, LEADER) and m.commune_id is None)))


def can_view_province(user, province: Province) -> bool:
    return sees_all(user) or _province_role(user, province.pk, (PROVINCE_OFFICER, LEADER))


def can_manage_communes(user, province: Province) -> bool:
    """Create, delete and restore communes."""
    return is_admin(user) or _province_role(user, province.pk, (PROVINCE_OFFICER,))


def can_view(user, commune: Commune) -> bool:
    return (sees_all(user) or _province_role(user, commune.province_id, (PROVINCE_OFFICER, LEADER))
            or _commune_role(user, commune, (COMMUNE_OFFICER, LEADER, UNIT_REPORTER)))


def can_edit(user, commune: Commune) -> bool:
    """Plans, indicators, tasks, units, imports, reviews, users and the trash of one commune."""
    return (is_admin(user) or _province_role(user, commune.province_id, (PROVINCE_OFFICER,))
            or _commune_role(user, commune, (COMMUNE_OFFICER,)))


can_review = can_edit


def can_report_for(user, unit: Unit) -> bool:
    m = membership(user)
    return can_edit(user, unit.commune) or bool(m and m.role == UNIT_REPORTER and m.unit_id == unit.pk)


def can_view_unit_reports(user, unit: Unit) -> bool:
    """What a unit reported, period by period: the unit itself, the commune's officer and leaders, the province's
    officers and leaders. Another unit's reporter does not read it."""
    m = membership(user)
    return (sees_all(user) or _province_role(user, unit.commune.province_id, (PROVINCE_OFFICER, LEADER))
            or _commune_role(user, unit.commune, (COMMUNE_OFFICER, LEADER))
            or bool(m and m.role == UNIT_REPORTER and m.unit_id == unit.pk))


def can_view_commune_reports(user, commune: Commune) -> bool:
    """The commune's periodic reports to the province: its officer and leader, the province's officers and leaders,
    the national viewer and the administrator; a unit's reporter does not read the commune's report."""
    m = membership(user)
    return can_view(user, commune) and not (m is not None and m.role == UNIT_REPORTER)


def can_submit_commune_report(user, commune: Commune) -> bool:
    """The commune's DX officer compiles and sends it (the administrator may too)."""
    return is_admin(user) or _commune_role(user, commune, (COMMUNE_OFFICER,))


def can_review_commune_report(user, commune: Commune) -> bool:
    """The province's officer accepts it or returns it (the administrator may too)."""
    return is_admin(user) or _province_role(user, commune.province_id, (PROVINCE_OFFICER,))


def commune_reports_filter(user, prefix: str) -> Q:
    """commune_filter for the communes' reports to the province, which a unit's reporter does not read."""
    m = membership(user)
    return Q(pk__in=[]) if m is not None and m.role == UNIT_REPORTER else commune_filter(user, prefix)


def visible_communes(user, queryset=None):
    """The communes a user may see, as a filter on any Commune queryset."""
    queryset = Commune.objects.all() if queryset is None else queryset
    if sees_all(user):
        return queryset
    m = membership(user)
    if m is None:
        return queryset.none()
    if m.commune_id is None:
        return queryset.filter(province_id=m.province_id)
    return queryset.filter(pk=m.commune_id)


def commune_filter(user, prefix: str) -> Q:
    """A Q limiting rows reached through `prefix` (e.g. "plan__commune") to the communes the user sees."""
    if sees_all(user):
        return Q()
    m = membership(user)
    if m is None:
        return Q(pk__in=[])
    if m.commune_id is None:
        return Q(**{f"{prefix}__province_id": m.province_id})
    return Q(**{f"{prefix}_id": m.commune_id})


def visible_provinces(user):
    if sees_all(user):
        return Province.objects.all()
    m = membership(user)
    if m is None:
        return Province.objects.none()
    if m.commune_id is None:
        return Province.objects.filter(pk=m.province_id)
    return Province.objects.filter(pk=m.commune.province_id)


def _require(allowed: bool):
    if not allowed:
        raise PermissionDenied


def _check_commune(user, commune: Commune, edit: bool):
    _require(can_edit(user, commune) if edit else can_view(user, commune))


def get_nation(user) -> None:
    _require(can_view_nation(user))


def get_province(user, pk, *, manage=False) -> Province:
    province = get_object_or_404(Province, pk=pk)
    _require(can_manage_communes(user, province) if manage else can_view_province(user, province))
    return province


# every commune page reads its commune so (the SQL built once per process: xaso.statements)
_COMMUNE = Prepared(lambda commune: Commune.objects.select_related("province__report_calendar").filter(pk=commune),
                    commune=int)


def get_commune(user, pk: int, *, edit=False) -> Commune:
    """The commune, read with its province and the province's reporting calendar (xaso.tracking.calendars.read_with:
    the dashboards' periods need it)."""
    commune = _COMMUNE.first(commune=pk)
    if commune is None:
        raise Http404
    _check_commune(user, commune, edit)
    return commune


def get_unit(user, pk, *, edit=False) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("commune__province"), pk=pk)
    _check_commune(user, unit.commune, edit)
    return unit


def get_plan(user, pk, *, edit=False) -> Plan:
    plan = get_object_or_404(Plan.objects.select_related("commune__province"), pk=pk)
    _check_commune(user, plan.commune, edit)
    return plan


def get_indicator(user, pk, *, edit=False) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("plan__commune__province"), pk=pk)
    _check_commune(user, indicator.plan.commune, edit)
    return indicator


def get_task(user, pk, *, edit=False) -> Task:
    task = get_object_or_404(Task.objects.select_related("plan__commune__province"), pk=pk)
    _check_commune(user, task.plan.commune, edit)
    return task


def get_unit_reports(user, pk) -> Unit:
    unit = get_object_or_404(Unit.objects.select_related("commune__province"), pk=pk)
    _require(can_view_unit_reports(user, unit))
    return unit


# every report save reads its unit so (the SQL built once per process: xaso.statements)
_UNIT = Prepared(lambda unit: Unit.objects.select_related("commune__province").filter(pk=unit), unit=int)


def get_unit_for_reporting(user, pk) -> Unit:
    unit = _UNIT.first(unit=pk)
    if unit is None:
        raise Http404
    _require(can_report_for(user, unit))
    return unit


# the task of a report, read with its plan, commune, province and the province's reporting calendar
# (for xaso.tracking.calendars.read_with) and its lead unit
_TASK = Prepared(lambda task, commune: Task.objects.select_related(
    "plan__commune__province__report_calendar", "lead_unit").filter(pk=task, plan__commune_id=commune),
    task=int, commune=int)


def get_task_for_reporting(unit: Unit, pk) -> Task:
    """A task of the reporting unit's commune (the unit's permission is checked by get_unit_for_reporting); 404 for
    another commune's task or one in the trash."""
    task = _TASK.first(task=pk, commune=unit.commune_id)
    if task is None:
        raise Http404
    return task


def get_commune_reports(user, pk) -> Commune:
    commune = get_object_or_404(Commune.objects.select_related("province"), pk=pk)
    _require(can_view_commune_reports(user, commune))
    return commune


def get_commune_for_review(user, pk) -> Commune:
    return get_commune(user, pk, edit=True)


def can_see_job(user, job) -> bool:
    """A background job is its owner's alone (what it reads is theirs until they confirm it), while they may still
    edit its commune."""
    return bool(_signed_in(user) and job.owner_id == user.pk and (job.commune is None or can_edit(user, job.commune)))


def get_job(user, pk):
    from xaso.jobs.models import Job

    job = get_object_or_404(Job.objects.select_related("commune__province"), pk=pk)
    _require(can_see_job(user, job))
    return job


def commune_of(obj) -> Commune:
    """The commune a row belongs to, whose people may see it: a unit, plan or import draft directly; an indicator
    or task through its plan; a report or indicator value through its unit; evidence through its report."""
    if isinstance(obj, Commune):
        return obj
    for path in ("commune", "plan.commune", "unit.commune", "report.unit.commune"):  # in this order: an
        names = path.split(".")                                                    # indicator's `unit` is text
        if hasattr(obj, names[0]):
            for name in names:
                obj = getattr(obj, name)
            return obj
    raise TypeError(f"{type(obj).__name__} belongs to no commune")


# The province's commune evaluation (xaso.evaluation): the province's officers and leaders read everything of it; a
# commune's DX officer and leaders read the index and their own commune's assessment. The commune's officer fills the
# self-assessment in; the province's officer imports the index and reviews.


def can_view_index(user, index) -> bool:
    m = membership(user)
    return can_view_province(user, index.province) or bool(
        m and m.role in (COMMUNE_OFFICER, LEADER) and m.commune_id and m.province_id == index.province_id)


def can_view_assessment(user, index, commune: Commune) -> bool:
    return commune.province_id == index.province_id and (
        can_view_province(user, index.province) or _commune_role(user, commune, (COMMUNE_OFFICER, LEADER)))


def can_self_assess(user, commune: Commune) -> bool:
    return is_admin(user) or _commune_role(user, commune, (COMMUNE_OFFICER,))


def can_review_assessment(user, commune: Commune) -> bool:
    return is_admin(user) or _province_role(user, commune.province_id, (PROVINCE_OFFICER,))


def get_index(user, pk):
    from xaso.evaluation.models import EvaluationIndex

    index = get_object_or_404(EvaluationIndex.objects.select_related("province"), pk=pk)
    _require(can_view_index(user, index))
    return index


def get_index_commune(user, index_pk, commune_pk):
    """The index and one commune of its province whose assessment the user may read."""
    from xaso.evaluation.models import EvaluationIndex

    index = get_object_or_404(EvaluationIndex.objects.select_related("province"), pk=index_pk)
    commune = get_object_or_404(Commune.objects.select_related("province"), pk=commune_pk)
    _require(can_view_assessment(user, index, commune))
    return index, commune


def get_ranking(user, index_pk):
    from xaso.evaluation.models import EvaluationIndex

    index = get_object_or_404(EvaluationIndex.objects.select_related("province"), pk=index_pk)
    _require(can_view_province(user, index.province))
    return index


def _signed_in(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


def _viewer(user, obj, *_) -> bool:
    return can_view(user, commune_of(obj))


def _editor(user, obj, *_) -> bool:
    return can_edit(user, commune_of(obj))


def _history_reader(user, kind, obj) -> bool:
    if kind == "commune_report":
        return can_view_commune_reports(user, commune_of(obj))
    return can_view(user, commune_of(obj))


def _restorer(user, kind, obj) -> bool:
    return can_manage_communes(user, obj.province) if kind == "commune" else can_edit(user, commune_of(obj))


def _reporter(user, *objects) -> bool:
    """report_task (task, unit, period) and indicator_values (plan, unit, period): the unit is the second object."""
    return can_report_for(user, objects[1])


# Every page by its URL name → who may open it, given the objects its URL is built from (in the URL's order).
# The views enforce the same functions; a page without a line here cannot be linked (tests/test_permissions.py).
PAGES = {
    "home": _signed_in,
    "notifications": _signed_in,
    "notification_open": lambda user, notification: notification.user_id == getattr(user, "pk", None),
    "api_tokens": _signed_in,
    "account": _signed_in,
    "password_change": _signed_in,
    "second_factor_verify": _signed_in,
    "second_factor_setup": _signed_in,
    "search": _signed_in,
    "check_upload": lambda user: True,
    "healthz": lambda user: True,  # the load balancer's probe: no login, nothing secret
    "national_dashboard": can_view_nation,
    "province_detail": can_view_province,
    "province_dashboard": can_view_province,
    "province_report": can_view_province,
    "report_calendar": can_view_province,
    "commune_create": can_manage_communes,
    "province_trash": can_manage_communes,
    "commune_delete": lambda user, commune: can_manage_communes(user, commune.province),
    "commune_detail": _viewer,
    "commune_dashboard": _viewer,
    "plan_detail": _viewer,
    "plan_findings": _viewer,
    "plan_source": _viewer,
    "plan_report": _viewer,
    "evidence_file": _viewer,
    "object_history": _history_reader,
    "commune_edit": _editor,
    "unit_create": _editor,
    "unit_edit": _editor,
    "unit_delete": _editor,
    "plan_create": _editor,
    "plan_edit": _editor,
    "plan_delete": _editor,
    "indicator_create": _editor,
    "indicator_edit": _editor,
    "indicator_delete": _editor,
    "task_create": _editor,
    "task_edit": _editor,
    "task_delete": _editor,
    "import_upload": _editor,
    "import_review": _editor,
    "import_discard": _editor,
    "import_page_image": _editor,
    "job_detail": can_see_job,
    "job_status": can_see_job,
    "review_queue": _editor,
    "reopenings": _editor,
    "commune_users": _editor,
    "commune_trash": _editor,
    "restore": _restorer,
    "unit_reports": can_view_unit_reports,
    "unit_tasks": can_report_for,
    "report_task": _reporter,
    "indicator_values": _reporter,
    "evaluation_home": can_view_province,
    "evaluation_index": can_view_index,
    "evaluation_assessment": can_view_assessment,
    "evaluation_ranking": lambda user, index: can_view_province(user, index.province),
    "evaluation_evidence": lambda user, answer: can_view_assessment(user, answer.assessment.index, answer.assessment.commune),
    # the commune's periodic report to the province (xaso.tracking.commune_reports)
    "commune_report": lambda user, commune, *_: can_view_commune_reports(user, commune),
    "commune_report_file": lambda user, report: can_view_commune_reports(user, report.commune),
}


def can_open(user, page: str, *objects) -> bool:
    """Whether a link to `page` (a URL name) built from `objects` may be shown to the user."""
    return PAGES[page](user, *objects)
