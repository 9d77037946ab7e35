"""The one write path for reports: save a draft, submit, accept, return. Pages, API and commands call these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from xaso.core import status
from xaso.core.periods import Period, parse_period

from xaso.plans.models import Indicator, Task

from . import notify, progress
from .models import ACCEPTED, DRAFT, RETURNED, SUBMITTED, IndicatorValue, TaskReport

GRACE_DAYS = 30  # a period's reports are taken until this long after its due date, then it is closed


class ReportError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def open_period(plan, code: str, today: date) -> Period:
    period = parse_period(code)
    if period is None or period.year != plan.year or period.kind != plan.report_cadence:
        raise ReportError(f"Kỳ báo cáo “{code}” không thuộc kế hoạch năm {plan.year}.", "bad_period")
    if today < period.start:
        raise ReportError(f"{period.label} chưa bắt đầu; chưa thể báo cáo.", "period_not_started")
    if today > period.report_due + timedelta(days=GRACE_DAYS):
        raise ReportError(f"{period.label} đã khóa sổ (hạn báo cáo {period.report_due:%d/%m/%Y}).", "period_closed")
    return period


def _check_unit(task, unit):
    if unit.pk != task.lead_unit_id and not task.partner_units.filter(pk=unit.pk).exists():
        raise ReportError("Đơn vị của bạn không chủ trì hay phối hợp nhiệm vụ này nên không báo cáo được.", "not_your_task")


@dataclass
class TaskReportData:
    status: str
    percent: int
    achievements: str = ""
    difficulties: str = ""
    proposals: str = ""
    delay_reason: str = ""
    done_on: date | None = None


def _validate(data: TaskReportData):
    if data.status not in status.REPORTED:
        raise ReportError("Tình trạng không hợp lệ.", "bad_status")
    if not 0 <= data.percent <= 100:
        raise ReportError("Tỷ lệ hoàn thành phải từ 0 đến 100%.", "percent_range")
    if data.status == status.DELAYED and not data.delay_reason.strip():
        raise ReportError("Nhiệm vụ chậm tiến độ phải ghi lý do.", "delay_reason_required")
    if data.status == status.DONE:
        data.percent = 100


@transaction.atomic
def save_task_report(*, user, task, unit, period_code: str, data: TaskReportData, today: date,
                     seen_version: tuple[int, str] | None = None) -> TaskReport:
    """Save the unit's draft for a period. A returned or accepted report is corrected in a new version;
    one waiting for review cannot be changed. `seen_version` (version, updated_at) is what the editor
    saw: if someone saved in between, the second save is refused and nothing is lost."""
    open_period(task.plan, period_code, today)
    _check_unit(task, unit)
    _validate(data)
    latest = (TaskReport.objects.select_for_update().filter(task=task, unit=unit, period=period_code)
              .order_by("-version").first())
    if latest and seen_version and (latest.version, latest.updated_at.isoformat()) != seen_version:
        raise ReportError("Báo cáo vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất.", "conflict")
    if latest and latest.state == SUBMITTED:
        raise ReportError("Báo cáo đã gửi và đang chờ duyệt; chưa thể sửa.", "awaiting_review")
    if latest and latest.state == DRAFT:
        report = latest
    else:
        report = TaskReport(task=task, unit=unit, period=period_code, created_by=user,
                            version=(latest.version + 1) if latest else 1)
    for field, value in vars(data).items():
        setattr(report, field, value)
    if report.status == status.DONE and report.done_on is None:
        report.done_on = today
    report.state = DRAFT
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def submit(*, user, report: TaskReport | IndicatorValue):
    locked = type(report).objects.select_for_update().get(pk=report.pk)
    if locked.state != DRAFT:
        raise ReportError("Chỉ gửi được bản nháp.", "not_draft")
    locked.state, locked.submitted_at = SUBMITTED, timezone.now()
    locked.save(update_fields=["state", "submitted_at", "updated_at"])
    notify.changed(locked, actor=user)
    return locked


@transaction.atomic
def review(*, user, report: TaskReport | IndicatorValue, accept: bool, comment: str = ""):
    """Accept or return a submission; when two officers act at once, the second is told."""
    locked = type(report).objects.select_for_update().get(pk=report.pk)
    if locked.state != SUBMITTED:
        raise ReportError("Báo cáo này đã được xử lý (có thể bởi cán bộ khác). Hãy tải lại trang.", "already_reviewed")
    if not accept and not comment.strip():
        raise ReportError("Khi trả lại báo cáo, hãy ghi ý kiến để đơn vị sửa.", "comment_required")
    locked.state = ACCEPTED if accept else RETURNED
    locked.review_comment, locked.reviewed_by, locked.reviewed_at = comment.strip(), user, timezone.now()
    locked.save(update_fields=["state", "review_comment", "reviewed_by", "reviewed_at", "updated_at"])
    if accept and isinstance(locked, TaskReport):
        progress.refresh_tasks(Task.objects.filter(pk=locked.task_id))
    elif accept:
        progress.refresh_indicators(Indicator.objects.filter(pk=locked.indicator_id))
    notify.changed(locked, actor=user)
    return locked


@transaction.atomic
def save_indicator_value(*, user, indicator, unit, period_code: str, today: date, value: Decimal | None = None,
                         numerator: Decimal | None = None, denominator: Decimal | None = None, source: str = "",
                         measured_on: date | None = None) -> IndicatorValue:
    open_period(indicator.plan, period_code, today)
    if numerator is not None or denominator is not None:
        if numerator is None or not denominator:
            raise ReportError("Cần cả tử số và mẫu số (mẫu số khác 0).", "ratio_incomplete")
        if numerator < 0 or denominator < 0:
            raise ReportError("Tử số và mẫu số không được âm.", "ratio_negative")
        if indicator.unit == "%" and numerator > denominator:
            raise ReportError("Tử số lớn hơn mẫu số: tỷ lệ vượt 100%.", "ratio_over_100")
        value = (numerator * 100 / denominator).quantize(Decimal("0.01")) if indicator.unit == "%" else numerator
    if value is None:
        raise ReportError("Hãy nhập giá trị, hoặc tử số và mẫu số.", "value_required")
    if indicator.unit == "%" and not Decimal(0) <= value <= Decimal(100):
        raise ReportError("Giá trị phần trăm phải từ 0 đến 100.", "percent_range")
    latest = (IndicatorValue.objects.select_for_update().filter(indicator=indicator, unit=unit, period=period_code)
              .order_by("-version").first())
    if latest and latest.state == SUBMITTED:
        raise ReportError("Số liệu đã gửi và đang chờ duyệt; chưa thể sửa.", "awaiting_review")
    entry = latest if latest and latest.state == DRAFT else IndicatorValue(
        indicator=indicator, unit=unit, period=period_code, created_by=user, version=(latest.version + 1) if latest else 1)
    entry.numerator, entry.denominator, entry.value = numerator, denominator, value
    entry.source, entry.measured_on, entry.state = source, measured_on or today, DRAFT
    entry.full_clean()
    entry.save()
    return entry

