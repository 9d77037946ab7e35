import io
from datetime import date

import openpyxl
import pytest

from xaso.plans.models import Commune, Plan
from xaso.reports.documents import progress_report
from xaso.reports.workbooks import province_workbook

pytestmark = pytest.mark.django_db


def test_the_plan_workbook_lists_indicators_and_tasks_with_their_status(reported_plan):
    data = progress_report(reported_plan.commune, "2026", "xlsx", date(2026, 11, 22))[0]
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["Chỉ tiêu", "Nhiệm vụ", "Kinh phí thực hiện"]
    indicators = workbook["Chỉ tiêu"]
    assert indicators.freeze_panes == "A2" and indicators["C2"].value == "Tỷ lệ hồ sơ xử lý trực tuyến"
    assert indicators["F2"].value == 90 and indicators["F2"].number_format == "#,##0.0" and indicators["H2"].value == "Chưa đạt"
    tasks = workbook["Nhiệm vụ"]
    names = [row[2] for row in tasks.iter_rows(min_row=2, values_only=True)]
    assert "Số hóa hồ sơ thủ tục hành chính" in names and tasks.column_dimensions["C"].width == 60


def test_the_province_workbook_has_a_sheet_per_area_and_a_row_per_commune(reported_plan):
    for i in range(3):
        other = Commune.objects.create(province=reported_plan.commune.province, name=f"Xã thử {i}")
        Plan.objects.create(commune=other, year=2026, title=f"KH {i}", status=Plan.ISSUED)
    plans = list(Plan.objects.all())
    workbook = openpyxl.load_workbook(io.BytesIO(province_workbook(reported_plan.commune.province, plans, date(2026, 11, 22))))
    assert workbook.sheetnames[0] == "Tổng hợp" and "Chính quyền số" in workbook.sheetnames and len(workbook.sheetnames) == 12
    assert workbook.sheetnames[-1] == "Kinh phí thực hiện"
    overview = workbook["Tổng hợp"]
    assert overview.max_row == 5 and overview.freeze_panes == "A2"
    government = {row[0]: row for row in workbook["Chính quyền số"].iter_rows(min_row=2, values_only=True)}
    assert government["Xã Yên Lập"][3] == 1  # one government task in the test plan; the commune named with its kind
