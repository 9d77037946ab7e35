"""Every link a page shows opens: each role signs in, starts at the home page and follows, breadth-first, every link
(`<a href>`, `hx-get`, and GET forms submitted with what they show) to every page of the site it reaches. No link may
answer 403, 404 or 500 — a link the role may not open is a bug of the page that shows it (xaso.plans.access decides,
the `allowed_url` tag asks).

The crawler knows no page by name: pages added later are crawled as soon as some page links to them.
"""

from __future__ import annotations

import re
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from xaso.accounts.models import Membership
from xaso.plans import trash
from xaso.plans.models import Commune, Indicator, Plan, Province, Task
from xaso.tracking import reminders, services
from xaso.tracking.models import Evidence, Notification

from .conftest import FROZEN_TODAY

from tests.login import log_in

ROLES = ("admin", "national_viewer", "province_officer", "province_leader", "commune_officer", "commune_leader",
         "unit_reporter")
PASSWORD = "mat-khau-du-dai-123"
SEARCH_WORDS = "chuyển đổi số"  # what the crawler types into an empty search or filter box
NOT_FOLLOWED = ("/logout/",)  # signing out would end the crawl
STATUS_ONLY = ("/admin/", "/api/")  # Django's admin and the API's own documentation: opened, not crawled


# The crawler -----------------------------------------------------------------------------------------------------


class _Links(HTMLParser):
    """The targets a page offers a user: links, HTMX loads, and GET forms as the user would first submit them."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._form: dict | None = None
        self._select: tuple[str, list] | None = None
        self._option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "a" and "href" in a:
            self.found.append(a["href"])
        if "hx-get" in a:
            self.found.append(a["hx-get"])
        if tag == "form" and a.get("method", "get").lower() == "get":
            self._form = {"action": a.get("action", ""), "fields": [], "buttons": []}
        if self._form is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self._form["buttons"].append((a.get("name"), a.get("value", "")))
            elif kind in ("checkbox", "radio"):
                if "checked" in a and a.get("name"):
                    self._form["fields"].append((a["name"], a.get("value", "on")))
            elif a.get("name") and kind not in ("file", "reset", "button"):
                value = a.get("value", "")
                self._form["fields"].append((a["name"], value or (SEARCH_WORDS if kind in ("text", "search") else "")))
        elif tag == "button" and a.get("type", "submit").lower() == "submit":
            self._form["buttons"].append((a.get("name"), a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select = (a["name"], [])
        elif tag == "option" and self._select is not None:
            self._option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
            self._select[1].append(self._option)
        elif tag == "textarea" and a.get("name"):
            self._form["fields"].append((a["name"], ""))

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data

    def handle_endtag(self, tag):
        if tag == "option":
            self._option = None
        elif tag == "select" and self._select is not None and self._form is not None:
            name, options = self._select
            chosen = next((o for o in options if o["selected"]), options[0] if options else None)
            if chosen is not None:
                value = chosen["value"] if chosen["value"] is not None else chosen["text"].strip()
                self._form["fields"].append((name, value))
            self._select = None
        elif tag == "form" and self._form is not None:
            buttons = [b for b in self._form["buttons"] if b[0]] or [(None, "")]
            for name, value in buttons:
                fields = self._form["fields"] + ([(name, value)] if name else [])
                self.found.append(f"{self._form['action'] or '?'}{'?' if self._form['action'] else ''}{urlencode(fields)}"
                                  if fields else self._form["action"])
            self._form = None


@dataclass
class Crawl:
    opened: dict[str, int] = field(default_factory=dict)  # url → status
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0


def _inside(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver")


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def crawl(client: Client, start: str = "/") -> Crawl:
    """Open `start`, then every page it links to, breadth-first, each URL once."""
    result, began = Crawl(), time.perf_counter()
    queue, queued = deque([(start, "(trang bắt đầu)")]), {start}
    while queue:
        url, source = queue.popleft()
        response = client.get(url)
        status = response.status_code
        result.opened[url] = status
        targets: list[str] = []
        if status in (301, 302, 303, 307, 308):
            targets = [response["Location"]]
        elif status >= 400:
            result.problems.append(f"{status} {url} — liên kết trên trang {source}")
        elif (response.get("Content-Type", "").startswith("text/html") and "attachment" not in response.get(
                "Content-Disposition", "") and not url.startswith(STATUS_ONLY)):
            parser = _Links()
            parser.feed(response.content.decode())
            targets = parser.found
        if response.streaming:  # read to the end: the test client then closes the file (and only then)
            b"".join(response.streaming_content)
        for href in targets:
            href = href.strip()
            if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            target = urljoin("http://testserver" + url, href)
            if not _inside(target):
                continue  # another site (evidence links, documentation)
            target = _local(target.split("#", 1)[0])
            if target in queued or target.startswith(NOT_FOLLOWED):
                continue
            queued.add(target)
            queue.append((target, url))
    result.seconds = time.perf_counter() - began
    return result


# A realistic province ---------------------------------------------------------------------------------------------

TASKS = [  # name, lead unit, partner units, timeline
    ("Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "TT PVHCC", ("CA xã",), "Quý II–IV/{y}"),
    ("Hỗ trợ hộ kinh doanh bán hàng trên sàn thương mại điện tử", "Phòng KT", ("TT DVC",), "Quý III/{y}"),
    ("Tuyên truyền về chuyển đổi số trên hệ thống truyền thanh", "Phòng VH-XH", (), "Thường xuyên"),
    ("Hướng dẫn người dân kích hoạt tài khoản định danh điện tử", "CA xã", ("TT PVHCC",), "Quý I–IV/{y}"),
    ("Lắp đặt điểm phát Wi-Fi miễn phí tại nhà văn hóa thôn", "TT DVC", ("Phòng KT",), "Quý II/{y}"),
]
INDICATORS = [("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến", "government", "≥ 95%", "82,78%"),
              ("Số lớp phổ cập kỹ năng số cho người dân", "human_resources", "≥ 4 lớp", "2")]


def _plan(commune, year, status=Plan.ISSUED):
    plan = Plan.objects.create(commune=commune, year=year, status=status, number=f"{40 + year % 10}/KH-UBND",
                               title=f"Kế hoạch chuyển đổi số xã {commune.name} năm {year}")
    units = {u.short_name: u for u in commune.units.all()}
    for position, (text, area, target, baseline) in enumerate(INDICATORS, start=1):
        indicator = Indicator(plan=plan, position=position, area=area, text=text, baseline_text=baseline)
        indicator.apply_target(target)
        indicator.save()
    for position, (name, lead, partners, timeline) in enumerate(TASKS, start=1):
        task = Task(plan=plan, position=position, name=name, area="government", lead_unit=units[lead],
                    output="Kết quả theo kế hoạch", budget_million_vnd=15 * position)
        task.apply_timeline(timeline.format(y=year))
        task.save()
        task.partner_units.set([units[p] for p in partners])
    return plan


def _report(user, task, unit, period, day, percent, *, verdict=None, comment="", evidence=None):
    """A report through the write path: saved, then submitted and reviewed as `verdict` says (None: left a draft,
    "sent": waiting for review, True: accepted, False: returned)."""
    report = services.save_task_report(user=user, task=task, unit=unit, period_code=period, today=day,
                                       data=services.TaskReportData(status="in_progress", percent=percent,
                                                                    achievements=f"Đạt {percent}% khối lượng"))
    if evidence == "file":
        Evidence.objects.create(report=report, file=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban"),
                                name="bien-ban.pdf", size=17)
    elif evidence == "link":
        Evidence.objects.create(report=report, link="https://dichvucong.example.gov.vn/bao-cao", name="Cổng DVC")
    if verdict is not None:
        services.submit(user=user, report=report)
        if verdict != "sent":
            services.review(user=user, report=report, accept=verdict, comment=comment)
    return report


def _progress(plan, author):
    """Reports in every state, returned ones in past periods, indicator values accepted and returned."""
    tasks = list(plan.tasks.order_by("position"))
    units = {u.short_name: u for u in plan.commune.units.all()}
    centre, police, economy = units["TT PVHCC"], units["CA xã"], units["Phòng KT"]
    q = {i: (f"{plan.year}-Q{i}", date(plan.year, 3 * i, 25)) for i in range(1, 5)}
    _report(author, tasks[0], centre, *q[2], 30, verdict=True, evidence="file")
    _report(author, tasks[0], centre, *q[3], 60, verdict=False, comment="Thiếu biên bản nghiệm thu")
    _report(author, tasks[0], centre, q[4][0], FROZEN_TODAY, 80)
    _report(author, tasks[3], police, *q[1], 20, verdict=True)
    _report(author, tasks[3], police, *q[3], 60, verdict="sent", evidence="link")
    _report(author, tasks[3], centre, *q[2], 40, verdict=False, comment="Ghi rõ số tài khoản đã kích hoạt")
    returned = _report(author, tasks[1], economy, *q[3], 50, verdict=False, comment="Bổ sung danh sách hộ")
    fixed = services.save_task_report(user=author, task=tasks[1], unit=economy, period_code=returned.period,
                                      today=FROZEN_TODAY, data=services.TaskReportData(status="done", percent=100))
    services.submit(user=author, report=fixed)
    indicators = list(plan.indicators.order_by("position"))
    for indicator, unit, value, verdict in ((indicators[0], units["Phòng VH-XH"], 90, True),
                                            (indicators[1], centre, 3, False)):
        entry = services.save_indicator_value(user=author, indicator=indicator, unit=unit, period_code=q[3][0],
                                              today=q[3][1], value=value, source="Báo cáo của đơn vị")
        services.submit(user=author, report=entry)
        services.review(user=author, report=entry, accept=verdict, comment="" if verdict else "Ghi rõ nguồn")
    trash.soft_delete(tasks[4], author)


@pytest.fixture
def province(db, django_user_model, client):
    """A province with two communes; the first has last year's plan too (with a report still returned), the second
    a draft for next year; reports in every state; a document waiting in the import review; reminders sent."""
    from xaso import demo_documents

    province = Province.objects.create(name="Tỉnh Kiểm Thử")
    Province.objects.create(name="Tỉnh Bên Cạnh")
    first = Commune.objects.create(province=province, name="Yên Lập")
    second = Commune.objects.create(province=province, name="Phúc Điền")
    admin = django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    for commune in (first, second):
        _progress(_plan(commune, 2026), admin)
    last_year = _plan(first, 2025)
    _report(admin, last_year.tasks.get(position=1), first.units.get(short_name="TT PVHCC"), "2025-Q4",
            date(2025, 12, 26), 70, verdict=False, comment="Số liệu cuối năm chưa khớp")
    _plan(second, 2027, status=Plan.DRAFT)

    centre = first.units.get(short_name="TT PVHCC")
    users = {"admin": admin}
    for role, username, place in (("national_viewer", "quocgia", {}),
                                  ("province_officer", "canbo.tinh", {"province": province}),
                                  ("province_leader", "lanhdao.tinh", {"province": province}),
                                  ("commune_officer", "canbo.xa", {"commune": first}),
                                  ("commune_leader", "lanhdao.xa", {"commune": first}),
                                  ("unit_reporter", "baocao.donvi", {"unit": centre})):
        users[role] = django_user_model.objects.create_user(username, password=PASSWORD)
        Membership.objects.create(user=users[role], role="leader" if role.endswith("leader") else role, **place)
    # the reporter's own drafts and returns, so that reminders reach them
    services.save_task_report(user=users["unit_reporter"], task=first.plans.get(year=2026).tasks.get(position=1),
                              unit=centre, period_code="2026-Q4", today=FROZEN_TODAY,
                              data=services.TaskReportData(status="in_progress", percent=85))
    document = demo_documents.to_markdown(demo_documents.make_plan(year=2026)).encode()
    log_in(client, users["commune_officer"])
    assert client.post(f"/communes/{first.pk}/import/", {"document": SimpleUploadedFile("ke-hoach.md", document)}
                       ).status_code == 302
    reminders.send_reminders(FROZEN_TODAY)
    from xaso.evaluation.demo import add_evaluation

    add_evaluation(province, 2026)  # the province's commune evaluation: both communes sent, one reviewed
    for user in users.values():
        Notification.objects.get_or_create(user=user, key="welcome", defaults={
            "text": "Chào mừng bạn đến với xaso", "url": "/"})
    return users


def _signed_in(user) -> Client:
    client = Client()
    log_in(client, user)
    return client


# The tests -------------------------------------------------------------------------------------------------------


@pytest.fixture
def quick_pdf(monkeypatch):
    """A PDF link must open, not be printed again by LibreOffice for every role (7 s each; the conversion itself is
    tested in tests/reports/test_pdf_downloads.py)."""
    monkeypatch.setattr("xaso.reports.documents.to_pdf", lambda data: b"%PDF-1.7 crawl")
    monkeypatch.setattr("xaso.evaluation.views.to_pdf", lambda data: b"%PDF-1.7 crawl")


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_role_is_shown_opens(province, role, quick_pdf):
    result = crawl(_signed_in(province[role]))
    assert result.problems == [], f"{role}: {len(result.problems)} liên kết hỏng\n" + "\n".join(result.problems)
    pages = [url for url in result.opened if result.opened[url] == 200]
    print(f"{role}: {len(result.opened)} URL, {len(pages)} trang 200, {result.seconds:.1f} s")
    # the crawl reached the role's daily pages (a crawler that finds nothing would pass every check)
    reached = {urlsplit(url).path.split("/")[1] for url in pages}
    assert {"communes", "plans", "search", "notifications"} <= reached, sorted(reached)
    if role != "unit_reporter":
        assert any("/reports/" in url for url in pages), "the unit pages are linked"
    if role not in ("unit_reporter",):
        assert "evaluation" in reached, "the commune evaluation is linked (province dashboard, commune page)"
    if role in ("admin", "national_viewer"):
        assert "national" in reached, "the national dashboard is linked from the home page"
    if role in ("admin", "commune_officer", "unit_reporter", "province_officer"):
        assert any("/report/" in url and "2026-Q3" in url for url in pages), "a returned past report can be fixed"


def test_the_crawler_reports_a_link_the_role_cannot_open(province):
    """A page showing a forbidden or a made-up link fails the crawl, naming the link and the page."""
    leader = province["commune_leader"]
    centre = leader.membership.commune.units.get(short_name="TT PVHCC")
    task = centre.led_tasks.first()
    for key, url in (("forbidden", f"/units/{centre.pk}/tasks/"), ("made-up", f"/tasks/{task.pk}/report/{centre.pk}/2026-Q9/"),
                     ("gone", "/plans/999999/")):
        Notification.objects.create(user=leader, key=key, text=key, url=url)
    result = crawl(_signed_in(leader))
    assert sorted(p.split(" — ")[0] for p in result.problems) == sorted([
        f"403 /units/{centre.pk}/tasks/", f"404 /tasks/{task.pk}/report/{centre.pk}/2026-Q9/", "404 /plans/999999/"])
    # A notification opens through /notifications/<id>/, which marks it read and leads on to its link.
    assert all(re.search(r"liên kết trên trang /notifications/\d+/$", p) for p in result.problems), result.problems


def test_get_forms_are_submitted_as_shown():
    parser = _Links()
    parser.feed('<form method="get" action="/plans/3/report/"><select name="period"><option value="2026-Q1">Quý I</option>'
                '<option value="2026" selected>Cả năm</option></select><button type="submit" name="format" value="docx">'
                '</button><button name="format" value="xlsx"></button></form>'
                '<form method="get"><input type="search" name="q"><select name="i"><option>Tỷ lệ</option></select></form>'
                '<form method="post" action="/logout/"><button>Đăng xuất</button></form>')
    assert parser.found == ["/plans/3/report/?period=2026&format=docx", "/plans/3/report/?period=2026&format=xlsx",
                            "?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i+s%E1%BB%91&i=T%E1%BB%B7+l%E1%BB%87"]
