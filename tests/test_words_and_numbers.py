"""Periods, numbers and file names as a Vietnamese reader writes them, on every page and every download.

Every named URL is listed here as a page (scanned for raw period codes such as "2026-Q3") or a download (its
Content-Disposition read back with the standard library's RFC 2231 parser, its CSV opened with ";"); a new URL
without a line here fails test_every_url_is_listed, so no page or download escapes the rules.
"""

import csv
import io
import re
from datetime import date, timedelta
from decimal import Decimal
from email.message import Message
from email.utils import collapse_rfc2231_value
from html.parser import HTMLParser

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from tests.conftest import FROZEN_TODAY
from xaso.extract.model import ExtractedPlan
from xaso.jobs.models import Job
from xaso.plans.models import ImportDraft, Task
from xaso.tracking import commune_reports, services
from xaso.tracking.models import RETURNED, Evidence, IndicatorValue, TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db

RAW_PERIOD = re.compile(r"\b20\d\d-(Q|H|M)\d")
DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.\d{1,2}(?![\d])")  # "93.2", "1234.50"
VIETNAMESE_NUMBER = re.compile(r"-?\d{1,3}(\.\d{3})*(,\d+)?")  # 1.234,5
EVIDENCE_NAME = "Biên bản nghiệm thu Quý III.pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


Q3_SENT = date(2026, 10, 1)  # the commune sends Q3 inside its window (NĐ 09: due 14/09, locked from 14/10)


@pytest.fixture
def world(django_user_model):
    """A demo province in late November (two communes, a year of reports), with the things only people make:
    an evidence file, a returned report and its notification, edits with decimals, a deleted task, an import."""
    from xaso.plans.demo import generate_province
    from xaso.search.index import rebuild
    from xaso.tracking.demo import add_progress
    from xaso.tracking.reminders import send_reminders

    province, plans = generate_province("Tỉnh Minh Sơn", 2, 2026)
    add_progress(plans, FROZEN_TODAY)
    rebuild(plans)
    admin = django_user_model.objects.create_superuser("quantri", password="mat-khau-du-dai-123")
    plan = plans[0]
    commune = plan.commune
    report = TaskReport.objects.filter(task__plan=plan).order_by("-period", "id").first()
    Evidence.objects.create(report=report, file=SimpleUploadedFile("a.pdf", b"%PDF-1.4 bien ban"), name=EVIDENCE_NAME, size=17)
    TaskReport.objects.filter(task__plan=plan, state=RETURNED).update(created_by=admin)
    send_reminders(FROZEN_TODAY)
    plan.source_file.save("ke-hoach.docx", ContentFile(b"PK\x03\x04 ban goc"), save=False)
    plan.source_name = "Kế hoạch chuyển đổi số năm 2026 (bản gốc).docx"
    plan.save()
    task = plan.tasks.exclude(budget_million_vnd=None).first()
    task.budget_million_vnd = Decimal("1234.50")
    task.save()
    indicator = plan.indicators.filter(unit="%").first()
    unit = indicator.values.first().unit
    for value in (Decimal("93.25"), Decimal("95.5")):
        draft = services.save_indicator_value(user=admin, indicator=indicator, unit=unit, period_code="2026-Q4",
                                              today=FROZEN_TODAY, value=value)
    deleted = Task.objects.create(plan=plan, position=99, name="Nhiệm vụ đã xóa", deleted_at=timezone.now() - timedelta(days=1))
    import_draft = ImportDraft.objects.create(commune=commune, source_name="kh.txt", data=ExtractedPlan(source="kh.txt").to_json(),
                                              source_file=SimpleUploadedFile("kh.txt", b"Ke hoach"))
    job = Job.objects.create(kind=Job.IMPORT_DOCUMENT, owner=admin, commune=commune, source_name="ke-hoach-quet.pdf",
                             state=Job.RUNNING, done_steps=3, total_steps=15)
    from xaso.evaluation.demo import add_evaluation

    evaluation = add_evaluation(province, 2026)
    answer = evaluation.assessments.first().answers.get(component__code="1.1")
    answer.evidence_file, answer.evidence_name = SimpleUploadedFile("qd.pdf", b"%PDF-1.4"), "Quyết định kiện toàn.pdf"
    answer.save()
    sent = commune_reports.submit(user=admin, commune=commune, period_code="2026-Q3", today=Q3_SENT,
                                  confirm_pending=True)
    client = Client()
    log_in(client, admin)
    return client, {"job": job.pk, "evaluation": evaluation.pk, "evaluation_answer": answer.pk, "commune_report": sent.pk,
        "province": province.pk, "commune": commune.pk, "commune_name": commune.name, "plan": plan.pk,
        "unit": task.lead_unit_id, "task": task.pk, "indicator": indicator.pk, "report": report.pk, "value": draft.pk,
        "evidence": report.evidence.get().pk, "deleted_task": deleted.pk, "draft": import_draft.pk,
        "report_period": report.period, "text": indicator.text,
    }


# Page name → the paths that show it. Each page is read as the administrator, who may open all of them.
PAGES = {
    "home": lambda w: ["/"],
    "notifications": lambda w: ["/notifications/"],
    "api_tokens": lambda w: ["/account/api-keys/"],
    "account": lambda w: ["/account/"],
    "password_change": lambda w: ["/account/password/"],
    "second_factor_setup": lambda w: ["/login/code/setup/"],
    "search": lambda w: ["/search/?q=trien+khai", "/search/?q=so+hoa"],
    "check_upload": lambda w: ["/check/"],
    "province_detail": lambda w: [f"/provinces/{w['province']}/"],
    "national_dashboard": lambda w: ["/national/dashboard/", "/national/dashboard/?period=2026-Q4"],
    "province_dashboard": lambda w: [f"/provinces/{w['province']}/dashboard/"],
    "report_calendar": lambda w: [f"/provinces/{w['province']}/calendar/"],
    "commune_create": lambda w: [f"/provinces/{w['province']}/communes/new/"],
    "province_trash": lambda w: [f"/provinces/{w['province']}/trash/"],
    "commune_delete": lambda w: [f"/communes/{w['commune']}/delete/"],
    "commune_detail": lambda w: [f"/communes/{w['commune']}/"],
    "commune_dashboard": lambda w: [f"/communes/{w['commune']}/dashboard/"],
    "plan_detail": lambda w: [f"/plans/{w['plan']}/"],
    "plan_findings": lambda w: [f"/plans/{w['plan']}/findings/"],
    "object_history": lambda w: [f"/history/{kind}/{w[key]}/" for kind, key in (
        ("commune", "commune"), ("unit", "unit"), ("plan", "plan"), ("indicator", "indicator"), ("task", "task"),
        ("report", "report"), ("value", "value"), ("answer", "evaluation_answer"),
        ("commune_report", "commune_report"))],
    "commune_edit": lambda w: [f"/communes/{w['commune']}/edit/"],
    "unit_create": lambda w: [f"/communes/{w['commune']}/units/new/"],
    "unit_edit": lambda w: [f"/units/{w['unit']}/edit/"],
    "unit_delete": lambda w: [f"/units/{w['unit']}/delete/"],
    "plan_create": lambda w: [f"/communes/{w['commune']}/plans/new/"],
    "plan_edit": lambda w: [f"/plans/{w['plan']}/edit/"],
    "plan_delete": lambda w: [f"/plans/{w['plan']}/delete/"],
    "indicator_create": lambda w: [f"/plans/{w['plan']}/indicators/new/"],
    "indicator_edit": lambda w: [f"/indicators/{w['indicator']}/edit/"],
    "indicator_delete": lambda w: [f"/indicators/{w['indicator']}/delete/"],
    "task_create": lambda w: [f"/plans/{w['plan']}/tasks/new/"],
    "task_edit": lambda w: [f"/tasks/{w['task']}/edit/"],
    "task_delete": lambda w: [f"/tasks/{w['task']}/delete/"],
    "import_upload": lambda w: [f"/communes/{w['commune']}/import/"],
    "import_review": lambda w: [f"/imports/{w['draft']}/"],
    "job_detail": lambda w: [f"/jobs/{w['job']}/"],
    "job_status": lambda w: [f"/jobs/{w['job']}/status/"],
    "review_queue": lambda w: [f"/communes/{w['commune']}/reviews/"],
    "reopenings": lambda w: [f"/communes/{w['commune']}/reopenings/"],
    "commune_users": lambda w: [f"/communes/{w['commune']}/users/"],
    "commune_trash": lambda w: [f"/communes/{w['commune']}/trash/"],
    "unit_tasks": lambda w: [f"/units/{w['unit']}/tasks/"],
    "unit_reports": lambda w: [f"/units/{w['unit']}/reports/"],
    "report_task": lambda w: [f"/tasks/{w['task']}/report/{w['unit']}/2026-Q4/",
                              f"/tasks/{w['task']}/report/{w['unit']}/{w['report_period']}/"],
    "indicator_values": lambda w: [f"/plans/{w['plan']}/values/{w['unit']}/2026-Q4/"],
    "evaluation_home": lambda w: [f"/provinces/{w['province']}/evaluation/"],
    "evaluation_index": lambda w: [f"/evaluation/{w['evaluation']}/"],
    "evaluation_assessment": lambda w: [f"/evaluation/{w['evaluation']}/communes/{w['commune']}/"],
    "evaluation_ranking": lambda w: [f"/evaluation/{w['evaluation']}/ranking/"],
    "commune_report": lambda w: [f"/communes/{w['commune']}/province-report/2026-Q3/",
                                 f"/communes/{w['commune']}/province-report/2026-Q4/"],
}
# act on a POST or lead on (or draw a page of the user's own document as an image) (the code page, for the administrator who gave it already), or answer a machine (the load
# balancer's health probe): nothing of their own for a person to read
NOT_PAGES = {"restore", "import_discard", "import_page_image", "notification_open", "second_factor_verify", "healthz"}

# Download → (path, content type, the name the browser saves). `year` is the server's year (the province
# workbook and the draft follow today's date; the rest are frozen at FROZEN_TODAY).
DOWNLOADS = [
    ("ranking.csv", lambda w: f"/provinces/{w['province']}/dashboard/?table=ranking&format=csv", "text/csv",
     lambda w: "Xếp hạng xã Tỉnh Minh Sơn Quý IV-2026.csv"),
    ("ranking.xlsx", lambda w: f"/provinces/{w['province']}/dashboard/?table=ranking&format=xlsx", XLSX,
     lambda w: "Xếp hạng xã Tỉnh Minh Sơn Quý IV-2026.xlsx"),
    ("silent.csv", lambda w: f"/provinces/{w['province']}/dashboard/?table=silent&format=csv", "text/csv",
     lambda w: "Xã chưa gửi báo cáo Tỉnh Minh Sơn Quý IV-2026.csv"),
    ("silent.xlsx", lambda w: f"/provinces/{w['province']}/dashboard/?table=silent&format=xlsx", XLSX,
     lambda w: "Xã chưa gửi báo cáo Tỉnh Minh Sơn Quý IV-2026.xlsx"),
    ("indicator.csv", lambda w: f"/provinces/{w['province']}/dashboard/?table=indicator&format=csv&indicator={w['text']}",
     "text/csv", lambda w: "So sánh chỉ tiêu giữa các xã Tỉnh Minh Sơn Quý IV-2026.csv"),
    ("indicator.xlsx", lambda w: f"/provinces/{w['province']}/dashboard/?table=indicator&format=xlsx&indicator={w['text']}",
     XLSX, lambda w: "So sánh chỉ tiêu giữa các xã Tỉnh Minh Sơn Quý IV-2026.xlsx"),
    ("province workbook", lambda w: f"/provinces/{w['province']}/report.xlsx", XLSX,
     lambda w: "Tổng hợp CĐS các xã Tỉnh Minh Sơn Quý IV-2026.xlsx"),  # today's figures: the running quarter's
    ("areas.csv", lambda w: f"/provinces/{w['province']}/dashboard/?table=areas&format=csv", "text/csv",
     lambda w: "Điểm theo lĩnh vực và xã Tỉnh Minh Sơn Quý IV-2026.csv"),
    ("province budget.xlsx", lambda w: f"/provinces/{w['province']}/dashboard/?table=budget&format=xlsx", XLSX,
     lambda w: "Kinh phí thực hiện các xã Tỉnh Minh Sơn Quý IV-2026.xlsx"),
    ("quarter report", lambda w: f"/plans/{w['plan']}/report/?period=2026-Q3&format=docx", DOCX,
     lambda w: f"Báo cáo kết quả CĐS xã {w['commune_name']} Quý III-2026.docx"),
    ("half-year report", lambda w: f"/plans/{w['plan']}/report/?period=2026-H1&format=docx", DOCX,
     lambda w: f"Báo cáo kết quả CĐS xã {w['commune_name']} 6 tháng đầu năm 2026.docx"),
    ("year workbook", lambda w: f"/plans/{w['plan']}/report/?period=2026&format=xlsx", XLSX,
     lambda w: f"Bảng số liệu CĐS xã {w['commune_name']} Năm 2026.xlsx"),
    ("draft plan", lambda w: f"/plans/{w['plan']}/report/?kind=draft", DOCX,
     lambda w: f"Dự thảo Kế hoạch CĐS xã {w['commune_name']} năm 2027.docx"),
    ("commune reports.csv", lambda w: f"/provinces/{w['province']}/dashboard/?table=commune_reports&format=csv",
     "text/csv", lambda w: "Báo cáo của xã gửi tỉnh Tỉnh Minh Sơn Quý IV-2026.csv"),
    ("commune reports.xlsx", lambda w: f"/provinces/{w['province']}/dashboard/?table=commune_reports&format=xlsx",
     XLSX, lambda w: "Báo cáo của xã gửi tỉnh Tỉnh Minh Sơn Quý IV-2026.xlsx"),
    ("commune report as sent", lambda w: f"/commune-reports/{w['commune_report']}/document/", DOCX,
     lambda w: f"Báo cáo kết quả CĐS xã {w['commune_name']} Quý III-2026.docx"),
    ("evidence", lambda w: f"/evidence/{w['evidence']}/", "application/octet-stream", lambda w: EVIDENCE_NAME),
    ("source document", lambda w: f"/plans/{w['plan']}/source/", "application/octet-stream",
     lambda w: "Kế hoạch chuyển đổi số năm 2026 (bản gốc).docx"),
    ("evaluation index", lambda w: f"/evaluation/{w['evaluation']}/?format=xlsx", XLSX,
     lambda w: "Bộ chỉ số đánh giá xã Tỉnh Minh Sơn 2026.xlsx"),
    ("evaluation results", lambda w: f"/evaluation/{w['evaluation']}/ranking/?format=xlsx", XLSX,
     lambda w: "Kết quả đánh giá xếp hạng xã Tỉnh Minh Sơn 2026.xlsx"),
    ("evaluation report", lambda w: f"/evaluation/{w['evaluation']}/ranking/?format=docx", DOCX,
     lambda w: "Báo cáo kết quả đánh giá xếp hạng xã Tỉnh Minh Sơn 2026.docx"),
    ("evaluation report pdf", lambda w: f"/evaluation/{w['evaluation']}/ranking/?format=pdf", "application/pdf",
     lambda w: "Báo cáo kết quả đánh giá xếp hạng xã Tỉnh Minh Sơn 2026.pdf"),
    ("evaluation evidence", lambda w: f"/evaluation/evidence/{w['evaluation_answer']}/", "application/octet-stream",
     lambda w: "Quyết định kiện toàn.pdf"),
]
DOWNLOAD_URLS = {"province_report", "plan_report", "evidence_file", "plan_source", "evaluation_evidence",
                 "commune_report_file"}  # the province dashboard is a page too


def _names(patterns):
    for p in patterns:
        if isinstance(p, URLResolver):
            if p.namespace not in ("admin", "api"):
                yield from _names(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            yield p.name


def test_every_url_is_listed():
    assert set(_names(get_resolver().url_patterns)) - {"login", "logout"} == set(PAGES) | NOT_PAGES | DOWNLOAD_URLS


def read_disposition(header: str) -> tuple[str, str, str]:
    """(type, filename, filename*) as the standard library's RFC 2231 parser reads them."""
    message = Message()
    message["Content-Disposition"] = header
    params = message.get_params(header="content-disposition")
    plain = [value for key, value in params[1:] if key == "filename" and isinstance(value, str)]
    extended = [collapse_rfc2231_value(value) for key, value in params[1:] if key == "filename" and isinstance(value, tuple)]
    assert len(plain) == 1 and len(extended) == 1, header
    return params[0][0], plain[0], extended[0]


@pytest.mark.parametrize("label,path,content_type,name", DOWNLOADS, ids=[d[0] for d in DOWNLOADS])
def test_every_download_is_named_in_vietnamese_words_by_an_rfc_6266_header(world, label, path, content_type, name):
    client, w = world
    response = client.get(path(w))
    assert response.status_code == 200 and response["Content-Type"].startswith(content_type)
    kind, plain, extended = read_disposition(response["Content-Disposition"])
    assert (kind, extended) == ("attachment", name(w))
    assert plain.isascii() and re.fullmatch(r"[A-Za-z0-9-]+\.[a-z]+", plain) and plain.endswith(extended.rsplit(".")[-1])
    assert not RAW_PERIOD.search(extended) and not RAW_PERIOD.search(plain)
    assert not re.search(r"ranking|silent|download", plain + extended, re.IGNORECASE)


@pytest.mark.parametrize("name,numbers", [("ranking", ["Điểm"]), ("indicator", ["Số liệu mới nhất"]), ("silent", []),
                                          ("commune_reports", [])])
def test_the_csv_opens_as_columns_with_decimal_commas(world, name, numbers):
    """A Vietnamese-locale Excel splits on ";" and reads "63,3" as a number; the BOM keeps the diacritics."""
    client, w = world
    response = client.get(f"/provinces/{w['province']}/dashboard/", {"table": name, "format": "csv", "indicator": w["text"]})
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header, body = rows[0], rows[1:]
    assert body and all(len(row) == len(header) for row in body)
    if name != "silent":
        assert len(header) > 2 and "Xã" in header
    for column in numbers:
        cells = [row[header.index(column)] for row in body if row[header.index(column)]]
        assert cells and all(VIETNAMESE_NUMBER.fullmatch(cell) for cell in cells), cells
        assert any("," in cell for cell in cells), cells


def test_the_xlsx_keeps_numbers_as_numbers(world):
    client, w = world
    response = client.get(f"/provinces/{w['province']}/dashboard/", {"table": "ranking", "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    scores = [row[header.index("Điểm")] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert scores and all(isinstance(s, (int, float)) for s in scores)


def test_the_page_offers_the_xlsx_before_the_csv(world):
    client, w = world
    html = client.get(f"/provinces/{w['province']}/dashboard/").content.decode()
    for table in ("ranking", "silent", "indicator"):
        assert html.index(f"table={table}&format=xlsx") < html.index(f"table={table}&format=csv")


class _Text(HTMLParser):
    """What a reader sees: text outside scripts and styles (codes inside links and form values are for machines)."""

    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        for key, value in attrs:
            if key in ("title", "alt", "aria-label", "placeholder") and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return " ".join(parser.parts)


def test_no_page_shows_a_raw_period_code(world):
    client, w = world
    seen, found = 0, []
    for name, paths in PAGES.items():
        for path in paths(w):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            text = visible_text(response.content.decode())
            found += [f"{path}: …{text[max(0, m.start() - 40):m.end() + 10]}…" for m in RAW_PERIOD.finditer(text)]
            seen += len(re.findall(r"Quý (I|II|III|IV)/2026|Tháng \d{1,2}/2026|6 tháng (đầu|cuối) năm 2026", text))
    assert found == []
    assert seen > 20  # the periods are there, written as labels


def test_the_history_pages_write_numbers_the_vietnamese_way(world):
    client, w = world
    for kind, key, expected in [("task", "task", "1.234,5"), ("value", "value", "95,5")]:
        html = client.get(f"/history/{kind}/{w[key]}/").content.decode()
        table = visible_text(re.search(r"<table class=\"history\">.*?</table>", html, re.S).group(0))
        assert expected in table and not DECIMAL_POINT.search(table), table
    assert "93,25" in visible_text(client.get(f"/history/value/{w['value']}/").content.decode())
    assert IndicatorValue.objects.get(pk=w["value"]).history.count() == 2
