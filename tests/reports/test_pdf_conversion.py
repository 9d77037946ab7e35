"""A generated report opened by LibreOffice (headless) and printed to PDF, as a commune office would."""

import io
from datetime import date

import pdfplumber
import pytest

from xaso.reports.documents import progress_report

pytestmark = pytest.mark.django_db


def test_libreoffice_opens_the_report_and_prints_it(reported_plan, tmp_path, libreoffice):
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(progress_report(reported_plan.commune, "2026-Q3", "docx", date(2026, 11, 22))[0])
    with pdfplumber.open(io.BytesIO(libreoffice(source, "pdf").read_bytes())) as pdf:
        assert len(pdf.pages) == 2
        first = pdf.pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first.replace("\n", " ") and "BÁO CÁO" in first


def test_libreoffice_opens_the_province_workbook(reported_plan, tmp_path, libreoffice):
    from xaso.plans.models import Plan
    from xaso.reports.workbooks import province_workbook

    source = tmp_path / "tong-hop.xlsx"
    source.write_bytes(province_workbook(reported_plan.commune.province, list(Plan.objects.all()), date(2026, 11, 22)))
    first_sheet = libreoffice(source, "csv:Text - txt - csv (StarCalc):44,34,76").read_text(encoding="utf-8")
    assert first_sheet.splitlines()[0].startswith("Xã,Điểm chung") and "Yên Lập" in first_sheet
