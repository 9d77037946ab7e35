"""The endpoints. Lists are filtered to what the caller may see (xaso.plans.access) and paginated;
single objects answer 403 where the pages would."""

from typing import Literal

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, File, NinjaAPI, Path, Query, Schema, Status, UploadedFile
from ninja.errors import AuthenticationError, Throttled, ValidationError
from ninja.pagination import PageNumberPagination, paginate

from xaso.documents import DocumentError
from xaso.downloads import attachment
from xaso.reports.documents import ReportError, next_year_draft, progress_report
from xaso.plans import access
from xaso.checks import finding_json
from xaso.plans.importing import SECOND_PLAN, document_limits, read_document, store_plan
from xaso.plans.models import Indicator, Plan, Task, Unit
from xaso.tracking import calendars, national, services, timeliness
from xaso.tracking.forms import ReportCalendarForm
from xaso.tracking import views as tracking_views
from xaso.core.periods import parse_period, periods_of_year
from xaso.tracking.figures import as_of, plan_figures
from xaso.tracking.models import IndicatorValue, ReportCalendar, TaskReport
from xaso.core.numbers import format_number
from xaso.search.index import CANDIDATES
from xaso.search.views import hits_for
from xaso.tracking.summary import current_plans, plan_of_year, summarise

from . import schemas as s
from .auth import AUTH, PerUserRate

api = NinjaAPI(
    title="xaso API", version="1", auth=AUTH, throttle=[PerUserRate()], urls_namespace="api",
    description="Dữ liệu kế hoạch chuyển đổi số cấp xã: tỉnh, xã, đơn vị, kế hoạch, chỉ tiêu, nhiệm vụ, báo cáo, "
                "số liệu và bảng tiến độ. Quyền xem và sửa giống hệt trên trang web.",
)


class Page(PageNumberPagination):
    """?page=1&page_size=50 (at most 500 a page)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=500)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return api.create_response(request, {"detail": "Bạn không có quyền truy cập mục này."}, status=403)


@api.exception_handler(Http404)
def _not_found(request, exc):
    return api.create_response(request, {"detail": "Không tìm thấy."}, status=404)


@api.exception_handler(Throttled)
def _too_many(request, exc):
    return api.create_response(request, {"detail": f"Quá nhiều yêu cầu. Hãy thử lại sau {exc.wait or 1:.0f} giây."},
                               status=429)


@api.exception_handler(AuthenticationError)
def _unauthorised(request, exc):
    return api.create_response(request, {"detail": "Chưa đăng nhập hoặc khóa API không đúng."}, status=401)


@api.exception_handler(ValidationError)
def _invalid(request, exc):
    return api.create_response(request, {"detail": "Dữ liệu gửi lên không hợp lệ.", "errors": exc.errors}, status=422)


@api.exception_handler(ModelValidationError)
def _model_invalid(request, exc):
    return api.create_response(request, {"detail": "; ".join(exc.messages)}, status=422)


@api.exception_handler(services.ReportError)
def _report_error(request, exc):
    return api.create_response(request, {"detail": exc.message, "code": exc.code}, status=409)


def _visible(request, queryset, prefix):
    return queryset.filter(access.commune_filter(request.user, prefix))


ERRORS = {401: s.Message, 403: s.Message, 404: s.Message}


@api.get("/provinces", response=list[s.ProvinceOut], tags=["Địa bàn"], summary="Các tỉnh người gọi được xem")
@paginate(Page)
def provinces(request):
    return access.visible_provinces(request.user).order_by("name", "id")


@api.get("/provinces/{province_id}", response={200: s.ProvinceOut, **ERRORS}, tags=["Địa bàn"])
def province(request, province_id: int = Path(..., ge=1, le=s.MAX_ID)):
    return access.get_province(request.user, province_id)


@api.get("/communes", response=list[s.CommuneOut], tags=["Địa bàn"])
@paginate(Page)
def communes(request, filters: Query[s.CommuneFilter]):
    return filters.filter(access.visible_communes(request.user)).order_by("name", "id")


@api.get("/communes/{commune_id}", response={200: s.CommuneOut, **ERRORS}, tags=["Địa bàn"])
def commune(request, commune_id: int = Path(..., ge=1, le=s.MAX_ID)):
    return access.get_commune(request.user, commune_id)


@api.get("/units", response=list[s.UnitOut], tags=["Địa bàn"])
@paginate(Page)
def units(request, filters: Query[s.UnitFilter]):
    return filters.filter(_visible(request, Unit.objects.all(), "commune")).order_by("commune_id", "name", "id")


@api.get("/plans", response=list[s.PlanOut], tags=["Kế hoạch"])
@paginate(Page)
def plans(request, filters: Query[s.PlanFilter]):
    return filters.filter(_visible(request, Plan.objects.all(), "commune")).order_by("-year", "commune_id", "id")


@api.get("/plans/{plan_id}", response={200: s.PlanOut, **ERRORS}, tags=["Kế hoạch"])
def plan(request, plan_id: int = Path(..., ge=1, le=s.MAX_ID)):
    return access.get_plan(request.user, plan_id)


@api.get("/plans/{plan_id}/report", response={200: None, 422: s.Message, 503: s.Message, **ERRORS}, tags=["Kế hoạch"],
         summary="Báo cáo kết quả của kỳ (.docx, .pdf để ký số, .xlsx) hoặc dự thảo kế hoạch năm sau (`kind=draft`)",
         description="Như nút tải trên trang kế hoạch. Bản PDF (PDF/A-2b) do LibreOffice trên máy chủ in ra: máy chủ "
                     "chưa cài hoặc LibreOffice không trả lời kịp → 503, không chuyển được → 422, kèm lời giải thích.")
def plan_report(request, plan_id: int = Path(..., ge=1, le=s.MAX_ID), period: s.PeriodCode | None = None,
                format: Literal["docx", "pdf", "xlsx"] = "docx", kind: Literal["progress", "draft"] = "progress"):
    found = access.get_plan(request.user, plan_id)
    try:
        if kind == "draft":
            document = next_year_draft(found.commune, found.year + 1, tracking_views.today(), format)
        else:
            document = progress_report(found.commune, period or str(found.year), format, tracking_views.today())
    except ReportError as error:
        return Status(503 if error.code in ("converter_missing", "converter_timeout") else 422,
                      {"detail": error.message})
    return attachment(*document)


@api.post("/communes/{commune_id}/plans/import", response={200: s.PlanOut, 400: s.Message, 409: s.Message, **ERRORS},
          tags=["Kế hoạch"],
          summary="Nhập một văn bản kế hoạch (.docx, .pdf, .xlsx, .html, .md, .txt, ảnh .jpg/.png) thành kế hoạch dự thảo của xã",
          description="Xã đã có kế hoạch của năm đó: 409, trừ khi gửi `second_plan=true` để tạo thêm kế hoạch thứ hai.")
def import_plan(request, document: File[UploadedFile], commune_id: int = Path(..., ge=1, le=s.MAX_ID),
                second_plan: bool = False):
    found = access.get_commune(request.user, commune_id, edit=True)
    data = document.read(document_limits().max_bytes + 1)
    try:
        # Within the CPU/memory budget; a scan's pages each widen it (heard and dropped here: the caller waits).
        reading = read_document(data, document.name or "van-ban", as_plan=True, progress=lambda done, total: None)
        extracted = reading.plan
        if not extracted.plan_year:
            raise DocumentError("Văn bản không ghi rõ năm kế hoạch.", "no_year")
        findings = [finding_json(f) for f in reading.findings]
        return store_plan(extracted, found, source_name=(document.name or "van-ban")[:100], source_bytes=data,
                          findings=findings, second=second_plan)
    except DocumentError as error:
        return Status(400, {"detail": error.message})
    except ModelValidationError as error:
        return Status(409 if error.code == SECOND_PLAN else 400, {"detail": "; ".join(error.messages)})


@api.get("/indicators", response=list[s.IndicatorOut], tags=["Kế hoạch"])
@paginate(Page)
def indicators(request, filters: Query[s.IndicatorFilter]):
    return filters.filter(_visible(request, Indicator.objects.all(), "plan__commune")).order_by("plan_id", "position", "id")


@api.get("/indicators/{indicator_id}", response={200: s.IndicatorOut, **ERRORS}, tags=["Kế hoạch"])
def indicator(request, indicator_id: int = Path(..., ge=1, le=s.MAX_ID)):
    return access.get_indicator(request.user, indicator_id)


@api.get("/tasks", response=list[s.TaskOut], tags=["Kế hoạch"])
@paginate(Page)
def tasks(request, filters: Query[s.TaskFilter]):
    return filters.filter(_visible(request, Task.objects.all(), "plan__commune")).order_by("plan_id", "position", "id")


@api.get("/tasks/{task_id}", response={200: s.TaskOut, **ERRORS}, tags=["Kế hoạch"])
def task(request, task_id: int = Path(..., ge=1, le=s.MAX_ID)):
    return access.get_task(request.user, task_id)


@api.get("/reports", response=list[s.ReportOut], tags=["Báo cáo"], summary="Báo cáo nhiệm vụ theo kỳ (mọi lần báo cáo)")
@paginate(Page)
def reports(request, filters: Query[s.ReportFilter]):
    queryset = _visible(request, TaskReport.objects.filter(task__deleted_at__isnull=True), "unit__commune")
    return filters.filter(queryset).order_by("task_id", "period", "unit_id", "-version")


@api.get("/reports/{report_id}", response={200: s.ReportOut, **ERRORS}, tags=["Báo cáo"])
def report(request, report_id: int = Path(..., ge=1, le=s.MAX_ID)):
    found = get_object_or_404(TaskReport.objects.select_related("unit__commune"), pk=report_id)
    if not access.can_view(request.user, found.unit.commune):
        raise PermissionDenied
    return found


@api.post("/reports", response={200: s.ReportOut, 400: s.Message, 409: s.Message, **ERRORS}, tags=["Báo cáo"],
          summary="Lưu (và gửi) báo cáo của đơn vị cho một nhiệm vụ trong một kỳ")
def save_report(request, data: s.ReportIn):
    unit = access.get_unit_for_reporting(request.user, data.unit_id)
    found = access.get_task_for_reporting(unit, data.task_id)
    fields = data.dict(exclude={"task_id", "unit_id", "period", "submit"})
    return services.save_task_report(user=request.user, task=found, unit=unit, period_code=data.period,
                                     data=services.TaskReportData(**fields), today=tracking_views.today(),
                                     submit=data.submit, calendar=calendars.read_with(found))


@api.post("/reports/{report_id}/review", response={200: s.ReportOut, 409: s.Message, **ERRORS}, tags=["Báo cáo"],
          summary="Chấp nhận hoặc trả lại một báo cáo đã gửi")
def review_report(request, data: s.ReviewIn, report_id: int = Path(..., ge=1, le=s.MAX_ID)):
    found = get_object_or_404(TaskReport.objects.select_related("unit__commune"), pk=report_id)
    if not access.can_review(request.user, found.unit.commune):
        raise PermissionDenied
    return services.review(user=request.user, report=found, accept=data.accept, comment=data.comment)


@api.get("/values", response=list[s.ValueOut], tags=["Báo cáo"], summary="Số liệu chỉ tiêu theo kỳ")
@paginate(Page)
def values(request, filters: Query[s.ValueFilter]):
    queryset = _visible(request, IndicatorValue.objects.filter(indicator__deleted_at__isnull=True), "unit__commune")
    return filters.filter(queryset).order_by("indicator_id", "period", "unit_id", "-version")


@api.post("/values", response={200: s.ValueOut, 409: s.Message, **ERRORS}, tags=["Báo cáo"],
          summary="Lưu (và gửi) số liệu một chỉ tiêu của đơn vị trong một kỳ")
def save_value(request, data: s.ValueIn):
    unit = access.get_unit_for_reporting(request.user, data.unit_id)
    found = get_object_or_404(Indicator.objects.select_related("plan__commune"), pk=data.indicator_id,
                              plan__commune=unit.commune)
    return services.save_indicator_value(
        user=request.user, indicator=found, unit=unit, period_code=data.period, today=tracking_views.today(),
        value=data.value, numerator=data.numerator, denominator=data.denominator, source=data.source,
        submit=data.submit)


@api.get("/communes/{commune_id}/figures", response={200: s.FiguresOut, **ERRORS}, tags=["Bảng tiến độ"],
         summary="Số liệu bảng tiến độ của xã: kỳ đang diễn ra, hoặc tại cuối một kỳ (?period=2026-Q3)")
def commune_figures(request, commune_id: int = Path(..., ge=1, le=s.MAX_ID),
                    period: s.PeriodCode | None = Query(None, description="Kỳ, ví dụ 2026-Q3, 2026-H1, 2026-M03, 2026")):
    found = access.get_commune(request.user, commune_id)
    day = tracking_views.today()
    asked = parse_period(period) if period else None
    current = tracking_views.current_plan(found) if asked is None else plan_of_year(found, asked.year)
    calendar = calendars.calendar_for(found)
    if current is None:
        return {"commune_id": found.pk, "plan_id": None, "period": (asked or calendar.period_of(day)).code,
                "day": as_of(day, asked, calendar)}
    f = plan_figures(current, day, asked, calendar=calendar)
    shown = asked or calendar.period_in_year(day, current.report_cadence, current.year)
    return {"commune_id": found.pk, "plan_id": current.pk, "period": shown.code,
            "day": f.day, "score": f.score,
            "cards": [{"key": k, "label": label, "count": n} for k, label, n in f.cards()],
            "areas": [{"area": a, "label": label, "score": score, "items": n} for a, label, score, n in f.by_area()],
            "tasks": [{"task_id": r.task.pk, "name": r.task.name, "status": r.status.code, "status_label": r.status.label,
                       "days_late": r.status.days_late, "percent": r.percent if r.reported else None, "score": r.score}
                      for r in f.tasks],
            "indicators": [{"indicator_id": r.indicator.id, "text": r.indicator.text, "value": r.value, "period": r.period,
                            "status": r.status, "status_label": r.label, "score": r.score} for r in f.indicators]}


@api.get("/provinces/{province_id}/ranking", response={200: list[s.RankingRow], **ERRORS}, tags=["Bảng tiến độ"],
         summary="Xếp hạng các xã của tỉnh: kỳ đang diễn ra, hoặc tại cuối một kỳ (?period=2026-Q3)")
def province_ranking(request, province_id: int = Path(..., ge=1, le=s.MAX_ID),
                     period: s.PeriodCode | None = Query(None, description="Kỳ, ví dụ 2026-Q3")):
    found = access.get_province(request.user, province_id)
    day = tracking_views.today()
    asked = parse_period(period) if period else None
    calendar = calendars.calendar_for(found)
    chosen = current_plans(found, (asked or calendar.period_of(day)).year)
    summaries = summarise(chosen.values(), day, asked, calendar=calendar)
    rows = sorted(chosen.values(), key=lambda p: -(summaries[p.pk].score or 0))
    return [{"rank": i, "commune_id": p.commune_id, "commune": p.commune.name, "score": summaries[p.pk].score,
             "tasks": summaries[p.pk].task_count, "done": summaries[p.pk].done_count, "late": summaries[p.pk].late_count}
            for i, p in enumerate(rows, start=1)]


@api.get("/national/provinces", response={200: list[s.NationalRow], **ERRORS}, tags=["Bảng tiến độ"],
         summary="Xếp hạng các tỉnh cả nước, điểm theo lĩnh vực và báo cáo đúng hạn: kỳ đang diễn ra, hoặc tại "
                 "cuối một kỳ (?period=2026-Q3)")
def national_provinces(request, period: s.PeriodCode | None = Query(None, description="Kỳ, ví dụ 2026-Q3")):
    access.get_nation(request.user)
    day = tracking_views.today()
    asked = parse_period(period) if period else None
    ranking = national.national_figures(national.chosen_plans((asked or calendars.DEFAULT.period_of(day)).year), day, asked)
    return [{"rank": i, "province_id": f.province.pk, "province": f.province.name, "communes": f.communes,
             "score": f.score, "tasks": f.task_count, "done": f.done_count, "late": f.late_count,
             "areas": [{"area": code, "label": label, "score": f.area_score(code), "items": f.by_code[code].items}
                       for code, label in national.heat_areas() if f.area_score(code) is not None],
             "expected_reports": f.expected, "sent_reports": f.sent, "on_time_reports": f.on_time,
             "year_expected_reports": f.year.expected, "year_sent_reports": f.year.sent,
             "year_on_time_reports": f.year.on_time}
            for i, f in enumerate(ranking, start=1)]


@api.get("/search", response=s.SearchPage, tags=["Tìm kiếm"],
         summary="Tìm kế hoạch, chỉ tiêu, nhiệm vụ, báo cáo (không phân biệt dấu), xếp theo mức liên quan",
         description="Phân trang như các danh sách khác (?page=2&page_size=50, tối đa 500); `count` là tổng số kết "
                     f"quả, trong đó {format_number(CANDIDATES)} kết quả liên quan nhất xem được qua các trang.")
def search(request, q: s.Line, page: int = Query(1, ge=1, le=1_000_000), page_size: int = Query(50, ge=1, le=500)):
    found = hits_for(request.user, q)
    start = (page - 1) * page_size
    return {"items": found.hits[start:start + page_size], "count": found.total}


# Reporting calendar, entry windows, reopenings and timeliness: the permissions of their pages
# ("Lịch báo cáo": who sees the province reads, its officer writes; "Mở lại kỳ báo cáo": the commune's editors).
def _windows(calendar, year: int, kind: str) -> list[dict]:
    return [{"period": p.code, "label": p.label, "first_day": calendar.first_day(p), "last_day": calendar.last_day(p),
             "deadline": calendar.deadline(p), "opens": calendar.opens(p), "locks": calendar.locks(p)}
            for p in periods_of_year(year, kind)]


def _calendar_out(province, year: int, kind: str) -> dict:
    stored = ReportCalendar.objects.filter(province=province).first()
    calendar = stored.calendar() if stored else calendars.DEFAULT
    days = dict(calendar.deadline_days)
    return {"province_id": province.pk, "own": stored is not None, "cutoff_day": calendar.cutoff_day,
            "month_deadline_days": days["month"], "quarter_deadline_days": days["quarter"],
            "half_deadline_days": days["half"], "year_deadline_days": days["year"], "open_days": calendar.open_days,
            "lock_days": calendar.lock_days, "periods": _windows(calendar, year, kind)}


KIND = Query("quarter", pattern="^(month|quarter|half|year)$", description="month, quarter, half, year")


@api.get("/provinces/{province_id}/calendar", response={200: s.CalendarOut, **ERRORS}, tags=["Lịch báo cáo"],
         summary="Lịch báo cáo của tỉnh và các kỳ của một năm (ngày chốt, hạn gửi, mở và khóa nhập)")
def report_calendar(request, province_id: int = Path(..., ge=1, le=s.MAX_ID), year: int = Query(None, ge=2000, le=2100),
                    kind: str = KIND):
    found = access.get_province(request.user, province_id)
    return _calendar_out(found, year or tracking_views.today().year, kind)


@api.put("/provinces/{province_id}/calendar", response={200: s.CalendarOut, **ERRORS}, tags=["Lịch báo cáo"],
         summary="Đặt lịch báo cáo của tỉnh (cán bộ tỉnh); báo cáo đã gửi vẫn giữ kỳ đã báo cáo")
def set_report_calendar(request, data: s.CalendarIn, province_id: int = Path(..., ge=1, le=s.MAX_ID)):
    found = access.get_province(request.user, province_id, manage=True)
    stored = ReportCalendar.objects.filter(province=found).first() or ReportCalendar(province=found)
    form = ReportCalendarForm(data.dict(), instance=stored)
    if not form.is_valid():
        raise ModelValidationError([f"{form.fields[name].label}: {' '.join(errors)}" for name, errors in form.errors.items()])
    saved = form.save(commit=False)
    saved.updated_by = request.user
    saved.save()
    return _calendar_out(found, tracking_views.today().year, "quarter")


@api.get("/units/{unit_id}/window", response={200: s.UnitWindow, **ERRORS}, tags=["Lịch báo cáo"],
         summary="Kỳ báo cáo của đơn vị hôm nay: mở hay khóa nhập, vì sao, mở lại đến ngày nào")
def unit_window(request, unit_id: int = Path(..., ge=1, le=s.MAX_ID), period: s.PeriodCode | None = Query(None)):
    unit = access.get_unit_for_reporting(request.user, unit_id)
    day = tracking_views.today()
    calendar = calendars.calendar_for(unit.commune)
    plan = tracking_views.current_plan(unit.commune)
    asked = parse_period(period) if period else (
        calendar.period_in_year(day, plan.report_cadence, plan.year) if plan else calendar.period_of(day))
    refusal = calendars.entry_refusal(calendar, asked, day, unit_id=unit.pk)
    reopened = calendars.open_reopening(unit.pk, asked.code, day) if day >= calendar.locks(asked) else None
    return {**_windows(calendar, asked.year, asked.kind)[asked.index - 1], "unit_id": unit.pk, "open": refusal is None,
            "reason": refusal[0] if refusal else "", "reopened_until": reopened.until if reopened else None}


@api.get("/communes/{commune_id}/reopenings", response={200: list[s.ReopeningOut], **ERRORS}, tags=["Lịch báo cáo"],
         summary="Các kỳ đang được mở lại cho đơn vị của xã")
def commune_reopenings(request, commune_id: int = Path(..., ge=1, le=s.MAX_ID)):
    found = access.get_commune(request.user, commune_id, edit=True)
    return list(calendars.open_reopenings(found, tracking_views.today()))


@api.post("/communes/{commune_id}/reopenings", response={200: s.ReopeningOut, 422: s.Message, **ERRORS},
          tags=["Lịch báo cáo"], summary="Mở lại một kỳ đã khóa cho một đơn vị của xã (hoặc, cán bộ Sở, cho báo cáo "
          "của xã gửi tỉnh), có lý do và ngày hết hạn")
def reopen_period(request, data: s.ReopeningIn, commune_id: int = Path(..., ge=1, le=s.MAX_ID)):
    found = access.get_commune(request.user, commune_id, edit=True)
    if data.unit_id is None:
        if not access.can_review_commune_report(request.user, found):
            raise PermissionDenied("Chỉ cán bộ Sở mở lại được kỳ báo cáo của xã gửi tỉnh.")
        unit = None
    else:
        unit = get_object_or_404(Unit, pk=data.unit_id, commune=found)
        unit.commune = found
    try:
        return calendars.reopen(user=request.user, unit=unit, commune=found, period_code=data.period,
                                reason=data.reason, until=data.until, today=tracking_views.today())
    except calendars.ReopenError as error:
        return Status(422, {"detail": error.message})


def _timeliness_rows(dated, key, day, period, names) -> list[dict]:
    now, year = timeliness.timeliness_and_year(dated, key, day, period)
    empty = timeliness.Counts()
    return [{"id": pk, "name": name, "expected": now.get(pk, empty).expected, "sent": now.get(pk, empty).sent,
             "on_time": now.get(pk, empty).on_time, "year_expected": year.get(pk, empty).expected,
             "year_sent": year.get(pk, empty).sent, "year_on_time": year.get(pk, empty).on_time}
            for pk, name in names if pk in now or pk in year]


@api.get("/communes/{commune_id}/timeliness", response={200: list[s.TimelinessRow], **ERRORS}, tags=["Bảng tiến độ"],
         summary="Báo cáo phải gửi, đã gửi, gửi đúng hạn của từng đơn vị: kỳ đang diễn ra (hoặc ?period=) và cả năm")
def commune_timeliness(request, commune_id: int = Path(..., ge=1, le=s.MAX_ID), period: s.PeriodCode | None = Query(None)):
    found = access.get_commune(request.user, commune_id)
    day, asked = tracking_views.today(), parse_period(period) if period else None
    current = tracking_views.current_plan(found) if asked is None else plan_of_year(found, asked.year)
    if current is None:
        return []
    dated = [(current.pk, current.year, current.report_cadence, calendars.calendar_for(found))]
    return _timeliness_rows(dated, timeliness.UNIT, day, asked, found.units.order_by("name").values_list("pk", "name"))


@api.get("/provinces/{province_id}/timeliness", response={200: list[s.TimelinessRow], **ERRORS}, tags=["Bảng tiến độ"],
         summary="Báo cáo phải gửi, đã gửi, gửi đúng hạn của từng xã: kỳ đang diễn ra (hoặc ?period=) và cả năm")
def province_timeliness(request, province_id: int = Path(..., ge=1, le=s.MAX_ID), period: s.PeriodCode | None = Query(None)):
    found = access.get_province(request.user, province_id)
    day, asked = tracking_views.today(), parse_period(period) if period else None
    calendar = calendars.calendar_for(found)
    chosen = current_plans(found, (asked or calendar.period_of(day)).year)
    dated = [(p.pk, p.year, p.report_cadence, calendar) for p in chosen.values()]
    names = sorted(((p.commune_id, p.commune.name) for p in chosen.values()), key=lambda pair: pair[1])
    return _timeliness_rows(dated, timeliness.COMMUNE, day, asked, names)


from xaso.evaluation.api import router as evaluation_router  # noqa: E402 (issue 15: the commune evaluation)

api.add_router("", evaluation_router)

from . import commune_reports  # noqa: E402,F401  (the commune's reports to the province add their routes to `api`)
