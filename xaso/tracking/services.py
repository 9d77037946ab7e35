"""The one write path for reports: save a draft, submit, accept, return. Pages, API and commands call these.

A save is the statements it needs and no more (tests/tracking/test_save_queries.py pins the count): one locking
read of the report's versions, one read of the province's reporting calendar (the entry window; none where the
caller read it with the task), one write of the row, the history record, one upsert of the search entry and,
when it is sent, one read of the reviewers, one insert of their notifications and one update settling what the
sending settles. No savepoint, no re-read of what the caller already holds.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from xaso.core import budget, status
from xaso.core.calendar import Calendar
from xaso.core.periods import Period, label_of

from xaso.plans.models import Indicator, Task
from xaso import statements
from xaso.search import index
from xaso.statements import Prepared

from . import calendars, notify, progress
from .models import ACCEPTED, DRAFT, REPORT_HISTORY, RETURNED, SUBMITTED, VALUE_HISTORY, IndicatorValue, TaskReport

AWAITING_REVIEW = "Báo cáo đã gửi và đang chờ duyệt; chưa thể sửa."
VALUE_AWAITING_REVIEW = "Số liệu đã gửi và đang chờ duyệt; chưa thể sửa."


class ReportError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def open_period(plan, code: str, today: date, *, unit_id: int | None = None, returned: bool = False,
                calendar: Calendar | None = None) -> Period:
    """The plan's period if the unit may enter its report today: within the entry window of the province's calendar
    (xaso.tracking.calendars), or reopened for the unit. A locked period stays open for the fix of a report the
    reviewer returned (`returned`): what was sent back must be sendable again, however late."""
    period = plan.period(code)
    if period is None:
        raise ReportError(f"Kỳ báo cáo “{label_of(code)}” không thuộc kế hoạch năm {plan.year}.", "bad_period")
    refusal = calendars.entry_refusal(calendar or calendars.calendar_for(plan), period, today,
                                      unit_id=None if returned else unit_id)
    if refusal and not (returned and refusal[1] == "period_closed"):
        raise ReportError(*refusal)
    return period


def awaits_fix(versions) -> bool:
    """Whether the last version sent to the reviewer came back: a returned report stays to be fixed until a new
    version is submitted (a draft of the fix does not settle it). `versions`: one report's versions, any order."""
    sent = [v for v in versions if v.state != DRAFT]
    return bool(sent) and max(sent, key=lambda v: v.version).state == RETURNED


def to_fix(unit) -> list[TaskReport | IndicatorValue]:
    """Everything of the unit returned by the reviewer and not yet sent again, in any period of any live plan:
    the last sent version of each, oldest period first. Only the versions of reports returned at least once are read
    (a report that was never returned awaits no fix): the unit's year of reports stays in the database."""
    found = []
    for model, key in ((TaskReport, "task"), (IndicatorValue, "indicator")):
        versions: dict[tuple, list] = {}
        returned = model.objects.filter(unit=unit, state=RETURNED, period=OuterRef("period"),
                                        **{key: OuterRef(key)})
        rows = (model.objects.filter(Exists(returned), unit=unit, **{f"{key}__deleted_at__isnull": True,
                                                                     f"{key}__plan__deleted_at__isnull": True})
                .select_related(f"{key}__plan").order_by("version"))
        for row in rows:
            versions.setdefault((getattr(row, f"{key}_id"), row.period), []).append(row)
        for rows_of_one in versions.values():
            if awaits_fix(rows_of_one):
                found.append(max((v for v in rows_of_one if v.state != DRAFT), key=lambda v: v.version))
    return sorted(found, key=lambda r: (r.period, r.submitted_at or r.created_at))


@contextmanager
def _writing():
    """The transaction of one write. Inside the caller's transaction (pages and the API open one per request)
    it takes no savepoint: every refusal (ReportError) is raised before the first write, so the caller's
    transaction is still clean and may go on (the indicator page collects every row's refusal); any other
    failure marks it for rollback, as atomic(savepoint=False) does. Alone (a command, a shell) it opens one."""
    if not transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            yield
        return
    try:
        yield
    except ReportError:
        raise
    except BaseException:
        transaction.set_rollback(True)
        raise


def _versions_of(model, owner: str) -> Prepared:
    return Prepared(lambda owner_id, unit_id, period: model.objects.select_for_update().filter(
        **{owner: owner_id}, unit_id=unit_id, period=period).order_by("-version"), owner_id=int, unit_id=int, period=str)


_VERSIONS = {TaskReport: _versions_of(TaskReport, "task_id"), IndicatorValue: _versions_of(IndicatorValue, "indicator_id")}


def _locked_versions(model, owner: str, owner_id: int, unit_id: int, period_code: str) -> list:
    """Every version of one unit's report (or value) for one period, newest first, locked until the commit:
    concurrent saves of the same report queue here, and each reads what the previous one wrote."""
    return _VERSIONS[model].all(owner_id=owner_id, unit_id=unit_id, period=period_code)


_HISTORY = {TaskReport: REPORT_HISTORY, IndicatorValue: VALUE_HISTORY}

# the relations a row of the write path holds from the caller instead of checking them again by a query
_RELATIONS = ["task", "indicator", "unit", "created_by", "submitted_by", "reviewed_by"]


def _write(item, user, versions, *, send: bool):
    """Store `item` as a draft, or sent for review (`send`), in one write; then tell and settle."""
    item.state = SUBMITTED if send else DRAFT
    if send:
        item.submitted_at, item.submitted_by = timezone.now(), user
    item.clean_fields(exclude=[f for f in _RELATIONS if hasattr(item, f"{f}_id")])
    adding = item._state.adding
    try:
        statements.save(item)
    except IntegrityError:  # a first version saved by someone else at the same moment (nothing to lock yet)
        transaction.set_rollback(True)
        raise ReportError("Báo cáo vừa được người khác lưu. Hãy tải lại trang để xem bản mới nhất.", "conflict")
    # what the save signal's receivers write, written here by statements built once (tests/tracking/test_fast_write.py
    # checks they are the same rows, and that no other receiver listens)
    statements.record(_HISTORY[type(item)], item, "+" if adding else "~")
    if isinstance(item, TaskReport):
        index.update(item)
    if send:
        notify.sent(item, actor=user, earlier=[v for v in versions if v.version < item.version])


def _check_unit(task, unit):
    if unit.pk != task.lead_unit_id and not task.partner_units.filter(pk=unit.pk).exists():
        raise ReportError("Đơn vị của bạn không chủ trì hay phối hợp nhiệm vụ này nên không báo cáo được.", "not_your_task")


@dataclass
class TaskReportData:
    status: str
    percent: Decimal | int
    achievements: str = ""
    difficulties: str = ""
    proposals: str = ""
    delay_reason: str = ""
    done_on: date | None = None
    spent_million_vnd: Decimal | int | None = None  # spent in this period alone, million VND
    spent_source: str = ""  # a xaso.core.budget.SOURCES code


def _validate_spent(data: TaskReportData):
    """What was spent in the period: a number of million VND from 0 to MAX_SPENT, with its source when above 0."""
    if data.spent_million_vnd is None:
        if data.spent_source:
            raise ReportError("Đã chọn nguồn kinh phí thì hãy ghi số kinh phí đã chi trong kỳ.", "spent_required")
        return
    data.spent_million_vnd = Decimal(str(data.spent_million_vnd))
    if not data.spent_million_vnd.is_finite():
        raise ReportError("Kinh phí đã chi phải là một số, ví dụ 1234.5.", "spent_not_a_number")
    if data.spent_million_vnd < 0:
        raise ReportError("Kinh phí đã chi không được âm.", "spent_negative")
    if data.spent_million_vnd > budget.MAX_SPENT:
        raise ReportError("Kinh phí đã chi quá lớn (tối đa 1.000.000 triệu đồng); hãy ghi theo đơn vị triệu đồng.",
                          "spent_too_large")
    if data.spent_million_vnd != round(data.spent_million_vnd, 2):
        raise ReportError("Kinh phí đã chi chỉ ghi tối đa 2 chữ số sau dấu phẩy.", "spent_decimals")
    if data.spent_source and data.spent_source not in dict(budget.SOURCES):
        raise ReportError("Nguồn kinh phí không hợp lệ; hãy chọn trong danh sách.", "bad_spent_source")
    if data.spent_million_vnd > 0 and not data.spent_source:
        raise ReportError("Hãy chọn nguồn của kinh phí đã chi (ngân sách xã, cấp trên, xã hội hóa hay khác).",
                          "spent_source_required")


def _validate(data: TaskReportData, task, today: date):
    if data.status not in status.REPORTED:
        raise ReportError("Tình trạng không hợp lệ.", "bad_status")
    data.percent = Decimal(str(data.percent))
    if not 0 <= data.percent <= 100:
        raise ReportError("Tỷ lệ hoàn thành phải từ 0 đến 100%.", "percent_range")
    if data.percent != round(data.percent, 2):
        raise ReportError("Tỷ lệ hoàn thành chỉ ghi tối đa 2 chữ số sau dấu phẩy.", "percent_decimals")
    if data.status == status.DELAYED and not data.delay_reason.strip():
        raise ReportError("Nhiệm vụ chậm tiến độ phải ghi lý do.", "delay_reason_required")
    if data.status == status.DONE:
        data.percent = Decimal(100)
    _validate_done_on(data.done_on, task, today)
    _validate_spent(data)


def _validate_done_on(done_on: date | None, task, today: date):
    """A completion date must be one that can have happened: not after today, not before the plan's year
    nor before the task starts. Pages and the API both come through here, so they refuse the same dates."""
    if done_on is None:
        return
    if done_on > today:
        raise ReportError(f"Ngày hoàn thành {done_on:%d/%m/%Y} chưa đến (hôm nay là {today:%d/%m/%Y}); "
                          "chỉ ghi ngày nhiệm vụ đã thực sự hoàn thành.", "done_on_future")
    if done_on.year < task.plan.year:
        raise ReportError(f"Ngày hoàn thành {done_on:%d/%m/%Y} ở trước năm kế hoạch {task.plan.year}.",
                          "done_on_before_plan")
    if task.start_date and done_on < task.start_date:
        raise ReportError(f"Ngày hoàn thành {done_on:%d/%m/%Y} ở trước ngày bắt đầu của nhiệm vụ "
                          f"({task.start_date:%d/%m/%Y}). Nếu nhiệm vụ thực sự xong sớm, hãy nhờ cán bộ xã sửa "
                          "ngày bắt đầu của nhiệm vụ.", "done_on_before_start")


def save_task_report(*, user, task, unit, period_code: str, data: TaskReportData, today: date,
                     seen_version: tuple[int, str] | None = None, submit: bool = False,
                     calendar: Calendar | None = None) -> TaskReport:
    """Save the unit's draft for a period, or send it for review (`submit`: the form's "Gửi báo cáo", the
    API's `submit`) in the same write. A returned or accepted report is corrected in a new version; one waiting
    for review cannot be changed. `seen_version` (version, updated_at) is what the editor saw: if someone saved
    in between, the second save is refused and nothing is lost. `task` comes with its plan (and the plan's
    commune when sending), `unit` is the reporting unit: both are read, never fetched again; so is the province's
    `calendar` when the caller read it with the task (xaso.tracking.calendars.read_with)."""
    _check_unit(task, unit)
    _validate(data, task, today)
    with _writing():
        versions = _locked_versions(TaskReport, "task_id", task.pk, unit.pk, period_code)
        latest = versions[0] if versions else None
        if latest and seen_version and (latest.version, latest.updated_at.isoformat()) != seen_version:
            raise ReportError("Báo cáo vừa được người khác sửa. Hãy tải lại trang để xem bản mới nhất.", "conflict")
        open_period(task.plan, period_code, today, unit_id=unit.pk, returned=awaits_fix(versions), calendar=calendar)
        if latest and latest.state == SUBMITTED:
            raise ReportError(AWAITING_REVIEW, "awaiting_review")
        if latest and latest.state == DRAFT:
            report = latest
        else:
            report = TaskReport(period=period_code, created_by=user, version=(latest.version + 1) if latest else 1)
        report.task, report.unit = task, unit  # what the search entry and the notification read
        for field, value in vars(data).items():
            setattr(report, field, value)
        if report.status == status.DONE and report.done_on is None:
            report.done_on = today
        _write(report, user, versions, send=submit)
        return report


def submit(*, user, report: TaskReport | IndicatorValue):
    """Send a saved draft for review."""
    model, owner = (TaskReport, "task") if isinstance(report, TaskReport) else (IndicatorValue, "indicator")
    with _writing():
        versions = _locked_versions(model, f"{owner}_id", getattr(report, f"{owner}_id"), report.unit_id, report.period)
        locked = next((v for v in versions if v.pk == report.pk), None)
        if locked is None or locked.state != DRAFT:
            raise ReportError("Chỉ gửi được bản nháp.", "not_draft")
        for name in (owner, "unit"):  # what the caller holds need not be read again
            if type(report)._meta.get_field(name).is_cached(report):
                setattr(locked, name, getattr(report, name))
        _write(locked, user, versions, send=True)
        return locked


def review(*, user, report: TaskReport | IndicatorValue, accept: bool, comment: str = ""):
    """Accept or return a submission; when two officers act at once, the second is told."""
    with _writing():
        return _review(user, report, accept, comment)


def _review(user, report, accept: bool, comment: str):
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


def save_indicator_value(*, user, indicator, unit, period_code: str, today: date, value: Decimal | None = None,
                         numerator: Decimal | None = None, denominator: Decimal | None = None, source: str = "",
                         measured_on: date | None = None, submit: bool = False) -> IndicatorValue:
    """Save the unit's value of an indicator for a period, or send it for review (`submit`) in the same write."""
    with _writing():
        versions = _locked_versions(IndicatorValue, "indicator_id", indicator.pk, unit.pk, period_code)
        open_period(indicator.plan, period_code, today, unit_id=unit.pk, returned=awaits_fix(versions))
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
        latest = versions[0] if versions else None
        if latest and latest.state == SUBMITTED:
            raise ReportError(VALUE_AWAITING_REVIEW, "awaiting_review")
        entry = latest if latest and latest.state == DRAFT else IndicatorValue(
            period=period_code, created_by=user, version=(latest.version + 1) if latest else 1)
        entry.indicator, entry.unit = indicator, unit
        entry.numerator, entry.denominator, entry.value = numerator, denominator, value
        entry.source, entry.measured_on = source, measured_on or today
        _write(entry, user, versions, send=submit)
        return entry
