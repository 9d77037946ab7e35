"""The commune report's page, the province dashboard's section and downloads, and the API, as each role uses them."""

import csv
import io
from datetime import date

import pytest
from django.test import Client

from xaso.accounts.models import ApiToken
from xaso.tracking import commune_reports as cr
from xaso.tracking import services
from xaso.tracking.models import ACCEPTED, RETURNED, SUBMITTED, CommuneReport


from tests.login import log_in
from tests.reports.test_pdf_downloads import soffice  # noqa: F401  (the fixture: LibreOffice, or why not)

Q3 = "2026-Q3"


pytestmark = pytest.mark.usefixtures("late_quarter_calendar")

@pytest.fixture
def waiting(plan, officer, clock, today):
    """A unit's Q3 report sent on 28/09 and not yet reviewed by the commune."""
    task = plan.tasks.get(position=1)
    clock(date(2026, 9, 28))
    report = services.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code=Q3,
                                       today=date(2026, 9, 28), submit=True,
                                       data=services.TaskReportData(status="in_progress", percent=40))
    clock(today)
    return report


def _page(plan):
    return f"/communes/{plan.commune.pk}/province-report/{Q3}/"


def test_the_officer_is_asked_to_confirm_while_unit_reports_wait(plan, officer_client, waiting):
    page = officer_client.get(_page(plan)).content.decode()
    assert "Còn 1 báo cáo, số liệu của đơn vị kỳ này đang chờ xã duyệt" in page and 'name="confirm_pending"' in page
    refused = officer_client.post(_page(plan), {"submit": ""}, follow=True).content.decode()
    assert "Hãy duyệt trước, hoặc xác nhận vẫn gửi." in refused and not CommuneReport.objects.exists()
    sent = officer_client.post(_page(plan), {"submit": "", "confirm_pending": "on"}, follow=True).content.decode()
    assert "Đã gửi báo cáo lên tỉnh." in sent and "đang chờ tỉnh duyệt" in sent
    assert CommuneReport.objects.get().pending_reviews == 1


def test_return_needs_a_comment_and_the_commune_reads_it(plan, officer, officer_client, province_client, today):
    cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    report = CommuneReport.objects.get()
    bare = province_client.post(_page(plan), {"id": report.pk, "return": "", "comment": " "}, follow=True)
    assert "Khi trả lại báo cáo, hãy ghi ý kiến để xã sửa." in bare.content.decode()
    report.refresh_from_db()
    assert report.state == SUBMITTED
    province_client.post(_page(plan), {"id": report.pk, "return": "", "comment": "Bổ sung số liệu dịch vụ công"})
    report.refresh_from_db()
    assert report.state == RETURNED
    commune_page = officer_client.get(f"/communes/{plan.commune.pk}/").content.decode()
    assert "Bị trả lại" in commune_page and "Bổ sung số liệu dịch vụ công" in commune_page
    stale = province_client.post(_page(plan), {"id": report.pk, "accept": ""}, follow=True).content.decode()
    assert "đã được xử lý (có thể bởi cán bộ khác)" in stale


def test_each_side_acts_only_on_its_own_step(plan, officer, officer_client, province_client, today):
    assert province_client.post(_page(plan), {"submit": ""}).status_code == 403
    cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    report = CommuneReport.objects.get()
    assert officer_client.post(_page(plan), {"id": report.pk, "accept": ""}).status_code == 403
    assert 'name="accept"' not in officer_client.get(_page(plan)).content.decode()
    assert 'name="submit"' not in province_client.get(_page(plan)).content.decode()
    assert 'name="accept"' in province_client.get(_page(plan)).content.decode()


def test_the_province_dashboard_counts_states_and_exports_them(plan, officer, province_officer, province_client, today,
                                                                clock):
    clock(today)
    report = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    cr.review(user=province_officer, report=report, accept=True)
    dashboard = province_client.get(f"/provinces/{plan.commune.province_id}/dashboard/", {"period": Q3}).content.decode()
    assert "Đã chấp nhận: 1" in dashboard and "Chưa bắt đầu: 0" in dashboard
    response = province_client.get(f"/provinces/{plan.commune.province_id}/dashboard/",
                                    {"period": Q3, "table": "commune_reports", "format": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Xã", "Trạng thái báo cáo gửi tỉnh", "Lần gửi", "Ngày gửi", "Hạn gửi", "Ý kiến của tỉnh", "Thời hạn"]
    assert rows[1] == ["Xã Yên Lập", "Đã chấp nhận", "1", "22/11/2026", "30/09/2026", "", "Gửi muộn"]


def test_the_document_downloaded_is_the_one_sent(plan, officer, officer_client, today):
    report = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    response = officer_client.get(f"/commune-reports/{report.pk}/document/")
    assert response.status_code == 200 and b"".join(response.streaming_content if response.streaming else
                                                     [response.content]) == bytes(report.document)


def _api(user):
    client = Client()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(user)}"
    return client


def test_the_api_sends_reviews_and_answers_409_and_422_in_vietnamese(plan, officer, province_officer, waiting):
    commune_api, province_api = _api(officer), _api(province_officer)
    path = f"/api/communes/{plan.commune.pk}/commune-reports"
    pending = commune_api.post(path, {"period": Q3}, content_type="application/json")
    assert pending.status_code == 409 and pending.json()["code"] == "pending_reviews"
    bad = commune_api.post(path, {"period": "2026-Q9"}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"] == "Dữ liệu gửi lên không hợp lệ."
    sent = commune_api.post(path, {"period": Q3, "confirm_pending": True}, content_type="application/json")
    assert sent.status_code == 200 and sent.json()["state"] == SUBMITTED and sent.json()["pending_reviews"] == 1
    pk = sent.json()["id"]
    assert sent.json()["figures"]["as_of"] == "2026-09-30"
    assert commune_api.post(f"/api/commune-reports/{pk}/review", {"accept": True},
                            content_type="application/json").status_code == 403
    bare = province_api.post(f"/api/commune-reports/{pk}/review", {"accept": False}, content_type="application/json")
    assert bare.status_code == 422 and bare.json()["detail"] == "Khi trả lại báo cáo, hãy ghi ý kiến để xã sửa."
    done = province_api.post(f"/api/commune-reports/{pk}/review", {"accept": True}, content_type="application/json")
    assert done.status_code == 200 and done.json()["state"] == ACCEPTED
    stale = province_api.post(f"/api/commune-reports/{pk}/review", {"accept": True}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "already_reviewed"
    document = province_api.get(f"/api/commune-reports/{pk}/document")
    assert document.status_code == 200 and document.content == bytes(CommuneReport.objects.get(pk=pk).document)
    listed = province_api.get("/api/commune-reports", {"commune": plan.commune.pk}).json()
    assert [(row["id"], row["state"]) for row in listed["items"]] == [(pk, ACCEPTED)]


def test_history_and_second_version_download_and_the_unit_reporter_reads_neither(plan, officer, province_officer,
                                                                                 officer_client, today,
                                                                                 django_user_model, client):
    from xaso.accounts.models import UNIT_REPORTER, Membership
    from xaso.downloads import content_disposition

    first = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    cr.review(user=province_officer, report=first, accept=False, comment="Thiếu phụ lục")
    second = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    history = officer_client.get(f"/history/commune_report/{first.pk}/").content.decode()
    assert "Bị trả lại" in history and "Thiếu phụ lục" in history
    response = officer_client.get(f"/commune-reports/{second.pk}/document/")
    assert response["Content-Disposition"] == content_disposition(
        "Báo cáo kết quả CĐS xã Yên Lập Quý III-2026 (lần 2).docx")
    reporter = django_user_model.objects.create_user("donvi", password="mat-khau-du-dai-123")
    unit = plan.commune.units.get(short_name="TT PVHCC")
    Membership.objects.create(user=reporter, role=UNIT_REPORTER, commune=plan.commune, unit=unit)
    client.force_login(reporter)
    assert client.get(f"/history/commune_report/{first.pk}/").status_code == 403
    assert client.get(_page(plan)).status_code == 403
    assert client.get(f"/commune-reports/{second.pk}/document/").status_code == 403
    assert client.get(f"/history/task/{plan.tasks.first().pk}/").status_code == 200  # the commune's other history: yes
    assert 'id="province-reports"' not in client.get(f"/communes/{plan.commune.pk}/").content.decode()


@pytest.mark.parametrize("role,place", [("leader", "commune"), ("leader", "province"), ("national_viewer", None)])
def test_leaders_and_the_national_viewer_read_without_acting(plan, officer, today, django_user_model, role, place):
    from xaso.accounts.models import Membership
    
    report = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    reader = django_user_model.objects.create_user("nguoi.xem", password="mat-khau-du-dai-123")
    where = {"commune": {"commune": plan.commune}, "province": {"province": plan.commune.province}, None: {}}[place]
    Membership.objects.create(user=reader, role=role, **where)
    client = log_in(Client(), reader)
    page = client.get(_page(plan)).content.decode()
    assert "Đã gửi" in page and "<form" not in page.split('id="commune-report-state"')[1]
    assert client.get(f"/commune-reports/{report.pk}/document/").status_code == 200
    assert client.post(_page(plan), {"submit": ""}).status_code == 403
    assert client.post(_page(plan), {"id": report.pk, "accept": ""}).status_code == 403
    report.refresh_from_db()
    assert report.state == SUBMITTED


def test_the_document_as_sent_prints_to_pdf_or_says_what_to_install(plan, officer, officer_client, province_officer,
                                                                     today, soffice, tmp_path, monkeypatch):
    from xaso.downloads import content_disposition
    from xaso.reports.pdf import pdfa_part

    report = cr.submit(user=officer, commune=plan.commune, period_code=Q3, today=today)
    printed = officer_client.get(f"/commune-reports/{report.pk}/document/", {"format": "pdf"})
    assert printed.status_code == 200 and printed["Content-Type"] == "application/pdf"
    assert printed["Content-Disposition"] == content_disposition("Báo cáo kết quả CĐS xã Yên Lập Quý III-2026.pdf")
    assert printed.content.startswith(b"%PDF") and pdfa_part(printed.content) in (2, None)

    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    missing = officer_client.get(f"/commune-reports/{report.pk}/document/", {"format": "pdf"}, follow=True)
    assert "Máy chủ chưa cài LibreOffice" in missing.content.decode() and missing.redirect_chain[-1][0] == _page(plan)
    api = _api(province_officer).get(f"/api/commune-reports/{report.pk}/document", {"format": "pdf"})
    assert api.status_code == 503 and "libreoffice-writer-nogui" in api.json()["detail"]
