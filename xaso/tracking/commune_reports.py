"""The commune's periodic report to the province: compiled and sent by the commune's DX officer once the units'
reports of the period are reviewed, accepted or returned with a comment by the province's officer.

The one write path (pages, API and tests call `submit` and `review`): what is sent is the period's .docx
(xaso.reports.documents.progress_report, the same one the plan page downloads) and the figures it was written
from (xaso.tracking.figures.plan_figures), both stored as they were at the sending. Later reports of the units
change the live figures, never what the province received. A returned report is sent again as a new version.

Sending while units' reports of the period still wait for the commune's review asks for a confirmation rather
than refusing: the province's deadline does not wait for a unit that reported at the last hour, and the report
counts only accepted reports anyway, so the officer decides (and the number waiting is kept with the version).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone

from xaso.accounts.models import COMMUNE_OFFICER, PROVINCE_OFFICER, Membership
from xaso.core.calendar import Calendar
from xaso.core.periods import Period, label_of, parse_period
from xaso.plans.models import Plan
from xaso.reports.documents import ReportError as DocumentError
from xaso.reports.documents import progress_report

from . import notify
from .calendars import calendar_for, commune_report_refusal
from .figures import plan_figures
from .models import ACCEPTED, RETURNED, SUBMITTED, UNREAD, CommuneReport, IndicatorValue, Notification, TaskReport
from .services import ReportError
from .summary import plan_of_year

NOT_STARTED, IN_PROGRESS = "not_started", "in_progress"
# A commune's report of a period as the province reads it, in the order of the dashboard's counts.
PROVINCE_STATES = {NOT_STARTED: "Chưa bắt đầu", IN_PROGRESS: "Đang thực hiện", SUBMITTED: "Đã gửi",
                   ACCEPTED: "Đã chấp nhận", RETURNED: "Bị trả lại"}
BAD_INPUT = {"bad_period", "no_plan", "comment_required"}  # the API answers these 422, every other refusal 409


class CommuneReportError(ReportError):
    @property
    def status(self) -> int:
        return 422 if self.code in BAD_INPUT else 409


def due_date(commune, period: Period, calendar: Calendar | None = None) -> date:
    """The day the commune's report is due at the province: the province calendar's sending deadline."""
    return (calendar or calendar_for(commune)).deadline(period)


def opens_on(commune, period: Period, calendar: Calendar | None = None) -> date:
    """The first day the commune may send it: the week before the deadline, as units are reminded."""
    return (calendar or calendar_for(commune)).reminds(period)


def pending_reviews(plan, period_code: str) -> int:
    """The units' reports and values of the period sent to the commune and not yet reviewed."""
    return (TaskReport.objects.filter(task__plan=plan, task__deleted_at__isnull=True, period=period_code,
                                      state=SUBMITTED).count()
            + IndicatorValue.objects.filter(indicator__plan=plan, indicator__deleted_at__isnull=True,
                                            period=period_code, state=SUBMITTED).count())


def frozen_figures(plan, period: Period, today: date) -> dict:
    """The figures of the report as JSON: what the .docx says, kept beside it (xaso.tracking.figures)."""
    figures = plan_figures(plan, today, period)
    return {
        "as_of": figures.day.isoformat(),
        "score": figures.score,
        "cards": [{"id": key, "label": label, "count": count} for key, label, count in figures.cards()],
        "areas": [{"area": code, "label": label, "score": score, "items": count}
                  for code, label, score, count in figures.by_area()],
        "tasks": [{"id": row.task.pk, "name": row.task.name, "area": row.task.area, "status": row.status.code,
                   "status_label": row.status.label, "days_late": row.status.days_late, "reported": row.reported,
                   "percent": float(row.percent), "score": row.score} for row in figures.tasks],
        "indicators": [{"id": row.indicator.id, "text": row.indicator.text, "unit": row.indicator.unit,
                        "target": row.indicator.target_text, "value": None if row.value is None else str(row.value),
                        "status": row.status, "status_label": row.label, "score": row.score}
                       for row in figures.indicators],
    }


def _period(period_code: str) -> Period:
    period = parse_period(period_code)
    if period is None:
        raise CommuneReportError(f"Kỳ báo cáo “{period_code}” không hợp lệ; ví dụ 2026-Q3, 2026-H1, 2026.", "bad_period")
    return period


def submit(*, user, commune, period_code: str, today: date, confirm_pending: bool = False) -> CommuneReport:
    """Compile the period's report and send it to the province as a new version, its .docx and figures frozen."""
    period = _period(period_code)
    plan = plan_of_year(commune, period.year)
    if plan is None:
        raise CommuneReportError(f"{commune} chưa có kế hoạch năm {period.year} nên chưa có báo cáo "
                                 f"{period.label[0].lower()}{period.label[1:]}.", "no_plan")
    opens = opens_on(commune, period)
    if today < opens:
        raise CommuneReportError(f"Chưa đến lúc gửi báo cáo {label_of(period).lower()}: nhận từ ngày "
                                 f"{opens:%d/%m/%Y}.", "period_not_open")
    with transaction.atomic():
        versions = list(CommuneReport.objects.select_for_update().filter(commune=commune, period=period.code)
                        .order_by("-version").only("pk", "version", "state"))
        latest = versions[0] if versions else None
        locked = commune_report_refusal(calendar_for(commune), period, commune, today)
        if locked and not (latest and latest.state == RETURNED):  # a returned report is corrected after the lock too
            raise CommuneReportError(locked, "period_closed")
        if latest and latest.state == SUBMITTED:
            raise CommuneReportError("Báo cáo kỳ này đã gửi tỉnh và đang chờ tỉnh duyệt; chưa thể gửi lại.",
                                     "awaiting_review")
        if latest and latest.state == ACCEPTED:
            raise CommuneReportError("Báo cáo kỳ này đã được tỉnh chấp nhận; không gửi lại được.", "already_accepted")
        waiting = pending_reviews(plan, period.code)
        if waiting and not confirm_pending:
            raise CommuneReportError(
                f"Còn {waiting} báo cáo, số liệu của đơn vị kỳ này đang chờ xã duyệt; báo cáo gửi tỉnh chỉ tính những "
                "báo cáo đã được chấp nhận. Hãy duyệt trước, hoặc xác nhận vẫn gửi.", "pending_reviews")
        try:
            document, name, _ = progress_report(commune, period.code, "docx", today)
        except DocumentError as error:
            raise CommuneReportError(error.message, "no_plan") from error
        report = CommuneReport(commune=commune, plan=plan, period=period.code, state=SUBMITTED,
                               version=(latest.version + 1) if latest else 1, document=document, file_name=name,
                               figures=frozen_figures(plan, period, today), pending_reviews=waiting,
                               submitted_by=user, submitted_at=timezone.now())
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:  # a first version sent by someone else at the same moment (nothing to lock yet)
            raise CommuneReportError("Báo cáo kỳ này vừa được người khác gửi. Hãy tải lại trang.", "conflict") from None
        report.commune = commune
        _tell(report, actor=user)
        returned = [f"commune-report:{v.pk}:{RETURNED}" for v in versions if v.state == RETURNED]
        Notification.objects.filter(UNREAD, subject=subject_of(report), key__in=returned).update(settled_at=timezone.now())
        return report


def review(*, user, report: CommuneReport, accept: bool, comment: str = "") -> CommuneReport:
    """Accept or return a sent report (a comment is required to return it); when two officers act at once, the
    second is told and nothing is lost."""
    with transaction.atomic():
        locked = CommuneReport.objects.select_for_update().select_related("commune").get(pk=report.pk)
        if locked.state != SUBMITTED:
            raise CommuneReportError("Báo cáo này đã được xử lý (có thể bởi cán bộ khác). Hãy tải lại trang.",
                                     "already_reviewed")
        if not accept and not comment.strip():
            raise CommuneReportError("Khi trả lại báo cáo, hãy ghi ý kiến để xã sửa.", "comment_required")
        locked.state = ACCEPTED if accept else RETURNED
        locked.review_comment, locked.reviewed_by, locked.reviewed_at = comment.strip(), user, timezone.now()
        locked.save(update_fields=["state", "review_comment", "reviewed_by", "reviewed_at", "updated_at"])
        _tell(locked, actor=user)
        Notification.objects.filter(UNREAD, subject=subject_of(locked), key=f"commune-report:{locked.pk}:{SUBMITTED}"
                                    ).update(settled_at=timezone.now())
        return locked


def subject_of(report: CommuneReport) -> str:
    return f"commune-report:{report.commune_id}:{report.period}"


def _tell(report: CommuneReport, *, actor) -> None:
    """Sent → the province's officers; returned or accepted → the commune's DX officers and whoever sent it."""
    commune, what = report.commune, f"báo cáo {label_of(report.period)}"
    url = reverse("commune_report", args=[commune.pk, report.period])
    if report.state == SUBMITTED:
        people = Membership.objects.filter(role=PROVINCE_OFFICER, province_id=commune.province_id, commune__isnull=True)
        again = f" (lần {report.version})" if report.version > 1 else ""
        text, mail_subject = f"{commune} gửi {what}{again}, chờ tỉnh duyệt.", "Báo cáo của xã chờ duyệt"
    else:
        people = Membership.objects.filter(Q(role=COMMUNE_OFFICER, commune=commune) | Q(user_id=report.submitted_by_id))
        if report.state == RETURNED:
            text, mail_subject = (f"Tỉnh trả lại {what} của {commune.phrase}: {report.review_comment}",
                                  "Báo cáo của xã bị trả lại")
        else:
            text, mail_subject = f"Tỉnh đã chấp nhận {what} của {commune.phrase}.", "Báo cáo của xã được chấp nhận"
    users = [m.user for m in people.select_related("user").order_by("pk")
             if m.user.is_active and m.user_id != getattr(actor, "pk", None)]
    notify.notify(list(dict.fromkeys(users)), key=f"commune-report:{report.pk}:{report.state}", text=text, url=url,
                  subject=subject_of(report), mail_subject=mail_subject, new_event=True)


# Reading ------------------------------------------------------------------------------------------------------------

def versions_of(commune, period_code: str) -> list[CommuneReport]:
    """Every version sent of the commune's report of a period, newest first (the document bytes left unread)."""
    return list(CommuneReport.objects.filter(commune=commune, period=period_code).defer("document")
                .select_related("submitted_by", "reviewed_by").order_by("-version"))


@dataclass
class CommuneState:
    commune: object
    state: str  # a key of PROVINCE_STATES
    version: int | None  # of the latest version sent, if any
    submitted_at: datetime | None
    comment: str
    due: date
    today: date

    @property
    def label(self) -> str:
        return PROVINCE_STATES[self.state]

    @property
    def timing(self) -> str:
        """"Quá hạn" while nothing is sent after the deadline, "Gửi muộn" when the latest version came after it."""
        if self.submitted_at is not None:
            return "Gửi muộn" if timezone.localtime(self.submitted_at).date() > self.due else ""
        return "Quá hạn" if self.today > self.due else ""


def active_plans(plan_ids, period: Period) -> set[int]:
    """The plans whose units have sent a report or an indicator value for `period` (one query): their commune's
    report to the province is under way."""
    sent = Q(state__in=[SUBMITTED, ACCEPTED, RETURNED], period=period.code)
    return set(Plan.objects.filter(pk__in=list(plan_ids))
               .filter(Exists(TaskReport.objects.filter(sent, task__plan=OuterRef("pk")))
                       | Exists(IndicatorValue.objects.filter(sent, indicator__plan=OuterRef("pk"))))
               .values_list("pk", flat=True))


def province_states(province, plans: dict, period: Period, calendar: Calendar, today: date,
                    active: set[int] | None = None) -> list[CommuneState]:
    """Each live commune of the province and where its report of `period` stands, in two queries: the communes with
    their latest version's state, and which plans had units' reports or values sent for the period (`active`, where
    the caller has it already: active_plans). `calendar`: the province's, which the caller holds."""
    latest = CommuneReport.objects.filter(commune=OuterRef("pk"), period=period.code).order_by("-version")
    communes = province.communes.annotate(**{f"report_{name}": Subquery(latest.values(name)[:1]) for name in
                                             ("state", "version", "submitted_at", "review_comment")}).order_by("name")
    if active is None:
        active = active_plans((plan.pk for plan in plans.values()), period)
    result = []
    for commune in communes:
        plan = plans.get(commune.pk)
        state = commune.report_state or (IN_PROGRESS if plan is not None and plan.pk in active else NOT_STARTED)
        result.append(CommuneState(commune, state, commune.report_version, commune.report_submitted_at,
                                   commune.report_review_comment or "", due_date(commune, period, calendar), today))
    return result


def state_counts(states: list[CommuneState]) -> list[tuple[str, str, int]]:
    """(state, words, number of communes) for every state, zeros included, in the dashboard's order."""
    return [(key, words, sum(1 for s in states if s.state == key)) for key, words in PROVINCE_STATES.items()]


def export_rows(states: list[CommuneState]) -> tuple[list[str], list[list]]:
    header = ["Xã", "Trạng thái báo cáo gửi tỉnh", "Lần gửi", "Ngày gửi", "Hạn gửi", "Ý kiến của tỉnh", "Thời hạn"]
    rows = [[s.commune.title, s.label, s.version, timezone.localtime(s.submitted_at).date() if s.submitted_at else None,
             s.due, s.comment, s.timing or "Trong hạn"] for s in states]
    return header, rows


def current_of(plans, year: int):
    """The plan xaso.tracking.views.current_plan picks, from the commune's plans already read: the latest issued one
    of a year up to `year`, else the latest one."""
    candidates = sorted((p for p in plans if p.year <= year), key=lambda p: (-p.year, p.status != Plan.ISSUED))
    issued = [p for p in candidates if p.status == Plan.ISSUED]
    return issued[0] if issued else (candidates[0] if candidates else None)


def commune_periods(commune, plan, today: date) -> list[tuple[Period, CommuneReport | None, date]]:
    """The commune page's list: each begun period of the plan, newest first, with the latest version sent."""
    if plan is None:
        return []
    calendar = calendar_for(commune)
    periods = list(reversed(calendar.begun(plan.year, plan.report_cadence, today)))
    latest = {}
    for report in (CommuneReport.objects.filter(commune=commune, period__in=[p.code for p in periods])
                   .defer("document", "figures").order_by("period", "version")):
        latest[report.period] = report
    return [(p, latest.get(p.code), due_date(commune, p, calendar)) for p in periods]
