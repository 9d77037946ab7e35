"""`xaso import` as a user runs it: a file to JSON, a file into a commune, a folder with a summary."""

import json
import subprocess
import sys

import pytest

from xaso import demo_documents as dd
from xaso.plans.models import Commune, Plan

SCHEMA_KEYS = {"source", "commune", "province", "plan_year", "assessed_year", "signer", "prior_results", "indicators", "tasks"}


def xaso(*args, env_dir):
    import os

    env = {**os.environ, "XASO_DATA_DIR": str(env_dir)}
    return subprocess.run([sys.executable, "-m", "xaso", *args], capture_output=True, text=True, env=env)


@pytest.fixture
def plan_docx(tmp_path):
    path = tmp_path / "ke-hoach-phuc-dien.docx"
    path.write_bytes(dd.to_docx(dd.make_plan()))
    return path


def test_import_json_prints_the_schema(plan_docx, tmp_path):
    result = xaso("import", str(plan_docx), "--json", env_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == SCHEMA_KEYS
    assert (data["commune"], data["plan_year"], len(data["indicators"]), len(data["tasks"])) == ("Phúc Điền", 2027, 6, 6)
    task = data["tasks"][0]
    assert set(task) == {"group", "name", "detail", "lead", "partners", "timeline", "output", "budget_million_vnd",
                         "budget_source", "overseer", "monitor"}


@pytest.mark.parametrize("name,content", [("hong.docx", b"PK\x03\x04 broken"), ("rong.txt", b""),
                                          ("chuongtrinh.docx", b"MZ\x90\x00")])
def test_a_bad_file_exits_2_with_a_vietnamese_message(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = xaso("import", str(path), "--json", env_dir=tmp_path)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Lỗi: ") and name in result.stderr and "Traceback" not in result.stderr


@pytest.mark.django_db(transaction=True)
def test_import_into_a_commune_stores_a_draft_with_its_source(plan_docx, settings):
    from django.core.management import call_command

    call_command("import_plan", str(plan_docx), commune="Phúc Điền", province="Minh Sơn", create_commune=True)
    plan = Plan.objects.get()
    assert plan.status == Plan.DRAFT and plan.year == 2027 and plan.commune.name == "Phúc Điền"
    assert plan.indicators.count() == 6 and plan.tasks.count() == 6
    task = plan.tasks.get(name="Tập huấn kỹ năng số cho cán bộ")
    assert task.lead_unit.name == "Phòng Văn hóa - Xã hội" and task.due_date.isoformat() == "2027-03-31"
    assert plan.source_file.read() == plan_docx.read_bytes()


@pytest.mark.django_db(transaction=True)
def test_import_into_an_unknown_commune_creates_nothing(plan_docx, capsys):
    from django.core.management import call_command

    with pytest.raises(SystemExit) as exited:
        call_command("import_plan", str(plan_docx), commune="Không Có")
    assert exited.value.code == 2
    assert "--create-commune" in capsys.readouterr().err
    assert not Plan.objects.exists() and not Commune.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_import_a_folder_ends_with_a_table(tmp_path, capsys):
    from django.core.management import call_command

    folder = tmp_path / "van-ban"
    folder.mkdir()
    (folder / "a.docx").write_bytes(dd.to_docx(dd.make_plan(commune="Phúc Điền")))
    (folder / "b.md").write_text(dd.to_markdown(dd.make_plan(commune="Yên Lạc")))
    (folder / "c.docx").write_bytes(b"not a docx")
    with pytest.raises(SystemExit) as exited:
        call_command("import_plan", str(folder), create_commune=True)
    out = capsys.readouterr()
    assert exited.value.code == 1
    assert "a.docx" in out.out and "đã nhập" in out.out and "c.docx" in out.out and "lỗi" in out.out
    assert "Tổng: 2 đã nhập, 0 nhập có cảnh báo, 1 lỗi." in out.out
    assert "3/3" in out.err  # the progress bar
    assert Plan.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_folder_bar_moves_with_the_pages_a_read_reports(tmp_path, capsys, monkeypatch):
    """A read that reports its pages (as a scan's OCR does, from the budgeted child) moves the folder's bar within
    each file; a single file shows its own bar of pages."""
    from django.core.management import call_command

    from xaso.checks import reading

    from tests.jobs.burn import reads_four_pages

    monkeypatch.setattr(reading, "_read_and_check", reads_four_pages)
    folder = tmp_path / "van-ban"
    folder.mkdir()
    (folder / "a.docx").write_bytes(dd.to_docx(dd.make_plan(commune="Phúc Điền")))
    (folder / "b.docx").write_bytes(dd.to_docx(dd.make_plan(commune="Yên Lạc")))
    call_command("import_plan", str(folder), create_commune=True)
    err = capsys.readouterr().err
    for name, done in (("a.docx", 0), ("b.docx", 1)):
        for page in range(1, 5):  # the count of files done turns at the file's last page
            assert f"] {done + (page == 4)}/2 {name} trang {page}/4" in err, err
    assert "[" + "#" * 22 + "." * 8 + "] 1/2 b.docx trang 2/4" in err  # 1.5 of 2 files: three quarters of the bar
    assert err.rstrip().endswith("2/2 xong")
    single = tmp_path / "c.docx"
    single.write_bytes(dd.to_docx(dd.make_plan(commune="Tân Sơn")))
    call_command("import_plan", str(single), create_commune=True)
    assert "c.docx: trang 4/4" in capsys.readouterr().err
