import os
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from xaso.tracking import services as sv


@pytest.fixture
def reported_plan(plan, officer, clock):
    """The test plan with an accepted Q3 report, an accepted indicator value, and a difficulty reported,
    all sent on 10/09/2026 (before Q3's cut-off, 14/09 by NĐ 09) and accepted then."""
    clock(date(2026, 9, 10))
    task = plan.tasks.get(name="Số hóa hồ sơ thủ tục hành chính")
    report = sv.save_task_report(user=officer, task=task, unit=task.lead_unit, period_code="2026-Q3", today=date(2026, 9, 10),
                                 data=sv.TaskReportData(status="in_progress", percent=60, difficulties="Thiếu máy quét",
                                                        proposals="Đề nghị cấp thêm 02 máy quét"))
    sv.review(user=officer, report=sv.submit(user=officer, report=report), accept=True)
    indicator = plan.indicators.get()
    value = sv.save_indicator_value(user=officer, indicator=indicator, unit=task.lead_unit, period_code="2026-Q3",
                                    today=date(2026, 9, 10), numerator=Decimal(450), denominator=Decimal(500))
    sv.review(user=officer, report=sv.submit(user=officer, report=value), accept=True)
    return plan


@pytest.fixture
def libreoffice(tmp_path):
    """LibreOffice (headless) converting a file as a commune office's copy would: `convert(source, "pdf")` returns
    the converted file's path. Skips where it is not installed, fails in CI."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        message = "Không có LibreOffice (soffice): chạy `make test` để cài gói libreoffice-writer-nogui."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

    def convert(source: Path, to: str) -> Path:
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", to,
                        "--outdir", str(source.parent), str(source)], check=True, capture_output=True, timeout=180)
        return source.with_suffix("." + to.split(":")[0])

    return convert
