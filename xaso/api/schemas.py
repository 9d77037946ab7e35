"""What the API returns and accepts: field names as in the models (GLOSSARY), labels in the OpenAPI text."""


from datetime import date, datetime
from decimal import Decimal

from typing import Annotated

from ninja import Field, FilterLookup, FilterSchema, Schema
from pydantic import StringConstraints

# Database keys are 64-bit and no text may hold a NUL (PostgreSQL refuses it): checked at the door, so a
# wrong value is a 422 with a message, never a server error.
MAX_ID = 2**63 - 1
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
Line = Annotated[str, StringConstraints(max_length=200, pattern=r"^[^\x00]*$")]
Text = Annotated[str, StringConstraints(max_length=20000, pattern=r"^[^\x00]*$")]
PeriodCode = Annotated[str, StringConstraints(pattern=r"^20\d{2}(-(Q[1-4]|H[12]|M(0[1-9]|1[0-2]|[1-9])))?$")]


class Message(Schema):
    detail: str


class ProvinceOut(Schema):
    id: int
    name: str
    code: str


class CommuneOut(Schema):
    id: int
    province_id: int
    name: str
    kind: str = Field(description="loại đơn vị: xa (xã), phuong (phường), dac_khu (đặc khu)")
    title: str = Field(description="tên kèm loại, như văn bản ghi: “Xã Hà Long”, “Phường Bến Nghé”")
    code: str


class UnitOut(Schema):
    id: int
    commune_id: int
    name: str
    short_name: str
    kind: str


class PlanOut(Schema):
    id: int
    commune_id: int
    year: int
    number: str
    title: str
    status: str
    issued_on: date | None
    signer: str
    report_cadence: str


class IndicatorOut(Schema):
    id: int
    plan_id: int
    position: int
    area: str
    text: str
    unit: str
    baseline_text: str
    target_text: str
    target_value: Decimal | None
    comparator: str
    latest_value: Decimal | None
    latest_period: str


class TaskOut(Schema):
    id: int
    plan_id: int
    position: int
    area: str
    name: str
    lead_unit_id: int | None
    lead_text: str
    timeline_text: str
    start_date: date | None
    due_date: date | None
    recurring: bool
    output: str
    budget_million_vnd: Decimal | None
    reported_status: str
    reported_percent: float


class ReportOut(Schema):
    id: int
    task_id: int
    unit_id: int
    period: str
    version: int
    state: str
    status: str
    percent: float
    done_on: date | None
    achievements: str
    difficulties: str
    proposals: str
    delay_reason: str
    spent_million_vnd: Decimal | None = Field(..., description="Kinh phí đã chi trong kỳ (triệu đồng), không cộng dồn")
    spent_source: str = Field(..., description="Nguồn kinh phí đã chi: commune, higher, social, other (trống: không ghi)")
    submitted_at: datetime | None
    reviewed_at: datetime | None
    review_comment: str


class ReportIn(Schema):
    task_id: Id
    unit_id: Id
    period: Line = Field(..., description="Kỳ báo cáo, ví dụ 2026-Q3")
    status: Line = Field(..., description="not_started, in_progress, done, delayed")
    percent: Decimal = Field(Decimal(0), ge=0, le=100, decimal_places=2, description="Tỷ lệ hoàn thành, ví dụ 9.5")
    done_on: date | None = None
    achievements: Text = ""
    difficulties: Text = ""
    proposals: Text = ""
    delay_reason: Text = ""
    spent_million_vnd: Decimal | None = Field(None, max_digits=20, description=(
        "Kinh phí đã chi trong kỳ này (triệu đồng, 0 đến 1000000, không cộng dồn các kỳ trước), ví dụ 1234.5"))
    spent_source: Line = Field("", description="Nguồn kinh phí đã chi: commune (ngân sách xã), higher (ngân sách cấp "
                                               "trên), social (xã hội hóa), other (khác)")
    submit: bool = Field(False, description="Gửi luôn để duyệt (mặc định: lưu nháp)")


class ReviewIn(Schema):
    accept: bool
    comment: Text = ""


class ValueOut(Schema):
    id: int
    indicator_id: int
    unit_id: int
    period: str
    version: int
    state: str
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    source: str


class ValueIn(Schema):
    indicator_id: Id
    unit_id: Id
    period: Line = Field(..., description="Kỳ báo cáo, ví dụ 2026-Q3")
    value: Decimal | None = Field(None, ge=0, le=10**12, description="Giá trị trực tiếp")
    numerator: Decimal | None = Field(None, ge=0, le=10**12, description="Tử số (với tỷ lệ)")
    denominator: Decimal | None = Field(None, ge=0, le=10**12, description="Mẫu số (với tỷ lệ)")
    source: Line = ""
    submit: bool = Field(False, description="Gửi luôn để duyệt (mặc định: lưu nháp)")


class FigureCard(Schema):
    key: str
    label: str
    count: int


class AreaScore(Schema):
    area: str
    label: str
    score: float | None
    items: int


class TaskFigure(Schema):
    task_id: int
    name: str
    status: str = Field(..., description="Mã tình trạng: done, done_late, overdue, due_soon, in_progress, …")
    status_label: str
    days_late: int
    percent: int | None = Field(..., description="Tỷ lệ hoàn thành trong báo cáo được tính (không có báo cáo: null)")
    score: float


class IndicatorFigure(Schema):
    indicator_id: int
    text: str
    value: Decimal | None
    period: str | None = Field(..., description="Kỳ của số liệu được tính")
    status: str
    status_label: str
    score: float | None


class FiguresOut(Schema):
    commune_id: int
    plan_id: int | None
    period: str = Field(..., description="Kỳ của số liệu, ví dụ 2026-Q3")
    day: date = Field(..., description="Số liệu tính đến ngày này: cuối kỳ, hoặc hôm nay khi kỳ đang diễn ra")
    score: float | None = None
    cards: list[FigureCard] = []
    areas: list[AreaScore] = []
    tasks: list[TaskFigure] = []
    indicators: list[IndicatorFigure] = []


class RankingRow(Schema):
    rank: int
    commune_id: int
    commune: str
    score: float | None
    tasks: int
    done: int
    late: int


class NationalRow(Schema):
    rank: int
    province_id: int
    province: str
    communes: int
    score: float | None
    tasks: int
    done: int
    late: int
    areas: list[AreaScore]
    expected_reports: int
    sent_reports: int
    on_time_reports: int
    year_expected_reports: int = Field(0, description="Cả năm (các kỳ đã đến hạn gửi): báo cáo phải gửi")
    year_sent_reports: int = 0
    year_on_time_reports: int = 0


class SearchHit(Schema):
    kind: str
    id: int
    commune_id: int
    commune: str
    province: str
    title: str
    snippet: str
    url: str


class SearchPage(Schema):
    items: list[SearchHit]
    count: int = Field(description="mọi kết quả phù hợp mà người gọi được xem")


class CommuneFilter(FilterSchema):
    province: Annotated[Id | None, FilterLookup("province_id")] = None
    q: Annotated[Line | None, FilterLookup("name__icontains")] = None


class PlanFilter(FilterSchema):
    commune: Annotated[Id | None, FilterLookup("commune_id")] = None
    year: Annotated[int | None, Field(ge=2000, le=2100), FilterLookup("year")] = None
    status: Annotated[Line | None, FilterLookup("status")] = None


class UnitFilter(FilterSchema):
    commune: Annotated[Id | None, FilterLookup("commune_id")] = None


class IndicatorFilter(FilterSchema):
    plan: Annotated[Id | None, FilterLookup("plan_id")] = None
    area: Annotated[Line | None, FilterLookup("area")] = None


class TaskFilter(FilterSchema):
    plan: Annotated[Id | None, FilterLookup("plan_id")] = None
    area: Annotated[Line | None, FilterLookup("area")] = None
    lead_unit: Annotated[Id | None, FilterLookup("lead_unit_id")] = None
    due_before: Annotated[date | None, FilterLookup("due_date__lt")] = None


class ReportFilter(FilterSchema):
    task: Annotated[Id | None, FilterLookup("task_id")] = None
    unit: Annotated[Id | None, FilterLookup("unit_id")] = None
    period: Annotated[Line | None, FilterLookup("period")] = None
    state: Annotated[Line | None, FilterLookup("state")] = None


class ValueFilter(FilterSchema):
    indicator: Annotated[Id | None, FilterLookup("indicator_id")] = None
    unit: Annotated[Id | None, FilterLookup("unit_id")] = None
    period: Annotated[Line | None, FilterLookup("period")] = None


# Reporting calendar, entry windows, reopenings, timeliness (xaso.tracking.calendars, xaso.tracking.timeliness)
class PeriodWindow(Schema):
    period: str
    label: str
    first_day: date = Field(..., description="Ngày đầu của số liệu kỳ")
    last_day: date = Field(..., description="Ngày chốt số liệu (ngày cuối của kỳ)")
    deadline: date = Field(..., description="Hạn gửi báo cáo")
    opens: date = Field(..., description="Ngày mở nhập")
    locks: date = Field(..., description="Ngày khóa nhập (nhận báo cáo đến hết ngày hôm trước)")


class CalendarOut(Schema):
    province_id: int
    own: bool = Field(..., description="Tỉnh đã đặt lịch riêng (false: lịch mặc định của hệ thống)")
    cutoff_day: int
    month_deadline_days: int
    quarter_deadline_days: int
    half_deadline_days: int
    year_deadline_days: int
    open_days: int | None
    lock_days: int
    periods: list[PeriodWindow]


class CalendarIn(Schema):
    cutoff_day: int = Field(15, description="Ngày chốt số liệu, 1–28 (1: theo tháng dương lịch)")
    month_deadline_days: int = 0
    quarter_deadline_days: int = 0
    half_deadline_days: int = 0
    year_deadline_days: int = 0
    open_days: int | None = None
    lock_days: int = 30


class UnitWindow(PeriodWindow):
    unit_id: int
    open: bool = Field(..., description="Đơn vị nhập được báo cáo kỳ này hôm nay")
    reason: str = Field("", description="Lý do không nhập được (chưa mở, đã khóa)")
    reopened_until: date | None = None


class ReopeningOut(Schema):
    id: int
    unit_id: int | None = Field(..., description="Trống: mở lại báo cáo của xã gửi tỉnh")
    target: str = Field(..., description="Đơn vị, hoặc “Báo cáo của xã gửi tỉnh”")
    period: str
    reason: str
    until: date
    created_by: str
    created_at: datetime

    @staticmethod
    def resolve_created_by(obj):
        user = obj.created_by
        return (user.get_full_name() or user.username) if user else ""

    @staticmethod
    def resolve_target(obj):
        return obj.target_label


class ReopeningIn(Schema):
    unit_id: Id | None = Field(None, description="Đơn vị; để trống: báo cáo của xã gửi tỉnh (chỉ cán bộ Sở)")
    period: PeriodCode
    reason: Text
    until: date


class TimelinessRow(Schema):
    id: int
    name: str
    expected: int
    sent: int
    on_time: int
    year_expected: int
    year_sent: int
    year_on_time: int
