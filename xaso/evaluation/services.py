"""The one write path of the commune evaluation: storing an index, a commune's self-assessment and its submission,
the province's review; and the ranking read from them. Pages, the API and commands all call these."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history
from django.utils import timezone

from xaso.core import scoring, status
from xaso.core.numbers import format_number
from xaso.core.periods import label_of
from xaso.core.text import fold
from xaso.accounts.models import COMMUNE_OFFICER, LEADER, PROVINCE_OFFICER, Membership
from xaso.plans.history import record_created
from xaso.tracking.notify import notify
from xaso.plans.models import Commune, Indicator, Plan, Province

from .models import Answer, Assessment, Component, EvaluationIndex, Group
from .sheets import ComponentRow, SheetIndex, read_text

EXAMPLE = Path(__file__).with_name("example_index.tsv")


class EvaluationError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


# The index ---------------------------------------------------------------------------------------------------------


@transaction.atomic
def store_index(province: Province, year: int, sheet: SheetIndex, name: str = "") -> EvaluationIndex:
    """The province's index of the year from a checked sheet: a new one, or the draft replaced while no commune has
    answered it. Everything or nothing is stored."""
    index = EvaluationIndex.objects.select_for_update().filter(province=province, year=year).first()
    if index is not None:
        if index.assessments.exclude(state=Assessment.DRAFT).exists() or Answer.objects.filter(
                assessment__index=index).exclude(self_score=None).exists():
            raise EvaluationError(f"Bộ chỉ số năm {year} đã có xã đánh giá; không thể nhập đè.", "index_in_use")
        index.assessments.all().delete()
        index.groups.all().delete()
        index.name = name or sheet.name or index.name
        index.state = EvaluationIndex.DRAFT
        index.save()
    else:
        index = EvaluationIndex.objects.create(province=province, year=year, state=EvaluationIndex.DRAFT,
                                               name=(name or sheet.name or f"Bộ chỉ số đánh giá chuyển đổi số cấp xã năm {year}")[:300])
    for g, (group_name, rows) in enumerate(sheet.groups, start=1):
        group = Group.objects.create(index=index, position=g, name=group_name[:200])
        Component.objects.bulk_create([
            Component(index=index, group=group, position=i, code=c.code, name=c.name, rule=c.rule,
                      max_points=c.max_points, evidence_required=c.evidence_required, keywords=c.keywords[:300],
                      area=c.area) for i, c in enumerate(rows, start=1)])
    return index


def example_sheet() -> SheetIndex:
    return read_text(EXAMPLE.read_text(encoding="utf-8"))


def load_example(province: Province, year: int, *, publish: bool = True) -> EvaluationIndex:
    index = store_index(province, year, example_sheet())
    if publish:
        publish_index(index)
    return index


def sheet_of(index: EvaluationIndex) -> SheetIndex:
    groups = []
    for group in index.groups.prefetch_related("components"):
        groups.append((group.name, [ComponentRow(0, c.code, c.name, c.rule, c.max_points, c.evidence_required,
                                                 c.keywords, c.area) for c in group.components.all()]))
    return SheetIndex(index.name, groups)


def publish_index(index: EvaluationIndex) -> None:
    """Communes can self-assess a published index; a draft is the officer's to change."""
    if not index.components.exists():
        raise EvaluationError("Bộ chỉ số chưa có tiêu chí nào.", "empty_index")
    index.state = EvaluationIndex.PUBLISHED
    index.save(update_fields=["state"])


# The commune's self-assessment -------------------------------------------------------------------------------------


def _matches(component: Component, indicator: Indicator) -> bool:
    if component.area and indicator.area != component.area:
        return False
    text = fold(indicator.text)
    return any(word and word in text for word in (fold(w) for w in component.keywords.split(";")))


def prefill(component: Component, indicators: list[Indicator]) -> tuple[Decimal, str] | None:
    """The figure xaso already has for a component: the latest accepted value of the first indicator of the commune's
    plan whose words match the component's keywords, with the line that says so."""
    rule = component.scoring
    if not component.keywords or rule.kind not in (scoring.RATIO, scoring.COUNT):
        return None
    for indicator in indicators:
        value = indicator.latest_value
        if value is None or (indicator.unit.strip() == "%") != (rule.kind == scoring.RATIO):
            continue  # a percentage never fills a count, nor a count a ratio
        if rule.problem(scoring.Figures(None, None, None, value), component.max_points):
            continue
        if _matches(component, indicator):
            return value, (f"Lấy từ số liệu chỉ tiêu “{indicator.text[:200]}” đã duyệt"
                           + (f" ({label_of(indicator.latest_period)})" if indicator.latest_period else ""))
    return None


def _plan_indicators(commune: Commune, year: int) -> list[Indicator]:
    plan = (Plan.objects.filter(commune=commune, year=year).order_by("-status", "-id").first())
    return list(plan.indicators.order_by("position", "id")) if plan else []


@transaction.atomic
def assessment_for(index: EvaluationIndex, commune: Commune) -> Assessment:
    """The commune's assessment of the index, made with one answer per component on first opening; figures xaso
    already has are filled in (and scored) while the commune has not typed its own."""
    assessment, _ = Assessment.objects.get_or_create(index=index, commune=commune)
    components = list(index.components.all())
    have = set(assessment.answers.values_list("component_id", flat=True))
    missing = [c for c in components if c.pk not in have]
    if missing:
        record_created(Answer, Answer.objects.bulk_create([Answer(assessment=assessment, component=c) for c in missing]),
                       reason="Xã bắt đầu tự đánh giá")
    if assessment.state == Assessment.DRAFT:
        indicators = _plan_indicators(commune, index.year)
        for answer in assessment.answers.select_related("component").filter(value=None, numerator=None):
            found = prefill(answer.component, indicators) if indicators else None
            if found:
                answer.value, answer.source_note = found
                answer.self_score = answer.component.scoring.score(answer.figures, answer.component.max_points)
                answer.save()
    return assessment


@dataclass
class AnswerInput:
    yes: bool | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    value: Decimal | None = None
    evidence_link: str = ""
    evidence_file: object = None  # an uploaded file, checked already


def score_of(component: Component, given: AnswerInput) -> tuple[Decimal | None, str | None]:
    figures = scoring.Figures(given.yes, given.numerator, given.denominator, given.value)
    rule = component.scoring
    problem = rule.problem(figures, component.max_points)
    return (None, problem) if problem else (rule.score(figures, component.max_points), None)


SELF_FIELDS = ["yes", "numerator", "denominator", "value", "source_note", "self_score", "evidence_link", "evidence_name"]
REVIEW_FIELDS = ["review_status", "reviewed_score", "review_comment"]


def _values(answer: Answer, fields: list[str]) -> tuple:
    return tuple(getattr(answer, f) for f in fields)


def _save_answers(answers: list[Answer], fields: list[str], user, before: dict[int, tuple]) -> None:
    """The rows a form changed (`before`: their values when read), in a few statements, each with its history
    record; a row with a new evidence file is saved on its own, which stores the file. Unchanged rows get no
    history record."""
    with_file = [a for a in answers if a.evidence_file and not a.evidence_file._committed]
    answers = [a for a in answers if a in with_file or _values(a, fields) != before[a.pk]]
    for answer in with_file:
        answer.save()
    rest = [a for a in answers if a not in with_file]
    if rest:
        bulk_update_with_history(rest, Answer, fields, batch_size=500, default_user=user if user and user.pk else None)


@transaction.atomic
def save_self_assessment(assessment: Assessment, inputs: dict[int, AnswerInput], user, *, submit: bool = False) -> list[str]:
    """The commune's figures, each scored by its rule; with `submit`, sent to the province when every component is
    answered and has the evidence it requires. Returns the problems (component code: sentence); nothing is stored
    when there is one."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.state != Assessment.DRAFT:
        raise EvaluationError("Bản tự đánh giá đã gửi tỉnh; không sửa được nữa.", "already_submitted")
    if not assessment.index.published:
        raise EvaluationError("Bộ chỉ số chưa được tỉnh công bố.", "index_not_published")
    answers = list(assessment.answers.select_related("component"))
    before = {a.pk: _values(a, SELF_FIELDS) for a in answers}
    problems = []
    for answer in answers:
        given = inputs.get(answer.component_id)
        if given is None:
            continue
        score, problem = score_of(answer.component, given)
        if problem:
            problems.append(f"{answer.component.code}: {problem}")
            continue
        changed = (answer.yes, answer.numerator, answer.denominator, answer.value) != (
            given.yes, given.numerator, given.denominator, given.value)
        answer.yes, answer.numerator, answer.denominator, answer.value = (given.yes, given.numerator,
                                                                          given.denominator, given.value)
        if changed:  # the commune's own figure, no longer the one xaso filled in
            answer.source_note = ""
        answer.self_score = score
        if given.evidence_link:
            answer.evidence_link = given.evidence_link
        if given.evidence_file is not None:
            answer.evidence_file = given.evidence_file
            answer.evidence_name = given.evidence_file.name[:255]
    if submit and not problems:
        for answer in answers:
            if answer.self_score is None:
                problems.append(f"{answer.component.code}: chưa ghi số liệu để tính điểm.")
            elif answer.component.evidence_required and not answer.has_evidence:
                problems.append(f"{answer.component.code}: cần tải tệp hoặc ghi đường dẫn minh chứng.")
    if problems:
        transaction.set_rollback(True)
        return problems
    _save_answers(answers, SELF_FIELDS, user, before)
    if submit:
        assessment.state, assessment.submitted_at, assessment.submitted_by = (Assessment.SUBMITTED, timezone.now(), user)
        assessment.save()
        _tell(assessment, "submitted", [PROVINCE_OFFICER], f"{assessment.commune} đã gửi bản tự đánh giá chuyển "
              f"đổi số năm {assessment.index.year} ({format_number(_total(answers, 'self_score'))} điểm), chờ tỉnh thẩm định.",
              "Bản tự đánh giá chờ thẩm định")
    return []


# The province's review ---------------------------------------------------------------------------------------------


@dataclass
class Decision:
    accept: bool
    score: Decimal | None = None
    comment: str = ""


@transaction.atomic
def review(assessment: Assessment, decisions: dict[int, Decision], user, *, finish: bool = False) -> list[str]:
    """Each decided component accepted (the commune's score stands) or adjusted (another score, with a comment);
    with `finish`, the review is closed once every component is decided. Returns the problems; nothing is stored
    when there is one."""
    assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.state == Assessment.DRAFT:
        raise EvaluationError("Xã chưa gửi bản tự đánh giá.", "not_submitted")
    answers = list(assessment.answers.select_related("component"))
    before = {a.pk: _values(a, REVIEW_FIELDS) for a in answers}
    problems = []
    for answer in answers:
        decision = decisions.get(answer.component_id)
        if decision is None:
            continue
        code = answer.component.code
        if decision.accept:
            answer.review_status, answer.reviewed_score = Answer.ACCEPTED, answer.self_score
            answer.review_comment = decision.comment.strip()
            continue
        if decision.score is None or not 0 <= decision.score <= answer.component.max_points:
            problems.append(f"{code}: điểm điều chỉnh phải từ 0 đến {format_number(answer.component.max_points)}.")
        elif not decision.comment.strip():
            problems.append(f"{code}: điều chỉnh điểm phải ghi ý kiến (lý do).")
        else:
            answer.review_status, answer.reviewed_score = Answer.ADJUSTED, decision.score
            answer.review_comment = decision.comment.strip()
    if finish and not problems:
        problems += [f"{a.component.code}: chưa thẩm định." for a in answers if not a.review_status]
    if problems:
        transaction.set_rollback(True)
        return problems
    _save_answers(answers, REVIEW_FIELDS, user, before)
    if finish:
        assessment.state, assessment.reviewed_at, assessment.reviewed_by = (Assessment.REVIEWED, timezone.now(), user)
        assessment.save()
        adjusted = sum(1 for a in answers if a.review_status == Answer.ADJUSTED)
        _tell(assessment, "reviewed", [COMMUNE_OFFICER, LEADER], f"Tỉnh đã thẩm định bản đánh giá chuyển đổi số năm "
              f"{assessment.index.year} của {assessment.commune.phrase}: {format_number(_total(answers, 'final_score'))} "
              f"điểm" + (f", điều chỉnh {adjusted} tiêu chí." if adjusted else ", chấp nhận mọi tiêu chí."),
              "Kết quả thẩm định đánh giá chuyển đổi số")
    return []


def _total(answers: list[Answer], score: str) -> Decimal:
    return sum((getattr(a, score) or Decimal(0) for a in answers), Decimal(0))


def _tell(assessment: Assessment, event: str, roles: list[str], text: str, mail_subject: str) -> None:
    """The province's officers when a commune sends its assessment; the commune's officers and leaders when the
    province has reviewed it (xaso.tracking.notify: once per event, e-mailed after the commit)."""
    where = (Q(commune=assessment.commune) if PROVINCE_OFFICER not in roles
             else Q(province_id=assessment.commune.province_id, commune__isnull=True))
    users = [m.user for m in Membership.objects.filter(where, role__in=roles).select_related("user").order_by("pk")
             if m.user.is_active]
    notify(users, key=f"evaluation:{assessment.pk}:{event}", text=text, url=assessment.get_absolute_url(),
           subject=f"evaluation:{assessment.pk}", mail_subject=mail_subject)


@transaction.atomic
def reopen_review(assessment: Assessment) -> None:
    """A finished review opened again (a correction after a complaint): the scores stay, the state goes back."""
    if assessment.state == Assessment.REVIEWED:
        assessment.state = Assessment.SUBMITTED
        assessment.save()


# The ranking -------------------------------------------------------------------------------------------------------


@dataclass
class Ranked:
    commune: Commune
    assessment: Assessment | None
    total: Decimal | None = None
    rank: int | None = None
    groups: list[Decimal | None] = field(default_factory=list)
    scores: dict[int, Decimal | None] = field(default_factory=dict)  # component id → final score


def ranking(index: EvaluationIndex) -> tuple[list[Group], list[Component], list[Ranked]]:
    """Every commune of the province: those that sent their assessment ranked by total (the province's score where
    it reviewed, the commune's own elsewhere; ties share a rank), then the others. Three queries."""
    groups = list(index.groups.all())
    components = list(index.components.all())
    communes = list(Commune.objects.filter(province_id=index.province_id).order_by("name"))
    assessments = {a.commune_id: a for a in index.assessments.exclude(state=Assessment.DRAFT)}
    scores: dict[int, dict[int, Decimal | None]] = {}
    for answer in Answer.objects.filter(assessment__in=assessments.values()).only(
            "assessment_id", "component_id", "self_score", "reviewed_score", "review_status"):
        scores.setdefault(answer.assessment_id, {})[answer.component_id] = answer.final_score
    rows = []
    for commune in communes:
        assessment = assessments.get(commune.pk)
        row = Ranked(commune, assessment)
        if assessment is not None:
            row.scores = scores.get(assessment.pk, {})
            row.total = sum((s for s in row.scores.values() if s is not None), Decimal(0))
            row.groups = [sum((row.scores.get(c.pk) or Decimal(0) for c in components if c.group_id == g.pk), Decimal(0))
                          for g in groups]
        rows.append(row)
    ranked = sorted((r for r in rows if r.total is not None), key=lambda r: (-r.total, r.commune.name))
    for row, place in zip(ranked, status.ranks([r.total for r in ranked])):
        row.rank = place
    return groups, components, ranked + [r for r in rows if r.total is None]


def current_index(province_id: int, *, published_only: bool = True) -> EvaluationIndex | None:
    indexes = EvaluationIndex.objects.filter(province_id=province_id)
    if published_only:
        indexes = indexes.filter(state=EvaluationIndex.PUBLISHED)
    return indexes.order_by("-year").first()
