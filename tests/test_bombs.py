"""Each document that exhausted the server (issue 13), fed through what a user runs: the public check page, the
import page, the API and the commands. Each is refused with a Vietnamese message (or read whole), in bounded time
and memory; the figures are printed (pytest -s)."""

import json
import os
import subprocess
import sys
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import bombs
from tests.import_jobs import upload
from xaso import demo_documents as dd
from xaso.accounts.models import ApiToken
from xaso.checks.reading import read_and_check
from xaso.documents import DocumentError, Limits
from xaso.documents.sandbox import Budget, isolated

CPU_BOUND_S = 10  # generous on a loaded two-core CI machine: each refusal below costs well under 3 s
PEAK_BOUND_MB = 400
WALL_BOUND_S = 30

# (file name, bytes, the refusal's code or None when read whole, words of the message)
BOMBS = [
    ("nhieu-dong.docx", lambda: bombs.many_lines_docx(40_000), "too_large", "quá lớn để xử lý"),
    ("dong-trong.xlsx", bombs.empty_rows_xlsx, "too_large", "dòng (kể cả dòng trống)"),
    ("hong.xlsx", bombs.damaged_xlsx, "bad_xlsx", "bị hỏng"),
    ("rat-lon.txt", bombs.huge_text, "too_large", "quá lớn để xử lý"),
    ("utf32.md", bombs.utf32_text, None, None),
    ("utf32-khong-bom.md", lambda: bombs.utf32_text(bom=False), None, None),
    ("nhieu-dong-hop-le.docx", lambda: bombs.many_lines_docx(10_000), None, None),  # joined in linear time
]


@pytest.mark.parametrize("name,make,code,words", BOMBS, ids=[b[0] for b in BOMBS])
def test_the_check_page_refuses_each_bomb_in_bounded_time_and_memory(client, db, name, make, code, words):
    data = make()
    try:
        reading = read_and_check(data, name, Limits(), Budget(), as_plan=False)
        usage, outcome = reading.usage, "đọc được"
    except DocumentError as error:
        usage, outcome = getattr(error, "usage", None), error.code
    assert outcome == (code or "đọc được")
    started = time.monotonic()
    response = client.post(reverse("check_upload"), {"document": SimpleUploadedFile(name, data)})
    wall = time.monotonic() - started
    print(f"\n{name}: {len(data) // 1024} KB → {outcome}; worker CPU {usage.cpu_seconds:.2f} s, "
          f"peak {usage.peak_mb:.0f} MB; page {wall:.2f} s")
    page = response.content.decode()
    if code:
        assert response.status_code == 400 and words in page
    else:
        assert response.status_code == 200 and "Traceback" not in page
    assert usage.cpu_seconds < CPU_BOUND_S and wall < WALL_BOUND_S
    if usage.isolated:
        assert usage.peak_mb < PEAK_BOUND_MB


def test_a_stale_declared_size_loses_no_row():
    data = bombs.stale_dimension_xlsx(tasks=30)
    reading = read_and_check(data, "cu.xlsx", Limits(), Budget(), as_plan=True)
    assert len(reading.document.tables[0].rows) == 31  # the header and 30 tasks, not the 7 rows declared
    assert len(reading.plan.tasks) == 30


@pytest.mark.skipif(not isolated(), reason="the CPU budget needs POSIX resource limits and a fork server")
def test_past_the_cpu_budget_the_page_and_the_api_refuse_with_4xx_and_store_nothing(client, officer, commune,
                                                                                     settings, monkeypatch):
    from xaso.documents import Limits
    from xaso.plans.models import ImportDraft, Plan

    settings.READ_CPU_SECONDS = 1
    # Within readers' limits raised for the test: 30,000 lines take about 2.4 s of CPU to read and extract (an
    # import) and 4.5 s to read and check, far past the 1 s budget however fast the machine (12,000 lines, within the
    # shipped limits, came to 0.95 s once extraction got faster)
    monkeypatch.setattr("xaso.plans.importing.document_limits",
                        lambda: Limits(max_paragraphs=40_000, max_chars=2_000_000))
    data = bombs.many_lines_docx(30_000)
    started = time.monotonic()
    response = client.post(reverse("check_upload"), {"document": SimpleUploadedFile("dai.docx", data)})
    print(f"\n12,000 lines past a 1 s budget: refused in {time.monotonic() - started:.2f} s")
    assert response.status_code == 400 and "quá lớn hoặc quá phức tạp để xử lý" in response.content.decode()
    client.force_login(officer)
    page = upload(client, commune, "dai.docx", data)  # read by the import's job: its page says why
    assert "quá lớn hoặc quá phức tạp để xử lý" in page.content.decode()
    client.logout()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(officer, 'thử')}"
    api = client.post(f"/api/communes/{commune.pk}/plans/import", {"document": SimpleUploadedFile("dai.docx", data)})
    assert api.status_code == 400 and "quá lớn hoặc quá phức tạp" in api.json()["detail"]
    assert not Plan.objects.exists() and not ImportDraft.objects.exists()


def test_a_damaged_xlsx_is_refused_by_the_import_page_and_the_api(client, officer, commune):
    from xaso.plans.models import ImportDraft, Plan

    client.force_login(officer)
    page = upload(client, commune, "hong.xlsx", bombs.damaged_xlsx())
    assert "bị hỏng" in page.content.decode()
    client.logout()
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {ApiToken.issue(officer, 'thử')}"
    api = client.post(f"/api/communes/{commune.pk}/plans/import",
                      {"document": SimpleUploadedFile("hong.xlsx", bombs.damaged_xlsx())})
    assert api.status_code == 400 and "bị hỏng" in api.json()["detail"]
    big = client.post(f"/api/communes/{commune.pk}/plans/import",
                      {"document": SimpleUploadedFile("nhieu.docx", bombs.many_lines_docx(40_000))})
    assert big.status_code == 400 and "quá lớn để xử lý" in big.json()["detail"]
    assert not Plan.objects.exists() and not ImportDraft.objects.exists()


def _xaso(*args, tmp_path):
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "xaso", *args], capture_output=True, text=True, env=env, timeout=300)


def test_xaso_check_refuses_a_damaged_file_and_reads_every_row_of_a_stale_sheet(tmp_path):
    (tmp_path / "hong.xlsx").write_bytes(bombs.damaged_xlsx())
    (tmp_path / "cu.xlsx").write_bytes(bombs.stale_dimension_xlsx(tasks=30))
    check = _xaso("check", str(tmp_path / "hong.xlsx"), tmp_path=tmp_path)
    assert check.returncode == 2 and "Lỗi:" in check.stderr and "bị hỏng" in check.stderr
    assert "Traceback" not in check.stderr
    stale = _xaso("import", str(tmp_path / "cu.xlsx"), "--json", tmp_path=tmp_path)
    assert stale.returncode == 0, stale.stderr
    assert len(json.loads(stale.stdout)["tasks"]) == 30


@pytest.mark.django_db(transaction=True)
def test_xaso_import_of_a_folder_goes_on_past_a_damaged_file_and_a_bomb(tmp_path, capsys):
    from django.core.management import call_command

    from xaso.plans.models import Plan

    (tmp_path / "hong.xlsx").write_bytes(bombs.damaged_xlsx())
    (tmp_path / "nhieu-dong.docx").write_bytes(bombs.many_lines_docx(40_000))
    (tmp_path / "ke-hoach.docx").write_bytes(dd.to_docx(dd.make_plan()))
    started = time.monotonic()
    with pytest.raises(SystemExit) as exited:
        call_command("import_plan", str(tmp_path), create_commune=True)
    out = capsys.readouterr().out
    print(f"\nxaso import of the folder: {time.monotonic() - started:.2f} s\n{out}")
    assert exited.value.code == 1  # some files refused, the others imported
    lines = {line.split()[0]: line for line in out.splitlines() if line.strip()}
    assert "bị hỏng" in lines["hong.xlsx"] and "quá lớn để xử lý" in lines["nhieu-dong.docx"]
    assert "Tổng: 1 đã nhập, 0 nhập có cảnh báo, 2 lỗi." in out
    assert Plan.objects.count() == 1
