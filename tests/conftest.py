"""Shared fixtures: test personas and a small real plan, built the way users build them."""

import os
from datetime import date

import pytest

from tests.login import log_in

# Playwright's sync API runs an event loop in the test thread; Django must still allow DB access there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


FROZEN_TODAY = date(2026, 11, 22)


@pytest.fixture(scope="session", autouse=True)
def _collected_static():
    """Pages link to the hashed, compressed files collectstatic makes, as in production; the live server serves them
    through WhiteNoise too (Django's test handler looks files up by their source names, not the hashed ones)."""
    from django.contrib.staticfiles import handlers
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)

    class ThroughTheApplication(handlers.StaticFilesHandler):
        def _should_handle(self, path):
            return False

    django_handler, handlers.StaticFilesHandler = handlers.StaticFilesHandler, ThroughTheApplication
    yield
    handlers.StaticFilesHandler = django_handler


@pytest.fixture(autouse=True)
def _frozen_today(monkeypatch):
    """Periods, deadlines and lateness are judged on one fixed day in every test."""
    monkeypatch.setattr("xaso.tracking.views.today", lambda: FROZEN_TODAY)


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def officer(django_user_model, commune):
    """The DX officer of the commune "Yên Lập"."""
    from xaso.accounts.models import COMMUNE_OFFICER, Membership

    user = django_user_model.objects.create_user("canbo", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=COMMUNE_OFFICER, commune=commune)
    return user


@pytest.fixture
def officer_client(client, officer):
    return log_in(client, officer)


@pytest.fixture
def province_officer(django_user_model, commune):
    """The province officer of "Tỉnh Kiểm Thử": every commune of the province."""
    from xaso.accounts.models import PROVINCE_OFFICER, Membership

    user = django_user_model.objects.create_user("canbo.tinh", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=PROVINCE_OFFICER, province=commune.province)
    return user


@pytest.fixture
def province_client(province_officer):
    from django.test import Client

    return log_in(Client(), province_officer)


@pytest.fixture
def commune(db):
    from xaso.plans.models import Commune, Province

    province = Province.objects.create(name="Tỉnh Kiểm Thử")
    return Commune.objects.create(province=province, name="Yên Lập")


@pytest.fixture
def plain_calendar(commune):
    """For tests pinned on calendar quarters (cut-off on the 1st, reports due on the quarter's last day): the
    province's reporting calendar set so (xaso.tracking.calendars; the system's default is NĐ 09's 15th)."""
    from xaso.tracking.models import ReportCalendar

    return ReportCalendar.objects.create(province=commune.province, cutoff_day=1)


@pytest.fixture
def late_quarter_calendar(plain_calendar):
    """Calendar quarters (Q3 due 30/09) with entry locking 90 days after the deadline, so the commune still sends Q3
    on 22/11 (tests/tracking/test_windows.py pins the lock itself)."""
    plain_calendar.lock_days = 90
    plain_calendar.save()
    return plain_calendar


@pytest.fixture
def plan(commune):
    from xaso.plans.models import Indicator, Plan, Task

    plan = Plan.objects.create(commune=commune, year=2026, title="Kế hoạch chuyển đổi số xã Yên Lập năm 2026",
                               number="12/KH-UBND", status=Plan.ISSUED)
    units = {u.short_name: u for u in commune.units.all()}
    indicator = Indicator(plan=plan, position=1, area="government", text="Tỷ lệ hồ sơ xử lý trực tuyến",
                          baseline_text="82,78%")
    indicator.apply_target("≥ 95%")
    indicator.save()
    for position, (name, area, lead, timeline) in enumerate([
        ("Số hóa hồ sơ thủ tục hành chính", "government", "TT PVHCC", "Quý II–IV/2026"),
        ("Hỗ trợ hộ kinh doanh bán hàng trực tuyến", "economy", "Phòng KT", "Quý III/2026"),
        ("Tuyên truyền về chuyển đổi số", "awareness", "Phòng VH-XH", "Thường xuyên"),
    ], start=1):
        task = Task(plan=plan, position=position, name=name, area=area, lead_unit=units[lead],
                    budget_million_vnd=10 * position)
        task.apply_timeline(timeline)
        task.save()
    return plan


@pytest.fixture
def today():
    return FROZEN_TODAY


@pytest.fixture
def clock(monkeypatch):
    """Set the wall clock (timezone.now) to 10:00 local time of a day: reports are stamped submitted,
    reviewed and saved on that day, as when a unit sent them then. Call it again to move on."""
    from datetime import datetime, time

    from django.utils import timezone

    def set_day(day: date, hour: int = 10):
        moment = timezone.make_aware(datetime.combine(day, time(hour)))
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    return set_day


@pytest.fixture
def generated_plans(monkeypatch, clock):
    """`generated_plans(n)`: demo data of n communes generated on the frozen day, every report stamped on the day it
    was sent; their plans, by commune name."""
    import io

    from django.core.management import call_command

    from xaso.plans.models import Plan

    def generate(communes: int) -> list:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda: FROZEN_TODAY)
        clock(FROZEN_TODAY, hour=18)
        call_command("demo_data", communes=communes, year=2026, periods=4, stdout=io.StringIO())
        return list(Plan.objects.select_related("commune").order_by("commune__name"))

    return generate
