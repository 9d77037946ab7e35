"""The periodic .docx and the .xlsx carry "Kinh phí thực hiện": planned, spent in the period and to its end, by area
and by source (xaso.tracking.budget), numbers written the Vietnamese way."""

import io
from datetime import date
from decimal import Decimal

import docx
import openpyxl
import pytest

from xaso.plans.models import Plan
from xaso.reports.documents import progress_report
from xaso.reports.workbooks import province_workbook
from xaso.tracking import services as sv

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _plain_calendar(plain_calendar):
    """These figures are pinned on calendar quarters."""
TODAY = date(2026, 11, 22)


@pytest.fixture
def spent_plan(reported_plan, officer, clock):
    """The test plan, its reported task paid by the commune's budget, 1.234,5 million spent in Q3 and 100 in Q4."""
    task = reported_plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    reported_plan.tasks.filter(pk=task.pk).update(budget_source="Ngân sách xã")
    for period, day, spent in (("2026-Q3", date(2026, 9, 29), Decimal("1234.5")), ("2026-Q4", TODAY, Decimal(100))):
        clock(day)
        report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code=period, today=day,
                                     submit=True, data=sv.TaskReportData(status="in_progress", percent=70,
                                                                         spent_million_vnd=spent, spent_source="commune"))
        sv.review(user=officer, report=report, accept=True)
    return reported_plan


def _rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_the_periodic_report_has_a_budget_section(spent_plan):
    document = docx.Document(io.BytesIO(progress_report(spent_plan.commune, "2026-Q3", "docx", TODAY)[0]))
    text = [p.text for p in document.paragraphs]
    assert "IV. KINH PHÍ THỰC HIỆN" in text and "V. KHÓ KHĂN, VƯỚNG MẮC" in text
    assert ("Tổng kinh phí theo kế hoạch: 60 triệu đồng. Kinh phí đã chi trong quý III/2026: 1.234,5 triệu đồng; "
            "lũy kế đến hết quý III/2026: 1.234,5 triệu đồng (đạt 2.057,5% kế hoạch).") in text
    by_area, by_source = [t for t in document.tables if t.rows[0].cells[1].text in ("Lĩnh vực", "Nguồn kinh phí")]
    assert _rows(by_area) == [
        ["TT", "Lĩnh vực", "Kế hoạch", "Đã chi trong kỳ", "Lũy kế đã chi"],
        ["1", "Chính quyền số", "10", "1.234,5", "1.234,5"],
        ["2", "Kinh tế số", "20", "0", "0"],
        ["3", "Tuyên truyền, nâng cao nhận thức số", "30", "0", "0"],
        ["", "Tổng cộng", "60", "1.234,5", "1.234,5"],
    ]
    assert _rows(by_source)[1:] == [["1", "Ngân sách xã", "10", "1.234,5", "1.234,5"],
                                    ["2", "Không xác định", "50", "0", "0"],
                                    ["", "Tổng cộng", "60", "1.234,5", "1.234,5"]]


def test_the_year_report_sums_the_quarters(spent_plan):
    document = docx.Document(io.BytesIO(progress_report(spent_plan.commune, "2026", "docx", TODAY)[0]))
    assert any(p.text.startswith("Tổng kinh phí theo kế hoạch: 60 triệu đồng. Kinh phí đã chi trong năm 2026: "
                                 "1.334,5 triệu đồng") for p in document.paragraphs)


def test_a_plan_without_money_says_so(reported_plan):
    reported_plan.tasks.update(budget_million_vnd=None)
    document = docx.Document(io.BytesIO(progress_report(reported_plan.commune, "2026-Q3", "docx", TODAY)[0]))
    assert "Kế hoạch chưa ghi kinh phí; các đơn vị chưa báo cáo kinh phí đã chi." in [p.text for p in document.paragraphs]
    assert not [t for t in document.tables if t.rows[0].cells[1].text in ("Lĩnh vực", "Nguồn kinh phí")]


def test_the_workbooks_have_a_budget_sheet(spent_plan):
    workbook = openpyxl.load_workbook(io.BytesIO(progress_report(spent_plan.commune, "2026-Q4", "xlsx", TODAY)[0]))
    sheet = workbook["Kinh phí thực hiện"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Nhóm", "Lĩnh vực / nguồn", "Kế hoạch (triệu đồng)", "Đã chi trong quý IV/2026 (triệu đồng)",
                       "Lũy kế đã chi (triệu đồng)", "Tỷ lệ đã chi (%)")
    assert ("Theo lĩnh vực", "Chính quyền số", 10, 100, 1334.5, 13345) in rows
    assert ("Theo nguồn kinh phí", "Ngân sách xã", 10, 100, 1334.5, 13345) in rows
    assert sheet["E2"].number_format == "#,##0.0" and sheet.freeze_panes == "A2"
    province = openpyxl.load_workbook(io.BytesIO(province_workbook(spent_plan.commune.province, list(Plan.objects.all()),
                                                                   TODAY)))
    assert ("Theo nguồn kinh phí", "Tổng cộng", 60, 100, 1334.5, 2224.2) in list(
        province["Kinh phí thực hiện"].iter_rows(values_only=True))
