"""The commune dashboard's long tables are written in Python (xaso.tracking.table_rows): the same HTML, character for
character, as the template loops that wrote them before, and what users typed stays text, never markup.

REFERENCE holds those loops as the template had them; each test renders them beside the Python rows over generated
plans (`xaso demo-data`, quarterly reports, some late, returned or waiting) and over the edge cases a generated plan
does not have (no lead unit, no deadline, no value, a value in %, nothing overdue, an empty plan)."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.template import engines
from django.urls import reverse

from tests.conftest import FROZEN_TODAY
from xaso.core.periods import parse_period
from xaso.plans.models import Indicator, Plan, Task
from xaso.tracking import calendars, table_rows
from xaso.tracking.budget import plan_budget
from xaso.tracking.figures import PlanFigures, plan_figures

pytestmark = pytest.mark.django_db

# The loops of tracking/commune_dashboard.html and tracking/_budget.html before the rows moved to Python (the share
# spent since written with one decimal, as the total is).
REFERENCE = {
    "tasks": """{% load xaso_tags %}{% for row in f.tasks %}<tr data-task="{{ row.task.pk }}"><td data-label="Nhiệm vụ">{{ row.task.name }}</td><td data-label="Chủ trì">{{ row.task.lead_label|default:"—" }}</td>
<td data-label="Thời hạn">{{ row.task.timeline_text|default:"—" }}{% if row.task.due_date %}<div class="muted small">hạn {{ row.task.due_date|date:"d/m/Y" }}</div>{% endif %}</td>
<td data-label="Tình trạng" class="status"><span class="badge status-{{ row.status.code }}">{{ row.status.label }}</span>{% if row.status.days_late %} <span class="days-late small">trễ {{ row.status.days_late }} ngày</span>{% endif %}</td>
<td data-label="Tỷ lệ hoàn thành" class="num percent">{% if row.reported %}{{ row.percent|vn_number }}%{% else %}—{% endif %}</td>
<td data-label="Điểm" class="num score">{{ row.score|vn_number:1 }}</td></tr>
{% empty %}<tr><td colspan="6">Kế hoạch chưa có nhiệm vụ.</td></tr>{% endfor %}""",
    "overdue": """{% load xaso_tags %}{% for row in f.overdue %}<tr><td data-label="Nhiệm vụ">{{ row.task.name }}</td><td data-label="Chủ trì">{{ row.task.lead_label|default:"—" }}</td>
<td data-label="Thời hạn">{{ row.task.timeline_text|default:"—" }}</td>
<td data-label="Tình trạng">{{ row.status.label }}{% if row.status.days_late %}: trễ {{ row.status.days_late }} ngày{% endif %}</td></tr>
{% empty %}<tr><td colspan="4">Không có nhiệm vụ quá hạn.</td></tr>{% endfor %}""",
    "indicators": """{% load xaso_tags %}{% for row in f.indicators %}<tr><td data-label="Chỉ tiêu">{{ row.indicator.text }}</td><td data-label="Nền">{{ row.indicator.baseline_text|default:"—" }}</td>
<td data-label="Mới nhất">{% if row.value is not None %}{{ row.value|vn_number }}{% if row.indicator.unit == "%" %}%{% endif %} <span class="muted small">({{ row.period|period_label }})</span>{% else %}—{% endif %}</td>
<td data-label="Chỉ tiêu">{{ row.indicator.target_text|default:"—" }}</td><td data-label="Đánh giá"><span class="badge ind-{{ row.status }}">{{ row.label }}</span></td></tr>
{% endfor %}""",
    "areas": """{% load xaso_tags %}{% for code, label, score, n in f.by_area %}<tr><td data-label="Lĩnh vực">{{ label }}</td><td data-label="Điểm" class="num">{{ score|vn_number:1|default:"—" }}</td><td data-label="Số mục" class="num">{{ n }}</td></tr>{% endfor %}""",
    "chart": """{% for code, label, score, n in f.by_area %}{{ label }}{% if not forloop.last %}|{% endif %}{% endfor %}#{% for code, label, score, n in f.by_area %}{{ score|default_if_none:0|stringformat:'.1f' }}{% if not forloop.last %}|{% endif %}{% endfor %}""",
    "budget": """{% load xaso_tags %}{% for id, head, lines in budget.sections %}{% for line in lines %}<tr data-code="{{ line.code }}"><td data-label="{{ head }}">{{ line.label }}</td><td data-label="Kế hoạch" class="num">{{ line.planned|vn_number }}</td><td data-label="Đã chi trong kỳ" class="num">{{ line.spent_period|vn_number }}</td><td data-label="Lũy kế đã chi" class="num">{{ line.spent_to_date|vn_number }}</td><td data-label="Tỷ lệ đã chi (%)" class="num">{% if line.share is not None %}{{ line.share|vn_number:1 }}{% else %}—{% endif %}</td></tr>{% endfor %}#{% endfor %}""",
}


def _reference(name: str, **context) -> str:
    return engines["django"].from_string(REFERENCE[name]).render(context)


def _python(figures: PlanFigures, budget) -> dict[str, str]:
    return {
        "tasks": table_rows.task_figures(figures.tasks), "overdue": table_rows.overdue(figures.overdue),
        "indicators": table_rows.indicator_progress(figures.indicators),
        "areas": table_rows.area_scores(figures.by_area()), "chart": "#".join(table_rows.area_chart(figures.by_area())),
        "budget": "".join(table_rows.budget_lines(head, lines) + "#" for _, head, lines in budget.sections)}


def _assert_same(plan, day, period=None):
    calendar = calendars.calendar_for(plan)
    figures = plan_figures(plan, day, period, calendar=calendar)
    budget = plan_budget(plan, day, period or calendar.period_in_year(day, plan.report_cadence, plan.year),
                         calendar=calendar)
    for name, html in _python(figures, budget).items():
        assert html == _reference(name, f=figures, budget=budget), (plan.commune.name, period, name)
    return figures


@pytest.fixture
def generated(generated_plans):
    return generated_plans(3)


def test_the_rows_of_generated_plans_are_what_the_template_wrote(generated):
    seen = {"late": 0, "reported": 0, "no value": 0, "overdue": 0, "spent": 0}
    for plan in generated:
        for code in (None, "2026-Q1", "2026-Q2", "2026-H1", "2026-Q3"):
            figures = _assert_same(plan, FROZEN_TODAY, parse_period(code) if code else None)
            seen["late"] += sum(1 for row in figures.tasks if row.status.days_late)
            seen["reported"] += sum(1 for row in figures.tasks if row.reported)
            seen["no value"] += sum(1 for row in figures.indicators if row.value is None)
            seen["overdue"] += len(figures.overdue)
        seen["spent"] += sum(line.spent_to_date > 0 for line in plan_budget(
            plan, FROZEN_TODAY, parse_period("2026-Q4")).by_area)
    assert all(seen.values()), seen  # each branch of the rows was written at least once


def test_the_rows_of_the_cases_a_generated_plan_lacks_are_what_the_template_wrote(plan):
    Task.objects.create(plan=plan, position=9, name="Không chủ trì, không thời hạn", area="society")
    Task.objects.create(plan=plan, position=10, name="Đã quá hạn", area="economy", due_date=date(2026, 3, 31),
                        budget_million_vnd=Decimal("12.5"), budget_source="Ngân sách xã")
    percent = Indicator(plan=plan, position=2, area="economy", text="Tỷ lệ hộ dùng ví điện tử", unit="%",
                        latest_value=Decimal("47.5"), latest_period="2026-Q3")
    percent.apply_target("≥ 60%")
    percent.save()
    Indicator.objects.create(plan=plan, position=3, area="society", text="Số điểm wifi công cộng", baseline_text="",
                             latest_value=Decimal(12), latest_period="2026-M10")
    _assert_same(plan, FROZEN_TODAY)
    _assert_same(plan, date(2026, 1, 5))  # nothing overdue, nothing reported yet
    empty = Plan.objects.create(commune=plan.commune, year=2027, title="Kế hoạch năm 2027")
    figures = _assert_same(empty, FROZEN_TODAY)
    assert table_rows.task_figures(figures.tasks) == '<tr><td colspan="6">Kế hoạch chưa có nhiệm vụ.</td></tr>'


def test_the_commune_dashboard_writes_what_users_typed_as_text(officer_client, plan):
    """A task's name, a unit's name, an indicator's words and a task's timeline are text in every table they are
    shown in, never markup."""
    unit = plan.commune.units.get(short_name="TT PVHCC")
    unit.short_name = '<b onclick="x()">TT & PV</b>'
    unit.save()
    plan.tasks.filter(position=1).update(name="<script>alert(1)</script> Số hóa", timeline_text="<i>Quý II</i>",
                                         start_date=None, due_date=date(2026, 3, 31))
    plan.indicators.update(text="<u>Tỷ lệ</u>", baseline_text="<s>82%</s>", target_text="<i>≥ 95%</i>",
                           latest_value=Decimal(90), latest_period="2026-Q3")
    page = officer_client.get(reverse("commune_dashboard", args=[plan.commune_id])).content.decode()
    assert not re.search(r"<(script|b|i|u|s)[ >]", page.split("<main>", 1)[1].split("<script src=")[0]), "markup"
    tables = {name: page[page.index(f'id="{name}"'):][:page[page.index(f'id="{name}"'):].index("</table>")]
              for name in ("task-figures", "overdue", "indicator-progress", "timeliness")}
    for name in ("task-figures", "overdue"):
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Số hóa" in tables[name], name
        assert "&lt;b onclick=&quot;x()&quot;&gt;TT &amp; PV&lt;/b&gt;" in tables[name], name
        assert "&lt;i&gt;Quý II&lt;/i&gt;" in tables[name], name
    assert "&lt;b onclick=&quot;x()&quot;&gt;TT &amp; PV&lt;/b&gt;" in tables["timeliness"]
    for text in ("&lt;u&gt;Tỷ lệ&lt;/u&gt;", "&lt;s&gt;82%&lt;/s&gt;", "&lt;i&gt;≥ 95%&lt;/i&gt;"):
        assert text in tables["indicator-progress"], text
