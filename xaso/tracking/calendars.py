"""Each province's reporting calendar and the entry windows it sets: the one place pages, reports, reminders, the
demo and the API ask which days a period covers, when its report is due, and whether a unit may enter it today.

`calendar_for` reads a province's calendar (xaso.tracking.models.ReportCalendar) in one query, or gives the system's
default (NĐ 09/2019's cut-off on the 15th, reports due on the cut-off day, entry locked 30 days later). A locked
period is opened again for one unit by a Reopening (`reopen`), kept with its history.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q

from xaso.core.calendar import NGHI_DINH_09, Calendar
from xaso.core.periods import Period, label_of, parse_period
from xaso.plans.models import Commune, Indicator, Plan, Province, Task, Unit

from .models import ReportCalendar, Reopening

DEFAULT = NGHI_DINH_09


def _province_filter(place) -> Q:
    if isinstance(place, Province):
        return Q(province_id=place.pk)
    if isinstance(place, Commune):
        return Q(province_id=place.province_id)
    if isinstance(place, (Plan, Unit)):
        if type(place)._meta.get_field("commune").is_cached(place):
            return Q(province_id=place.commune.province_id)
        return Q(province__communes=place.commune_id)
    if isinstance(place, (Task, Indicator)):
        if type(place)._meta.get_field("plan").is_cached(place):
            return _province_filter(place.plan)
        return Q(province__communes__plans=place.plan_id)
    if isinstance(place, int):
        return Q(province_id=place)
    raise TypeError(f"{type(place).__name__} has no province")


def calendar_for(place) -> Calendar:
    """The calendar of the province of `place` (a province, a commune, or a plan, unit, task or indicator of one;
    or a province id): one query, none of the objects' relations fetched."""
    row = ReportCalendar.objects.filter(_province_filter(place)).first()
    return row.calendar() if row else DEFAULT


def read_with(place) -> Calendar:
    """The calendar of the province of `place` (a task, indicator, plan, unit or commune) read with it in this request
    (select_related up to "…province__report_calendar", as xaso.plans.access reads a report's task or a dashboard's
    commune): no query; as calendar_for where it was read without it."""
    found = place
    for model, name in ((Task, "plan"), (Indicator, "plan"), (Plan, "commune"), (Unit, "commune"), (Commune, "province")):
        if isinstance(found, model):
            field = model._meta.get_field(name)
            if not field.is_cached(found):
                return calendar_for(place)
            found = field.get_cached_value(found)
    relation = Province.report_calendar.related
    if not isinstance(found, Province) or not relation.is_cached(found):
        return calendar_for(place)
    row = relation.get_cached_value(found)  # None: the province keeps the default calendar
    return row.calendar() if row else DEFAULT


def calendars_by_province(province_ids) -> dict[int, Calendar]:
    """Province id → calendar, for many provinces in one query (the default where a province has none)."""
    ids = set(province_ids)
    found = {row.province_id: row.calendar() for row in ReportCalendar.objects.filter(province_id__in=ids)}
    return {pk: found.get(pk, DEFAULT) for pk in ids}


def open_reopening(unit_id: int, period_code: str, today: date) -> Reopening | None:
    return (Reopening.objects.filter(unit_id=unit_id, period=period_code, until__gte=today)
            .order_by("-until").first())


def entry_refusal(calendar: Calendar, period: Period, today: date, *, unit_id: int | None = None) -> tuple[str, str] | None:
    """(message, code) when the period takes no entry today, or None. A locked period is open for a unit with a
    reopening running today (one query, asked only when the period is locked)."""
    if today < calendar.opens(period):
        return (f"Kỳ {period.label} chưa mở nhập; mở từ ngày {calendar.opens(period):%d/%m/%Y}.", "period_not_started")
    if today >= calendar.locks(period):
        if unit_id is not None and open_reopening(unit_id, period.code, today):
            return None
        return (locked_message(calendar, period), "period_closed")
    return None


def locked_message(calendar: Calendar, period: Period) -> str:
    """Why a period takes no entry: since when, and the rule ("… 30 ngày sau hạn gửi …")."""
    return (f"Kỳ {period.label} đã khóa nhập từ {calendar.locks(period):%d/%m/%Y} ({calendar.lock_days} ngày sau hạn "
            f"gửi {calendar.deadline(period):%d/%m/%Y}). Muốn nhập hoặc sửa, cán bộ chuyển đổi số của xã mở lại kỳ "
            "cho đơn vị.")


class ReopenError(Exception):
    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.message, self.code = message, code


def reopen(*, user, unit: Unit | None, period_code: str, reason: str, until: date | None, today: date,
           commune: Commune | None = None) -> Reopening:
    """Open a period again until a day (inclusive), with the reason, for one unit or (`unit` None, `commune` given)
    for the commune's report to the province: the one write path of reopenings (pages and the API call it; the
    permission is the caller's: access.can_edit on the unit's commune, access.can_review_commune_report for a
    commune's own report)."""
    reason = (reason or "").strip()
    commune = unit.commune if unit is not None else commune
    plan_years = set(commune.plans.values_list("year", flat=True))
    period = parse_period(period_code)
    if period is None or period.year not in plan_years:
        raise ReopenError(f"Kỳ báo cáo “{label_of(period_code)}” không thuộc kế hoạch nào của xã.", "bad_period")
    locks = calendar_for(commune).locks(period)
    if today < locks:
        raise ReopenError(f"Kỳ {period.label} chưa khóa (khóa từ {locks:%d/%m/%Y}): vẫn nhập, gửi được, không cần mở lại.",
                          "not_locked")
    if not reason:
        raise ReopenError("Hãy ghi lý do mở lại kỳ báo cáo.", "reason_required")
    if until is None:
        raise ReopenError("Hãy chọn ngày mở đến.", "until_required")
    if until < today:
        raise ReopenError(f"Ngày mở đến {until:%d/%m/%Y} đã qua (hôm nay là {today:%d/%m/%Y}).", "until_past")
    if (until - today).days > 90:
        raise ReopenError("Chỉ mở lại tối đa 90 ngày.", "until_too_far")
    with transaction.atomic():
        return Reopening.objects.create(unit=unit, commune=None if unit is not None else commune, period=period.code,
                                        reason=reason[:2000], until=until, created_by=user)


def of_commune(commune) -> Q:
    """The reopenings of a commune: its units' and its own report's."""
    return Q(unit__commune=commune) | Q(commune=commune)


def open_reopenings(commune, today: date):
    """The commune's reopenings still running today, latest first."""
    return (Reopening.objects.filter(of_commune(commune), until__gte=today)
            .select_related("unit", "created_by").order_by("-created_at", "-id"))


def commune_report_refusal(calendar: Calendar, period: Period, commune, today: date) -> str | None:
    """Why the commune's report of `period` may not be sent to the province today (it locks as units' entry does,
    `lock_days` after the deadline), or None; a reopening by the province's officer opens it again."""
    if today < calendar.locks(period):
        return None
    if Reopening.objects.filter(commune=commune, period=period.code, until__gte=today).exists():
        return None
    return (f"Kỳ {period.label} đã khóa gửi báo cáo lên tỉnh từ {calendar.locks(period):%d/%m/%Y} "
            f"({calendar.lock_days} ngày sau hạn gửi {calendar.deadline(period):%d/%m/%Y}). Cần gửi, hãy đề nghị cán bộ "
            "Sở mở lại kỳ cho xã.")
