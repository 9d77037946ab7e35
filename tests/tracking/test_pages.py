from datetime import date

import pytest
from django.urls import reverse

from xaso.accounts.models import Membership
from xaso.tracking.models import TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporter(django_user_model, plan):
    user = django_user_model.objects.create_user("donvi", password="x")
    Membership.objects.create(user=user, role="unit_reporter", commune=plan.commune,
                              unit=plan.commune.units.get(short_name="TT PVHCC"))
    return user


def test_a_unit_cannot_report_for_another_unit(client, reporter, plan):
    log_in(client, reporter)
    other = plan.commune.units.get(short_name="Trạm YT")
    assert client.get(reverse("unit_tasks", args=[other.pk])).status_code == 403
    task = plan.tasks.get(name="Hỗ trợ hộ kinh doanh bán hàng trực tuyến")  # led by Phòng KT
    own = plan.commune.units.get(short_name="TT PVHCC")
    response = client.post(reverse("report_task", args=[task.pk, own.pk, "2026-Q4"]),
                           {"status": "in_progress", "percent": "10", "submit": "1"})
    assert response.status_code == 400 and "không chủ trì hay phối hợp" in response.content.decode()
    assert not TaskReport.objects.exists()


def test_a_forbidden_evidence_file_is_refused(client, reporter, plan):
    from django.core.files.uploadedfile import SimpleUploadedFile

    log_in(client, reporter)
    unit = reporter.membership.unit
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    response = client.post(reverse("report_task", args=[task.pk, unit.pk, "2026-Q4"]), {
        "status": "in_progress", "percent": "10", "evidence_file": SimpleUploadedFile("virus.exe", b"MZ")})
    assert response.status_code == 400
    assert "Không nhận tệp “virus.exe”: chỉ nhận tệp .pdf, .docx, .xlsx, .jpg, .jpeg hoặc .png." in response.content.decode()
    assert not TaskReport.objects.exists()


def test_only_the_communes_officer_reviews(client, reporter, plan):
    log_in(client, reporter)
    assert client.get(reverse("review_queue", args=[plan.commune_id])).status_code == 403


def test_the_dashboard_query_count_does_not_grow(officer_client, plan, django_assert_num_queries):
    from xaso.plans.models import Task

    url = reverse("commune_dashboard", args=[plan.commune_id])
    # session, user (with its role and whether it has an authenticator: xaso.accounts.backends), commune (with the
    # province's reporting calendar), plan, tasks with their figures (and planned budgets), indicators, the units'
    # timeliness for the period and for the periods due this year (3 on the frozen day; all in one query), the units'
    # names, spending reported (xaso.tracking.budget), unread count (tests/tracking/test_request_queries.py names each)
    with django_assert_num_queries(10):
        officer_client.get(url)
    for i in range(40):
        Task.objects.create(plan=plan, name=f"Nhiệm vụ {i}", due_date=date(2026, 3, 31))
    with django_assert_num_queries(10):
        response = officer_client.get(url)
    assert "Nhiệm vụ 0" in response.content.decode()  # overdue since 31/03


def test_the_province_dashboard_ranks_lists_and_exports(province_client, plan, django_assert_num_queries):
    from xaso.plans.models import Commune, Plan

    for i in range(6):
        other = Commune.objects.create(province=plan.commune.province, name=f"Xã thử {i}")
        Plan.objects.create(commune=other, year=2026, title=f"KH {i}", status=Plan.ISSUED)
    url = reverse("province_dashboard", args=[plan.commune.province_id])
    # session, user (with its role and authenticator: xaso.accounts.backends), province, the reporting calendar, plans,
    # the kept figures (none yet), then computed (xaso.tracking.snapshots): task sums, indicator sums, the communes'
    # timeliness for the period and for the periods due this year (3; all in one query), who has reported, planned
    # budgets, spending reported, who has sent something this quarter; kept (one upsert); indicator texts, the compared
    # indicator, unread count, the communes with their reports to the province
    with django_assert_num_queries(18):
        province_client.get(url)
    from django.utils import timezone

    from xaso.tracking import snapshots
    from xaso.tracking.models import PlanSnapshot

    PlanSnapshot.objects.update(computed_at=timezone.now() + snapshots.MARGIN)  # as if no change since
    # the same, less the 8 queries computing and keeping, plus the history (what changed since: one statement) and
    # the kept rows this process has not read since they were computed (their time moved)
    with django_assert_num_queries(12):
        response = province_client.get(url)
    html = response.content.decode()
    assert "Xếp hạng theo điểm hoàn thành" in html and "Xã Yên Lạp" not in html
    assert html.count("<li>Xã ") == 7  # nobody has reported this period
    csv = province_client.get(url, {"table": "ranking", "format": "csv"})
    assert csv["Content-Type"].startswith("text/csv") and "Yên Lập" in csv.content.decode("utf-8-sig")
    xlsx = province_client.get(url, {"table": "silent", "format": "xlsx"})
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "Xã chưa báo cáo kỳ này" and sheet.freeze_panes == "A2" and sheet.max_row == 8


def test_indicator_values_are_entered_as_a_ratio_and_a_bad_row_saves_nothing(client, reporter, plan):
    from xaso.tracking.models import IndicatorValue

    log_in(client, reporter)
    unit = reporter.membership.unit
    indicator = plan.indicators.get()
    url = reverse("indicator_values", args=[plan.pk, unit.pk, "2026-Q4"])
    base = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-indicator": indicator.pk}
    bad = client.post(url, {**base, "form-0-numerator": "600", "form-0-denominator": "500", "submit": "1"})
    assert bad.status_code == 400 and "Tử số lớn hơn mẫu số" in bad.content.decode()
    assert not IndicatorValue.objects.exists()
    good = client.post(url, {**base, "form-0-numerator": "450", "form-0-denominator": "500", "form-0-source": "Một cửa",
                             "submit": "1"})
    assert good.status_code == 302
    entry = IndicatorValue.objects.get()
    assert (entry.value, entry.state, entry.source) == (90, "submitted", "Một cửa")


def test_an_evidence_file_over_the_limit_is_refused(client, reporter, plan, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import hostile_files
    from xaso.documents.uploads import Limits

    monkeypatch.setattr("xaso.tracking.forms.EVIDENCE_LIMITS", Limits(max_bytes=1024 * 1024))
    photo = hostile_files.image("JPEG", (2000, 1500))
    assert len(photo) > 1.5 * 1024 * 1024
    log_in(client, reporter)
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    response = client.post(reverse("report_task", args=[task.pk, reporter.membership.unit.pk, "2026-Q4"]), {
        "status": "in_progress", "percent": "10", "evidence_file": SimpleUploadedFile("anh.jpg", photo)})
    assert response.status_code == 400
    assert f"Tệp “anh.jpg” quá lớn ({len(photo) / 1024 / 1024:.0f} MB); giới hạn là 1 MB." in response.content.decode()


def test_the_province_dashboard_query_count_does_not_grow_with_communes(province_client, plan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from xaso.plans.models import Commune, Plan, Task

    url = reverse("province_dashboard", args=[plan.commune.province_id])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert province_client.get(url).status_code == 200
        return len(captured)

    queries()  # the figures kept from then on (xaso.tracking.snapshots): each later view reads what changed since
    few = queries()
    for i in range(12):
        other = Commune.objects.create(province=plan.commune.province, name=f"Xã thêm {i}")
        added = Plan.objects.create(commune=other, year=2026, title=f"KH {i}", status=Plan.ISSUED)
        Task.objects.create(plan=added, name="Nhiệm vụ", due_date=date(2026, 3, 31))
    assert queries() == few


def test_evidence_is_served_only_to_the_unit_and_its_reviewers(client, reporter, plan, django_user_model):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests import hostile_files
    from xaso.tracking.models import Evidence

    log_in(client, reporter)
    unit = reporter.membership.unit
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    data = hostile_files.pdf()
    client.post(reverse("report_task", args=[task.pk, unit.pk, "2026-Q4"]), {
        "status": "in_progress", "percent": "10", "evidence_file": SimpleUploadedFile("bien-ban.pdf", data)})
    evidence = Evidence.objects.get()
    own = client.get(reverse("evidence_file", args=[evidence.pk]))
    assert own.status_code == 200 and own["Content-Type"] == "application/octet-stream"
    assert "attachment" in own["Content-Disposition"] and b"".join(own.streaming_content) == data
    outsider = django_user_model.objects.create_user("nguoingoai", password="x")
    log_in(client, outsider)
    assert client.get(reverse("evidence_file", args=[evidence.pk])).status_code == 403


def test_the_province_dashboards_rows_escape_what_users_typed(province_client, plan):
    """The long tables are written in Python (xaso.tracking.table_rows): a commune's name, an indicator's target, a
    province's comment are text, never markup, in each of them."""
    from xaso.plans.models import Commune

    Commune.objects.filter(pk=plan.commune_id).update(name='<b onmouseover="x()">Yên & Lập</b>')
    plan.indicators.update(target_text="<i>≥ 95%</i>")
    html = province_client.get(reverse("province_dashboard", args=[plan.commune.province_id])).content.decode()
    assert "<b onmouseover" not in html and "<i>≥" not in html
    escaped = "Xã &lt;b onmouseover=&quot;x()&quot;&gt;Yên &amp; Lập&lt;/b&gt;"
    for table in ("ranking", "heatmap", "commune-report-states", "timeliness", "compare"):
        body = html[html.index(f'id="{table}"'):]
        assert escaped in body[:body.index("</table>")], table
    assert "&lt;i&gt;≥ 95%&lt;/i&gt;" in html


# ?period= as a link or a hand can write it, on 22/11/2026 (NĐ 09 windows: Quý I/2027 begins 15/12/2026): each says
# why in words above the current figures, and the file asked for is not sent.
BAD_PERIODS = [
    ("garbage", "Kỳ “garbage” không hợp lệ"), ("2026-Q9", "Kỳ “2026-Q9” không hợp lệ"),
    ("0000", "Kỳ “0000” không hợp lệ"), ("0001-Q1", "Kỳ “0001-Q1” không hợp lệ"),
    ("0000-M01", "Kỳ “0000-M01” không hợp lệ"), ("9999-Q4", "Kỳ “9999-Q4” không hợp lệ"),
    ("2027-Q1", "Quý I/2027 chưa bắt đầu nên chưa có số liệu"), ("2100", "Năm 2100 chưa bắt đầu"),
]


@pytest.mark.parametrize("asked, said", BAD_PERIODS, ids=[asked for asked, _ in BAD_PERIODS])
@pytest.mark.parametrize("page", ["commune", "province", "province_report"])
def test_a_period_without_figures_is_said_in_words_above_the_current_ones(province_client, plan, page, asked, said):
    commune = plan.commune
    url = {"commune": f"/communes/{commune.pk}/dashboard/", "province": f"/provinces/{commune.province_id}/dashboard/",
           "province_report": reverse("province_report", args=[commune.province_id])}[page]
    response = province_client.get(f"{url}?period={asked}&format=csv&table=ranking", follow=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page_text = response.content.decode()
    assert said in page_text and "Đang hiện số liệu kỳ hiện tại." in page_text
    assert 'id="period-picker"' in page_text


@pytest.mark.parametrize("asked, label", [("2026-M03", "Tháng 3/2026"), ("2026-H1", "6 tháng đầu năm 2026"),
                                          ("2026", "Năm 2026")])
def test_a_period_of_another_kind_is_shown_and_picked(province_client, plan, asked, label):
    """The picker offers quarters; a month (half-year, year) asked by a link shows its figures, named in the picker."""
    response = province_client.get(f"/provinces/{plan.commune.province_id}/dashboard/?period={asked}")
    assert response.status_code == 200
    assert f'<option value="{asked}" selected>{label}</option>' in response.content.decode()


@pytest.mark.parametrize("period, not_due", [(None, True), ("2026-Q3", False)], ids=["running", "past"])
@pytest.mark.parametrize("page", ["commune", "province"])
def test_a_download_says_the_on_time_rate_as_its_page_does(province_client, plan, page, period, not_due):
    """Before the period's deadline (Quý IV/2026 on 22/11/2026) the page says “chưa đến hạn”: so does its file."""
    import csv
    import io

    url = {"commune": f"/communes/{plan.commune_id}/dashboard/",
           "province": f"/provinces/{plan.commune.province_id}/dashboard/"}[page]
    query = {"period": period} if period else {}
    assert ("chưa đến hạn" in province_client.get(url, query).content.decode()) == not_due
    response = province_client.get(url, {**query, "table": "timeliness", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    column = rows[0].index("Tỷ lệ đúng hạn (%)")
    assert len(rows) > 1 and all((row[column] == "chưa đến hạn") == not_due for row in rows[1:])


def test_the_province_page_downloads_only_the_tables_it_shows(province_client, plan):
    url = f"/provinces/{plan.commune.province_id}/dashboard/"
    assert province_client.get(url, {"table": "nonsense", "format": "csv"}).status_code == 404
    page = province_client.get(url).content.decode()
    for table in ("ranking", "silent", "indicator", "timeliness", "commune_reports", "areas", "budget"):
        assert f"table={table}&format=csv" in page or table in ("silent", "indicator"), table  # linked
        assert province_client.get(url, {"table": table, "format": "csv"}).status_code == 200, table


@pytest.mark.parametrize("page", ["commune", "province"])
def test_the_budget_table_downloads_as_shown(province_client, plan, page):
    """The planned column of the test plan: 10 + 20 + 30 million VND, in each area and in the total."""
    import csv
    import io

    url = {"commune": f"/communes/{plan.commune_id}/dashboard/",
           "province": f"/provinces/{plan.commune.province_id}/dashboard/"}[page]
    html = province_client.get(url).content.decode()
    assert "table=budget&format=xlsx" in html
    response = province_client.get(url, {"table": "budget", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Theo", "Mục", "Kế hoạch (triệu đồng)"]
    assert rows[-1][1:3] == ["Tổng cộng", "60"]
    assert {row[1]: row[2] for row in rows[1:] if row[0] == "Lĩnh vực"} == {
        "Chính quyền số": "10", "Kinh tế số": "20", "Tuyên truyền, nâng cao nhận thức số": "30"}


def test_picking_a_period_keeps_the_indicator_compared(province_client, plan):
    page = province_client.get(f"/provinces/{plan.commune.province_id}/dashboard/",
                               {"indicator": "Tỷ lệ hồ sơ xử lý trực tuyến"}).content.decode()
    picker = page[page.index('id="period-picker"'):]
    picker = picker[:picker.index("</form>")]
    assert '<input type="hidden" name="indicator" value="Tỷ lệ hồ sơ xử lý trực tuyến">' in picker
