"""The evaluation in the API, with the permissions of its pages: the index (read; the province's officer imports),
a commune's assessment (its DX officer writes and sends it; the province's officer reviews) and the ranking."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Field, File, Path, Query, Router, Schema, Status, UploadedFile

from xaso.api.schemas import MAX_ID, Line, Message, Text
from xaso.documents import DocumentError
from xaso.documents.uploads import check_upload
from xaso.plans import access

from . import services, sheets
from .forms import INDEX_LIMITS
from .models import Assessment

router = Router(tags=["Đánh giá xếp hạng xã"])
ERRORS = {401: Message, 403: Message, 404: Message}
IdPath = Path(..., ge=1, le=MAX_ID)


class Problems(Schema):
    detail: str
    problems: list[str]


class ComponentOut(Schema):
    id: int
    group: str
    code: str
    name: str
    rule: str
    max_points: Decimal
    evidence_required: bool
    keywords: str


class IndexOut(Schema):
    id: int
    province_id: int
    year: int
    name: str
    state: str
    components: list[ComponentOut]


class AnswerOut(Schema):
    code: str
    yes: bool | None
    numerator: Decimal | None
    denominator: Decimal | None
    value: Decimal | None
    source_note: str
    evidence_link: str
    has_evidence_file: bool
    self_score: Decimal | None
    review_status: str
    reviewed_score: Decimal | None
    review_comment: str


class AssessmentOut(Schema):
    index_id: int
    commune_id: int
    state: str
    answers: list[AnswerOut]


class AnswerIn(Schema):
    code: Line
    yes: bool | None = None
    numerator: Decimal | None = Field(None, ge=0, le=Decimal("999999999999.99"), decimal_places=2)
    denominator: Decimal | None = Field(None, ge=0, le=Decimal("999999999999.99"), decimal_places=2)
    value: Decimal | None = Field(None, ge=0, le=Decimal("999999999999.99"), decimal_places=2)
    evidence_link: Line = Field("", pattern=r"^(https?://\S+)?$")


class AssessmentIn(Schema):
    answers: list[AnswerIn] = Field(..., max_length=500)
    submit: bool = False


class DecisionIn(Schema):
    code: Line
    accept: bool
    score: Decimal | None = Field(None, ge=0, le=1000, decimal_places=2)
    comment: Text = ""


class ReviewIn(Schema):
    decisions: list[DecisionIn] = Field(..., max_length=500)
    finish: bool = False


class RankingRow(Schema):
    rank: int | None
    commune_id: int
    commune: str
    total: Decimal | None
    groups: list[Decimal]
    state: str


def _index_out(index) -> dict:
    return {"id": index.pk, "province_id": index.province_id, "year": index.year, "name": index.name,
            "state": index.state, "components": [
                {"id": c.pk, "group": c.group.name, "code": c.code, "name": c.name, "rule": c.rule,
                 "max_points": c.max_points, "evidence_required": c.evidence_required, "keywords": c.keywords}
                for c in index.components.select_related("group")]}


def _assessment_out(index, commune, assessment) -> dict:
    answers = [] if assessment is None else [
        {"code": a.component.code, "yes": a.yes, "numerator": a.numerator, "denominator": a.denominator,
         "value": a.value, "source_note": a.source_note, "evidence_link": a.evidence_link,
         "has_evidence_file": bool(a.evidence_file), "self_score": a.self_score, "review_status": a.review_status,
         "reviewed_score": a.reviewed_score, "review_comment": a.review_comment}
        for a in assessment.answers.select_related("component")]
    return {"index_id": index.pk, "commune_id": commune.pk, "state": assessment.state if assessment else "",
            "answers": answers}


def _by_code(index, items) -> dict[str, int]:
    codes = dict(index.components.values_list("code", "pk"))
    unknown = [item.code for item in items if item.code not in codes]
    if unknown:
        raise services.EvaluationError("Không có tiêu chí mã " + ", ".join(unknown[:10]) + " trong bộ chỉ số.",
                                       "unknown_component")
    return codes


@router.get("/evaluation/indexes/{index_id}", response={200: IndexOut, **ERRORS},
            summary="Một bộ chỉ số đánh giá xã: các nhóm, tiêu chí, cách tính điểm")
def index(request, index_id: int = IdPath):
    return _index_out(access.get_index(request.user, index_id))


@router.post("/provinces/{province_id}/evaluation/import", response={200: IndexOut, 400: Problems, 409: Message, **ERRORS},
             summary="Nhập bộ chỉ số của tỉnh cho một năm từ tệp .xlsx (dự thảo; thay bộ dự thảo cũ khi chưa xã nào đánh giá)")
def import_index(request, document: File[UploadedFile], province_id: int = IdPath, year: int = Query(..., ge=2000, le=2100),
                 publish: bool = False):
    province = access.get_province(request.user, province_id, manage=True)
    data = document.read(INDEX_LIMITS.max_bytes + 1)
    try:
        check_upload(data, document.name or "bo-chi-so.xlsx", (".xlsx",), INDEX_LIMITS)
        found = services.store_index(province, year, sheets.read_xlsx(data))
        if publish:
            services.publish_index(found)
    except DocumentError as error:
        return Status(400, {"detail": error.message, "problems": [error.message]})
    except sheets.SheetError as error:
        return Status(400, {"detail": "Bộ chỉ số có lỗi, chưa nhập gì.", "problems": error.problems})
    except services.EvaluationError as error:
        return Status(409, {"detail": error.message})
    return _index_out(found)


@router.get("/evaluation/indexes/{index_id}/communes/{commune_id}", response={200: AssessmentOut, **ERRORS},
            summary="Bản đánh giá của một xã: số liệu, điểm tự chấm, kết quả thẩm định")
def assessment(request, index_id: int = IdPath, commune_id: int = IdPath):
    found, commune = access.get_index_commune(request.user, index_id, commune_id)
    return _assessment_out(found, commune, found.assessments.filter(commune=commune).first())


@router.post("/evaluation/indexes/{index_id}/communes/{commune_id}",
             response={200: AssessmentOut, 400: Problems, 409: Message, **ERRORS},
             summary="Xã ghi số liệu tự đánh giá (điểm tính theo cách tính điểm của từng tiêu chí); `submit` gửi tỉnh")
def self_assess(request, data: AssessmentIn, index_id: int = IdPath, commune_id: int = IdPath):
    found, commune = access.get_index_commune(request.user, index_id, commune_id)
    if not access.can_self_assess(request.user, commune):
        raise PermissionDenied
    try:
        codes = _by_code(found, data.answers)
        if not found.published:
            raise services.EvaluationError("Bộ chỉ số chưa được tỉnh công bố.", "index_not_published")
        current = services.assessment_for(found, commune)
        inputs = {codes[a.code]: services.AnswerInput(yes=a.yes, numerator=a.numerator, denominator=a.denominator,
                                                      value=a.value, evidence_link=a.evidence_link) for a in data.answers}
        problems = services.save_self_assessment(current, inputs, request.user, submit=data.submit)
    except services.EvaluationError as error:
        return Status(409, {"detail": error.message})
    if problems:
        return Status(400, {"detail": "Chưa lưu được bản tự đánh giá.", "problems": problems})
    return _assessment_out(found, commune, Assessment.objects.get(pk=current.pk))


@router.post("/evaluation/indexes/{index_id}/communes/{commune_id}/review",
             response={200: AssessmentOut, 400: Problems, 409: Message, **ERRORS},
             summary="Tỉnh thẩm định: chấp nhận hoặc điều chỉnh điểm từng tiêu chí (điều chỉnh phải có ý kiến); `finish` hoàn thành")
def review(request, data: ReviewIn, index_id: int = IdPath, commune_id: int = IdPath):
    found, commune = access.get_index_commune(request.user, index_id, commune_id)
    if not access.can_review_assessment(request.user, commune):
        raise PermissionDenied
    current = found.assessments.filter(commune=commune).first()
    try:
        if current is None:
            raise services.EvaluationError("Xã chưa gửi bản tự đánh giá.", "not_submitted")
        codes = _by_code(found, data.decisions)
        decisions = {codes[d.code]: services.Decision(accept=d.accept, score=d.score, comment=d.comment)
                     for d in data.decisions}
        problems = services.review(current, decisions, request.user, finish=data.finish)
    except services.EvaluationError as error:
        return Status(409, {"detail": error.message})
    if problems:
        return Status(400, {"detail": "Chưa lưu được kết quả thẩm định.", "problems": problems})
    return _assessment_out(found, commune, Assessment.objects.get(pk=current.pk))


@router.get("/evaluation/indexes/{index_id}/ranking", response={200: list[RankingRow], **ERRORS},
            summary="Xếp hạng các xã của tỉnh theo bộ chỉ số: tổng điểm, hạng, điểm từng nhóm")
def ranking(request, index_id: int = IdPath):
    found = access.get_ranking(request.user, index_id)
    _, _, rows = services.ranking(found)
    return [{"rank": r.rank, "commune_id": r.commune.pk, "commune": r.commune.name, "total": r.total,
             "groups": r.groups, "state": r.assessment.state if r.assessment else ""} for r in rows]
