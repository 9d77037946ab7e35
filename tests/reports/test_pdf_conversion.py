"""A generated report opened by LibreOffice (headless) and printed to PDF, as a commune office would."""

import io
import os
import shutil
import subprocess
from datetime import date

import pdfplumber
import pytest

from xaso.reports.documents import progress_report

pytestmark = pytest.mark.django_db


def test_libreoffice_opens_the_report_and_prints_it(reported_plan, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        message = "Không có LibreOffice (soffice): chạy `make test` để cài gói libreoffice-writer-nogui."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(progress_report(reported_plan.commune, "2026-Q3", "docx", date(2026, 11, 22))[0])
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    with pdfplumber.open(io.BytesIO((tmp_path / "bao-cao.pdf").read_bytes())) as pdf:
        assert len(pdf.pages) == 2
        first = pdf.pages[0].extract_text()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first.replace("\n", " ") and "BÁO CÁO" in first


def test_libreoffice_opens_the_province_workbook(reported_plan, tmp_path):
    from xaso.plans.models import Plan
    from xaso.reports.workbooks import province_workbook

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        if os.environ.get("CI"):
            pytest.fail("Không có LibreOffice (soffice).")
        pytest.skip("Không có LibreOffice (soffice).")
    source = tmp_path / "tong-hop.xlsx"
    source.write_bytes(province_workbook(reported_plan.commune.province, list(Plan.objects.all()), date(2026, 11, 22)))
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76",
                    "--outdir", str(tmp_path), str(source)], check=True, capture_output=True, timeout=180)
    first_sheet = (tmp_path / "tong-hop.csv").read_text(encoding="utf-8")
    assert first_sheet.splitlines()[0].startswith("Xã,Điểm chung") and "Yên Lập" in first_sheet
