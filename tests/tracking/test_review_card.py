"""The review card shows the officer everything the unit sent, and what it changed since the returned version."""

import html
import re
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import hostile_files
from tests.conftest import FROZEN_TODAY
from xaso.accounts.models import UNIT_REPORTER, Membership
from xaso.core import status
from xaso.tracking import services as sv
from xaso.tracking.models import Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(django_user_model, plan):
    user = django_user_model.objects.create_user("lan", first_name="Lan", last_name="Nguyễn Thị")
    Membership.objects.create(user=user, role=UNIT_REPORTER, commune=plan.commune,
                              unit=plan.commune.units.get(short_name="TT PVHCC"))
    return user


@pytest.fixture
def task(plan):
    return plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")


def _send(user, task, **fields):
    data = sv.TaskReportData(**{"status": status.IN_PROGRESS, "percent": 40, **fields})
    report = sv.save_task_report(user=user, task=task, unit=task.lead_unit, period_code="2026-Q4", data=data,
                                 today=FROZEN_TODAY)
    return report


def _card(officer_client, plan, report_pk) -> str:
    page = officer_client.get(reverse("review_queue", args=[plan.commune_id])).content.decode()
    found = re.search(rf'<article class="card review-item" id="report-{report_pk}".*?</article>', page, re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", found.group(0))))


def test_a_first_report_shows_every_field_the_unit_sent(officer_client, officer, plan, task, reporter):
    report = _send(reporter, task, status=status.DELAYED, percent=Decimal("9.5"), done_on=None,
                   delay_reason="Chờ máy quét", achievements="Đã số hóa 300 hồ sơ",
                   difficulties="Thiếu máy quét", proposals="Đề nghị cấp thêm 01 máy quét")
    Evidence.objects.create(report=report, file=SimpleUploadedFile("bien-ban.pdf", hostile_files.pdf()),
                            name="bien-ban.pdf")
    sv.submit(user=reporter, report=report)
    card = _card(officer_client, plan, report.pk)
    for shown in ["Trung tâm Phục vụ hành chính công", "Quý IV/2026", "lần 1", "bởi Lan Nguyễn Thị",
                  "Tình trạng Chậm tiến độ", "Tỷ lệ hoàn thành 9,5%", "Ngày hoàn thành (không ghi)",
                  "Lý do chậm Chờ máy quét", "Kết quả đã làm Đã số hóa 300 hồ sơ", "Khó khăn, vướng mắc Thiếu máy quét",
                  "Đề xuất, kiến nghị Đề nghị cấp thêm 01 máy quét", "Minh chứng bien-ban.pdf"]:
        assert shown in card
    assert re.search(r"gửi lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}", card)
    assert "Thay đổi so với" not in card


def test_a_corrected_report_shows_what_changed_since_it_was_returned(officer_client, officer, plan, task, reporter):
    first = _send(reporter, task, achievements="Đã số hóa 300 hồ sơ")
    Evidence.objects.create(report=first, file=SimpleUploadedFile("bien-ban.pdf", hostile_files.pdf()),
                            name="bien-ban.pdf")
    sv.review(user=officer, report=sv.submit(user=reporter, report=first), accept=False, comment="Thiếu ngày hoàn thành")
    second = _send(reporter, task, status=status.DONE, done_on=date(2026, 11, 20), achievements="Đã số hóa 300 hồ sơ",
                   proposals="Nhân rộng cho các thôn")
    Evidence.objects.create(report=second, link="https://dichvucong.example.gov.vn/bao-cao", name="Cổng dịch vụ công")
    sv.submit(user=reporter, report=second)
    card = _card(officer_client, plan, second.pk)
    assert "lần 2" in card and "Thay đổi so với lần 1 (bị trả lại)" in card
    assert "Ý kiến lần trước: “Thiếu ngày hoàn thành”" in card
    for change in ["Tình trạng: Đang triển khai → Hoàn thành", "Tỷ lệ hoàn thành: 40% → 100%",
                   "Ngày hoàn thành: (không ghi) → 20/11/2026", "Đề xuất, kiến nghị: (không ghi) → Nhân rộng cho các thôn",
                   "Minh chứng: thêm Cổng dịch vụ công"]:
        assert change in card
    assert "Kết quả đã làm:" not in card  # unchanged fields are not listed as changes
    assert "bien-ban.pdf (gửi ở lần 1)" in card


def test_an_indicator_value_card_shows_the_ratio_and_the_change(officer_client, officer, plan, reporter):
    indicator = plan.indicators.get()
    unit = plan.commune.units.get(short_name="TT PVHCC")

    def send(numerator):
        entry = sv.save_indicator_value(user=reporter, indicator=indicator, unit=unit, period_code="2026-Q4",
                                        today=FROZEN_TODAY, numerator=Decimal(numerator), denominator=Decimal(1500),
                                        source="Phần mềm một cửa")
        return sv.submit(user=reporter, report=entry)

    sv.review(user=officer, report=send(1200), accept=False, comment="Số liệu chưa đúng kỳ")
    second = send(1350)
    page = officer_client.get(reverse("review_queue", args=[plan.commune_id])).content.decode()
    card = re.search(rf'<article class="card review-item" id="value-{second.pk}".*?</article>', page, re.S).group(0)
    card = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", card)))
    for shown in ["Giá trị 90%", "Tử số 1.350", "Mẫu số 1.500", "Nguồn số liệu Phần mềm một cửa",
                  "Ngày số liệu 22/11/2026", "Giá trị: 80% → 90%", "Tử số: 1.200 → 1.350", "bởi Lan Nguyễn Thị"]:
        assert shown in card


def test_the_queue_costs_the_same_queries_for_one_card_or_many(officer_client, officer, plan, reporter):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert officer_client.get(reverse("review_queue", args=[plan.commune_id])).status_code == 200
        return len(captured)

    first = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    sv.review(user=officer, report=sv.submit(user=reporter, report=_send(reporter, first)), accept=False, comment="Sửa")
    sv.submit(user=reporter, report=_send(reporter, first, percent=50))
    few = queries()
    for task in plan.tasks.exclude(pk=first.pk):
        task.lead_unit = first.lead_unit
        task.save()
        sv.review(user=officer, report=sv.submit(user=reporter, report=_send(reporter, task)), accept=False, comment="Sửa")
        sv.submit(user=reporter, report=_send(reporter, task, percent=60))
    assert queries() == few
