import os
import subprocess
import sys

import pytest
from django.urls import reverse


def test_report_for_an_unknown_commune_exits_2(tmp_path):
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-m", "xaso", "migrate", "-v0"], env=env, check=True)
    result = subprocess.run([sys.executable, "-m", "xaso", "report", "--commune", "Không Có", "--period", "2026",
                             "-o", str(tmp_path / "x.docx")], capture_output=True, text=True, env=env)
    assert result.returncode == 2 and result.stderr.startswith("Lỗi: Không có xã")
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.django_db
def test_report_and_draft_plan_commands_write_files(reported_plan, tmp_path):
    from django.core.management import call_command

    call_command("report", commune="Yên Lập", period="2026-Q3", format="docx", output=str(tmp_path / "r.docx"))
    call_command("report", commune=str(reported_plan.commune_id), period="2026", format="xlsx", output=str(tmp_path / "r.xlsx"))
    call_command("draft_plan", commune="Yên Lập", year=2027, output=str(tmp_path / "d.docx"))
    assert all((tmp_path / n).stat().st_size > 5000 for n in ("r.docx", "r.xlsx", "d.docx"))


@pytest.mark.django_db
def test_the_download_buttons(officer_client, province_client, reported_plan):
    url = reverse("plan_report", args=[reported_plan.pk])
    docx_response = officer_client.get(url, {"period": "2026-Q3", "format": "docx"})
    assert docx_response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert officer_client.get(url, {"kind": "draft"}).status_code == 200
    bad = officer_client.get(url, {"period": "2026-Q9"})
    assert bad.status_code == 302
    xlsx = province_client.get(reverse("province_report", args=[reported_plan.commune.province_id]))
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith(".xlsx")
