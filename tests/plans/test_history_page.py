"""The first edit of a generated or imported object shows before → after, written the Vietnamese way.

Objects are made the ways the app makes them (the demo generator, a document imported with `xaso import`, a new
commune's default units), then edited through their own pages, with the form filled from what the page shows.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.conftest import FROZEN_TODAY
from xaso import demo_documents as dd
from xaso.plans.models import Commune, Indicator, Plan, Task, Unit
from xaso.tracking.models import SUBMITTED, IndicatorValue, TaskReport

from tests.login import log_in

pytestmark = pytest.mark.django_db

RAW_PERIOD = re.compile(r"\b20\d\d-(Q|H|M)\d")
DECIMAL_POINT = re.compile(r"(?<![\d.])\d+\.\d{1,2}(?![\d])")  # "93.2", "1234.50": never on a page


class _Form(HTMLParser):
    """The values a browser would send from the page's main form, as the page shows them."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea, self._in_main = {}, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self._in_main = True
        if not self._in_main:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.values.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.values[name] = attrs.get("value", "")
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form":
            self._in_main = False

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def edit_through_page(client, url, **changes):
    parser = _Form()
    parser.feed(client.get(url).content.decode())
    data = {k: (v.removeprefix("\n") if isinstance(v, str) else v) for k, v in parser.values.items()}
    response = client.post(url, {**data, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]


def history_rows(client, kind, pk):
    html = client.get(reverse("object_history", args=[kind, pk])).content.decode()
    return html, re.findall(r"<li><strong>(.*?)</strong>: <del>(.*?)</del> → <ins>(.*?)</ins></li>", html)


@pytest.fixture
def generated(django_user_model):
    """A demo province (one commune, a year of reports) and its province officer, who may edit everything."""
    from xaso.accounts.models import PROVINCE_OFFICER, Membership
    from xaso.plans.demo import generate_province
    from xaso.tracking.demo import add_progress

    province, plans = generate_province("Tỉnh Minh Sơn", 1, 2026)
    add_progress(plans, FROZEN_TODAY)
    user = django_user_model.objects.create_user("canbo.tinh", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=PROVINCE_OFFICER, province=province)
    return plans[0], user


def test_every_bulk_made_object_has_its_first_record(generated):
    plan, _ = generated
    for model in (Unit, Indicator, Task, TaskReport, IndicatorValue):
        made = set(model.objects.values_list("pk", flat=True))
        assert made and made <= set(model.history.filter(history_type="+").values_list("id", flat=True)), model.__name__
    task = plan.tasks.exclude(partner_units=None).first()
    first = task.history.earliest("history_date")
    assert first.history_type == "+" and first.history_change_reason == "Dữ liệu mẫu"
    assert {row.unit_id for row in first.partner_units.all()} == set(task.partner_units.values_list("pk", flat=True))


EDITS = [
    # (kind, the generated object, its edit page, what is typed, the lines expected: (label, before, after))
    ("commune", lambda plan: plan.commune, "commune_edit", lambda o: {"name": "Phúc Điền"},
     lambda o: [("Tên xã/phường", o.name, "Phúc Điền")]),
    ("unit", lambda plan: plan.commune.units.get(short_name="TT PVHCC"), "unit_edit", lambda o: {"short_name": "Trung tâm HCC"},
     lambda o: [("Tên viết tắt", "TT PVHCC", "Trung tâm HCC")]),
    ("plan", lambda plan: plan, "plan_edit", lambda o: {"issued_on": "05/01/2026"},
     lambda o: [("Ngày ban hành", "—", "05/01/2026")]),
    ("indicator", lambda plan: plan.indicators.filter(unit="%", target_text="100%").first(), "indicator_edit",
     lambda o: {"target_text": "≥ 96,5%"},
     lambda o: [("Chỉ tiêu (như văn bản ghi)", "100%", "≥ 96,5%"), ("Giá trị chỉ tiêu", "100", "96,5")]),
    ("task", lambda plan: plan.tasks.exclude(partner_units=None).filter(budget_million_vnd__gte=10).first(), "task_edit",
     lambda o: {"budget_million_vnd": "1.234,5"}, lambda o: [("Kinh phí (triệu đồng)", f"{o.budget_million_vnd:.0f}", "1.234,5")]),
]
REASONS = {"unit": "Đơn vị mặc định của xã", "indicator": "Dữ liệu mẫu", "task": "Dữ liệu mẫu"}


@pytest.mark.parametrize("kind,pick,page,typed,expected", EDITS, ids=[e[0] for e in EDITS])
def test_the_first_edit_of_a_generated_object_shows_before_and_after(client, generated, kind, pick, page, typed, expected):
    plan, user = generated
    log_in(client, user)
    obj = pick(plan)
    lines = expected(obj)
    edit_through_page(client, reverse(page, args=[obj.pk]), **typed(obj))
    html, rows = history_rows(client, kind, obj.pk)
    assert sorted((label.lower(), before, after) for label, before, after in rows) == sorted(
        (label.lower(), before, after) for label, before, after in lines)
    assert REASONS.get(kind, "") in html  # the first record says how the object was made
    assert not DECIMAL_POINT.search(re.search(r"<tbody>.*</tbody>", html, re.S).group(0))


def test_an_accepted_report_then_an_edit_show_only_what_people_changed(client, generated):
    """Accepting writes the task's figures outside any edit; the task's next edit lists only the budget."""
    plan, user = generated
    log_in(client, user)
    report = TaskReport.objects.filter(task__plan=plan, state=SUBMITTED).first()
    response = client.post(reverse("review_queue", args=[plan.commune_id]), {"id": report.pk, "kind": "report", "accept": "1"})
    assert response.status_code == 302
    html, rows = history_rows(client, "report", report.pk)
    assert ("Trạng thái", "Đã gửi, chờ duyệt", "Đã chấp nhận") in [(label.capitalize(), b, a) for label, b, a in rows]
    assert "Quý III/2026" in html and not RAW_PERIOD.search(html)  # the demo's last closed quarter by 22/11/2026
    task = report.task
    edit_through_page(client, reverse("task_edit", args=[task.pk]), budget_million_vnd="7,25")
    _, rows = history_rows(client, "task", task.pk)
    assert [label for label, _, _ in rows] == ["Kinh phí (triệu đồng)"] and rows[0][2] == "7,25"


def test_the_first_edit_of_an_imported_task_shows_before_and_after(client, generated, tmp_path):
    plan, user = generated
    log_in(client, user)
    source = tmp_path / "ke-hoach.docx"
    document = dd.make_plan(commune=plan.commune.name)
    document.tasks[0][2] = "Công an xã, Trạm Y tế"  # partners the commune's own units match
    source.write_bytes(dd.to_docx(document))
    call_command("import_plan", str(source), commune=plan.commune.name)
    imported = Plan.objects.exclude(pk=plan.pk).get()
    task = imported.tasks.get(position=1)
    first = task.history.get()
    assert first.history_type == "+" and first.partner_units.count() == task.partner_units.count() == 2
    edit_through_page(client, reverse("task_edit", args=[task.pk]), output="Báo cáo kết quả tập huấn")
    _, rows = history_rows(client, "task", task.pk)
    assert [(label, after) for label, _, after in rows] == [("Sản phẩm đầu ra", "Báo cáo kết quả tập huấn")]
    indicator = imported.indicators.first()
    edit_through_page(client, reverse("indicator_edit", args=[indicator.pk]), text="Tỷ lệ hộ gia đình có cáp quang")
    _, rows = history_rows(client, "indicator", indicator.pk)
    assert [(label, after) for label, _, after in rows] == [("Chỉ tiêu", "Tỷ lệ hộ gia đình có cáp quang")]


def test_a_new_communes_default_units_have_their_first_record(client, generated):
    plan, user = generated
    log_in(client, user)
    response = client.post(reverse("commune_create", args=[plan.commune.province_id]), {"name": "Xã Lạc Sơn"})
    assert response.status_code == 302
    commune = Commune.objects.get(name="Lạc Sơn")
    unit = commune.units.first()
    edit_through_page(client, reverse("unit_edit", args=[unit.pk]), name=f"{unit.name} xã Lạc Sơn")
    _, rows = history_rows(client, "unit", unit.pk)
    assert rows == [("Tên đơn vị", unit.name, f"{unit.name} xã Lạc Sơn")]


@pytest.mark.parametrize("field,value,shown", [
    ("budget_million_vnd", "1234.50", "1.234,5"), ("due_date", "2026-12-31", "31/12/2026"),
    ("recurring", True, "Có"), ("area", "economy", "Kinh tế số"), ("period", "2026-Q3", "Quý III/2026"),
    ("period", "2026-M11", "Tháng 11/2026"), ("year", 2026, "2026"), ("percent", 95, "95"),
])
def test_values_are_written_the_vietnamese_way(field, value, shown):
    from datetime import date
    from decimal import Decimal

    from xaso.plans.history_views import _display

    model = TaskReport if field in ("period", "percent") else Plan if field == "year" else Task
    typed = {"budget_million_vnd": Decimal, "due_date": date.fromisoformat}.get(field, lambda v: v)(value)
    assert _display(model._meta.get_field(field), typed) == shown
