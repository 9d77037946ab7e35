"""The commune's periodic reports to the province (xaso.tracking.commune_reports): the same permissions as the pages,
409 when the report's state refuses the act (already sent, already reviewed by another officer, units' reports
waiting without `confirm_pending`), 422 on bad input (a return without a comment, a period the commune has no plan for)."""

from datetime import datetime
from typing import Annotated, Literal

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Field, FilterLookup, FilterSchema, Path, Query, Schema, Status
from ninja.pagination import paginate

from xaso.downloads import attachment
from xaso.plans import access
from xaso.reports.documents import DOCX, PDF
from xaso.reports.pdf import ConversionError, to_pdf
from xaso.tracking import commune_reports as cr
from xaso.tracking import views as tracking_views
from xaso.tracking.models import CommuneReport

from . import schemas as s
from .routes import ERRORS, Page, api

TAGS = ["Báo cáo của xã gửi tỉnh"]


class CommuneReportOut(Schema):
    id: int
    commune_id: int
    plan_id: int
    period: str
    version: int
    state: str
    file_name: str
    pending_reviews: int = Field(..., description="Báo cáo, số liệu của đơn vị còn chờ xã duyệt lúc gửi")
    figures: dict = Field(..., description="Số liệu của báo cáo tại lúc gửi (không đổi sau đó)")
    submitted_at: datetime | None
    reviewed_at: datetime | None
    review_comment: str


class CommuneReportFilter(FilterSchema):
    commune: Annotated[s.Id | None, FilterLookup("commune_id")] = None
    period: Annotated[s.Line | None, FilterLookup("period")] = None
    state: Annotated[s.Line | None, FilterLookup("state")] = None


class CommuneReportIn(Schema):
    period: s.PeriodCode = Field(..., description="Kỳ báo cáo, ví dụ 2026-Q3")
    confirm_pending: bool = Field(False, description="Vẫn gửi khi còn báo cáo của đơn vị chờ xã duyệt")


@api.exception_handler(cr.CommuneReportError)
def _commune_report_error(request, exc):
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=exc.status)


def _readable(request, pk: int) -> CommuneReport:
    found = get_object_or_404(CommuneReport.objects.select_related("commune"), pk=pk)
    if not access.can_view_commune_reports(request.user, found.commune):
        raise PermissionDenied
    return found


@api.get("/commune-reports", response=list[CommuneReportOut], tags=TAGS,
         summary="Báo cáo của xã gửi tỉnh (mọi lần gửi), trong các xã người gọi được xem báo cáo")
@paginate(Page)
def commune_reports(request, filters: Query[CommuneReportFilter]):
    queryset = CommuneReport.objects.filter(access.commune_reports_filter(request.user, "commune")).defer("document")
    return filters.filter(queryset).order_by("commune_id", "period", "-version")


@api.get("/commune-reports/{report_id}", response={200: CommuneReportOut, **ERRORS}, tags=TAGS)
def commune_report(request, report_id: int = Path(..., ge=1, le=s.MAX_ID)):
    return _readable(request, report_id)


@api.get("/commune-reports/{report_id}/document", response={422: s.Message, 503: s.Message, **ERRORS}, tags=TAGS,
         summary="Văn bản .docx đúng như xã đã gửi (`format=pdf`: chính văn bản đó in ra PDF để ký số)",
         description="Máy chủ chưa cài hoặc LibreOffice không trả lời kịp → 503, không chuyển được → 422.",
         openapi_extra={"responses": {200: {"description": "Tệp .docx hoặc .pdf", "content": {
             DOCX: {"schema": {"type": "string", "format": "binary"}},
             PDF: {"schema": {"type": "string", "format": "binary"}}}}}})
def commune_report_document(request, report_id: int = Path(..., ge=1, le=s.MAX_ID),
                            format: Literal["docx", "pdf"] = Query("docx", description="docx hoặc pdf")):
    found = _readable(request, report_id)
    if format == "docx":
        return attachment(bytes(found.document), found.download_name, DOCX)
    try:
        return attachment(to_pdf(bytes(found.document)), found.download_name.removesuffix(".docx") + ".pdf", PDF)
    except ConversionError as error:
        return Status(503 if error.code in ("converter_missing", "converter_timeout") else 422, {"detail": error.message})


@api.post("/communes/{commune_id}/commune-reports", response={200: CommuneReportOut, 409: s.Message, 422: s.Message,
                                                              **ERRORS}, tags=TAGS,
          summary="Cán bộ xã gửi báo cáo của kỳ lên tỉnh (văn bản và số liệu được giữ nguyên như lúc gửi)")
def submit_commune_report(request, data: CommuneReportIn, commune_id: int = Path(..., ge=1, le=s.MAX_ID)):
    commune = access.get_commune_reports(request.user, commune_id)
    if not access.can_submit_commune_report(request.user, commune):
        raise PermissionDenied
    return cr.submit(user=request.user, commune=commune, period_code=data.period, today=tracking_views.today(),
                     confirm_pending=data.confirm_pending)


@api.post("/commune-reports/{report_id}/review", response={200: CommuneReportOut, 409: s.Message, 422: s.Message,
                                                          **ERRORS}, tags=TAGS,
          summary="Cán bộ Sở chấp nhận hoặc trả lại (kèm ý kiến) báo cáo của xã")
def review_commune_report(request, data: s.ReviewIn, report_id: int = Path(..., ge=1, le=s.MAX_ID)):
    found = _readable(request, report_id)
    if not access.can_review_commune_report(request.user, found.commune):
        raise PermissionDenied
    return cr.review(user=request.user, report=found, accept=data.accept, comment=data.comment)
