"""`xaso check` as a user runs it: the exit code tells a script whether to stop."""

import json
import os
import subprocess
import sys

import pytest

from xaso import demo_documents as dd

# `xaso check` reads a file and no database: the PostgreSQL pass would run the same processes again.
pytestmark = pytest.mark.skipif(bool(os.environ.get("XASO_DATABASE_URL")),
                                reason="no database involved: runs in the SQLite pass")


def xaso_check(path, *flags, tmp_path):
    env = {**os.environ, "XASO_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "xaso", "check", str(path), *flags], capture_output=True, text=True, env=env)


def test_a_clean_document_exits_0(tmp_path):
    path = tmp_path / "sach.docx"
    path.write_bytes(dd.to_docx(dd.make_plan()))
    result = xaso_check(path, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "không thấy lỗi nào" in result.stdout


def test_a_document_with_errors_exits_1_and_prints_json(tmp_path):
    text = dd.to_markdown(dd.make_plan()).replace("Phần II. KẾ HOẠCH NĂM 2027", "Phần II. KẾ HOẠCH NĂM 2026")
    text += "\nĐã giải quyết 6129/6190 hồ sơ, đạt 99,82%.\n"
    path = tmp_path / "loi.md"
    path.write_text(text)
    result = xaso_check(path, "--json", tmp_path=tmp_path)
    assert result.returncode == 1
    findings = json.loads(result.stdout)["findings"]
    assert {f["kind"] for f in findings} == {"wrong_year", "arithmetic"}
    assert all(set(f) == {"kind", "severity", "quote", "line", "explanation"} for f in findings)


@pytest.mark.parametrize("name,content", [("hong.docx", b"PK\x03\x04 x"), ("rong.md", b""), ("anh.pdf", b"%PDF-1.4")])
def test_an_unreadable_document_exits_2(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    result = xaso_check(path, "--json", tmp_path=tmp_path)
    assert result.returncode == 2 and result.stdout == "" and result.stderr.startswith("Lỗi: ")


@pytest.mark.parametrize("content", [
    "Chỉ một câu không số, không tiêu đề.\n",
    "STT\tTên nhiệm vụ\tĐơn vị chủ trì\tThời gian\n1\tTập huấn\tPhòng VH-XH\tQuý I/2027\n",
    "1234 5678 9/0 = 100%\n",
])
def test_odd_documents_are_checked_without_crashing(tmp_path, content):
    path = tmp_path / "la.md"
    path.write_text(content)
    result = xaso_check(path, "--json", tmp_path=tmp_path)
    assert result.returncode in (0, 1) and "findings" in json.loads(result.stdout)
