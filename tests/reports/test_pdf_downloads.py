"""Every .docx report also as a PDF for signing (ký số), printed by LibreOffice headless as PDF/A-2b
(xaso.reports.pdf); where LibreOffice is missing, hangs or fails, the page and the API say in Vietnamese what to
install, with no traceback."""

import io
import os
import re
import stat
import subprocess
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pdfplumber
import pypdfium2
import pytest
from django.urls import reverse

from xaso.accounts.models import ApiToken
from xaso.reports import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def soffice():
    found = pdf.find_converter()
    if not found:
        message = "Không có LibreOffice (soffice): chạy `make test` để cài gói libreoffice-writer-nogui."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _text(data: bytes) -> str:
    """Every page's text, NFC, whitespace folded, after pdfium (what browsers and signing tools build on) opened
    the file and drew each page. The text is read in reading order by position (pdfplumber): where the server's
    Times New Roman substitute lacks a stacked Vietnamese letter (Liberation 1.x lacks "Ộ"), LibreOffice draws that
    letter from a fallback font after the rest of the line, so the drawing order is not the reading order."""
    document = pypdfium2.PdfDocument(data)
    try:
        assert len(document) >= 1
        for page in document:
            bitmap = page.render(scale=0.5)
            assert bitmap.width > 0 and bitmap.height > bitmap.width  # an A4 page, portrait
    finally:
        document.close()
    with pdfplumber.open(io.BytesIO(data)) as opened:
        text = " ".join(page.extract_text() or "" for page in opened.pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _xmp_pdfa(data: bytes) -> tuple[str, str]:
    """(part, conformance) from the document catalog's XMP metadata stream."""
    with pdfplumber.open(io.BytesIO(data)) as opened:
        xmp = opened.doc.catalog["Metadata"].resolve().get_data().decode("utf-8")
    return (re.search(r"<pdfaid:part>(\d)</pdfaid:part>", xmp).group(1),
            re.search(r"<pdfaid:conformance>(\w)</pdfaid:conformance>", xmp).group(1))


def _report(client, plan, **query):
    return client.get(reverse("plan_report", args=[plan.pk]), query)


def test_the_periodic_report_is_a_pdfa_with_its_vietnamese_text(officer_client, reported_plan, soffice):
    response = _report(officer_client, reported_plan, period="2026-Q3", format="pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="bao-cao-ket-qua-CDS-xa-yen-lap-quy-III-2026.pdf"; '
        "filename*=utf-8''B%C3%A1o%20c%C3%A1o%20k%E1%BA%BFt%20qu%E1%BA%A3%20C%C4%90S%20x%C3%A3%20Y%C3%AAn%20L%E1%BA%ADp"
        "%20Qu%C3%BD%20III-2026.pdf")
    data = response.content
    assert data.startswith(b"%PDF-") and _xmp_pdfa(data) == ("2", "B") and pdf.pdfa_part(data) == 2
    text = _text(data)
    for line in ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "BÁO CÁO",
                 "Kết quả thực hiện Kế hoạch chuyển đổi số quý III/2026", "Số hóa hồ sơ thủ tục hành chính",
                 "Thiếu máy quét", "Đề nghị cấp thêm 02 máy quét", "IV. KINH PHÍ THỰC HIỆN",
                 "Tổng kinh phí theo kế hoạch: 60 triệu đồng"]:
        assert line in text, line


def test_next_years_draft_plan_is_a_pdf_too(officer_client, reported_plan, soffice):
    response = _report(officer_client, reported_plan, kind="draft", format="pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert 'filename="du-thao-ke-hoach-CDS-xa-yen-lap-nam-2027.pdf"' in response["Content-Disposition"]
    text = _text(response.content)
    assert "KẾ HOẠCH" in text and "Chuyển đổi số xã Yên Lập năm 2027" in text and pdf.pdfa_part(response.content) == 2


def test_the_api_gives_the_same_pdf(officer_client, officer, reported_plan, soffice):
    response = officer_client.get(f"/api/plans/{reported_plan.pk}/report", {"period": "2026-Q3", "format": "pdf"},
                                  HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Số hóa hồ sơ thủ tục hành chính" in _text(response.content)


def test_two_conversions_at_once_do_not_collide(reported_plan, soffice):
    from datetime import date

    from xaso.reports.documents import next_year_draft, progress_report

    sources = [progress_report(reported_plan.commune, "2026-Q3", "docx", date(2026, 11, 22))[0],
               next_year_draft(reported_plan.commune, 2027, date(2026, 11, 22))[0]]
    with ThreadPoolExecutor(2) as pool:
        printed = list(pool.map(pdf.to_pdf, sources))
    assert "BÁO CÁO" in _text(printed[0]) and "KẾ HOẠCH" in _text(printed[1])


def test_the_pdf_buttons_sit_beside_the_docx_ones(officer_client, reported_plan):
    page = officer_client.get(reverse("plan_detail", args=[reported_plan.pk])).content.decode()
    documents = re.search(r'<section class="card" id="plan-documents">.*?</section>', page, re.S).group(0)
    assert documents.count("Tải PDF báo cáo (để ký số)") == 1 and documents.count("Tải PDF dự thảo (để ký số)") == 1
    assert 'name="format" value="pdf"' in documents and "kind=draft&amp;format=pdf" in documents


def _fake(folder, script: str) -> str:
    """A `soffice` on the PATH that is not LibreOffice: a shell script standing in for a broken or hung one."""
    program = folder / "soffice"
    program.write_text("#!/bin/sh\n" + script)
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return str(program)


def _followed_message(client, response) -> str:
    assert response.status_code == 302 and response["Location"].endswith(f"/plans/{response.wsgi_request.resolver_match.kwargs['pk']}/")
    return re.sub(r"\s+", " ", client.get(response["Location"]).content.decode())


def test_without_libreoffice_the_page_and_the_api_say_what_to_install(officer_client, officer, reported_plan, tmp_path,
                                                                       monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # a PATH with no soffice on it
    page = _followed_message(officer_client, _report(officer_client, reported_plan, period="2026-Q3", format="pdf"))
    assert "Máy chủ chưa cài LibreOffice nên chưa tạo được bản PDF để ký số" in page
    assert "libreoffice-writer-nogui" in page and "Traceback" not in page
    api = officer_client.get(f"/api/plans/{reported_plan.pk}/report", {"kind": "draft", "format": "pdf"},
                             HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert api.status_code == 503 and "sudo apt-get install libreoffice-writer-nogui" in api.json()["detail"]
    assert _report(officer_client, reported_plan, period="2026-Q3", format="docx").status_code == 200  # .docx still


def test_a_conversion_that_hangs_is_killed_and_said(officer_client, officer, reported_plan, tmp_path, monkeypatch):
    pid_file = tmp_path / "pid"
    _fake(tmp_path, f"sleep 60 &\necho $! > {pid_file}\nwait\n")
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setattr(pdf, "TIMEOUT", 1)
    started = time.monotonic()
    page = _followed_message(officer_client, _report(officer_client, reported_plan, period="2026-Q3", format="pdf"))
    assert time.monotonic() - started < 20
    assert "LibreOffice không chuyển xong báo cáo sang PDF trong 1 giây" in page and "libreoffice-writer-nogui" in page
    _assert_gone(int(pid_file.read_text()))  # the whole process group: the `sleep` LibreOffice's script started too
    api = officer_client.get(f"/api/plans/{reported_plan.pk}/report", {"period": "2026-Q3", "format": "pdf"},
                             HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert api.status_code == 503 and "trong 1 giây" in api.json()["detail"]


def test_a_request_ended_while_converting_takes_libreoffice_with_it(tmp_path, monkeypatch):
    """gunicorn ends a sync worker's request past its timeout by raising SystemExit in it: LibreOffice, in its own
    process group, must not be left running."""
    pid_file = tmp_path / "pid"
    monkeypatch.setattr(subprocess.Popen, "communicate", lambda self, timeout=None: (
        time.sleep(0.5), (_ for _ in ()).throw(SystemExit(1))))
    with pytest.raises(SystemExit):
        pdf._run(["sh", "-c", f"sleep 60 & echo $! > {pid_file}; wait"], timeout=30, env=dict(os.environ))
    _assert_gone(int(pid_file.read_text()))


def _assert_gone(pid: int):
    """The process ends within 5 s (it was killed)."""
    for _ in range(50):
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail("the converter's child process is still running")


@pytest.mark.parametrize("script", ["echo 'Error: source file could not be loaded' >&2\nexit 1\n",
                                    'mkdir -p "$9" && printf "not a pdf" > "$9/bao-cao.pdf"\n'],
                         ids=["exits with an error", "writes something that is not a PDF"])
def test_a_conversion_that_fails_is_said(officer_client, officer, reported_plan, tmp_path, monkeypatch, script):
    _fake(tmp_path, script)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    page = _followed_message(officer_client, _report(officer_client, reported_plan, period="2026-Q3", format="pdf"))
    assert "LibreOffice không chuyển được báo cáo sang PDF" in page and "libreoffice-writer-nogui" in page
    api = officer_client.get(f"/api/plans/{reported_plan.pk}/report", {"period": "2026-Q3", "format": "pdf"},
                             HTTP_AUTHORIZATION=f"Bearer {ApiToken.issue(officer)}")
    assert api.status_code == 422 and "không chuyển được" in api.json()["detail"]


@pytest.mark.parametrize("data,part", [
    (b'%PDF-1.7 <x:xmpmeta><pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>', 2),
    (b'%PDF-1.7 <rdf:Description pdfaid:part="3" pdfaid:conformance="B"/>', 3),
    (b"%PDF-1.7 no metadata", None),
])
def test_the_pdfa_claim_is_read_from_the_metadata(data, part):
    assert pdf.pdfa_part(data) == part


def test_the_commands_write_the_pdf_or_say_what_to_install(reported_plan, tmp_path, monkeypatch, soffice, capsys):
    from django.core.management import call_command

    call_command("report", commune="Yên Lập", period="2026-Q3", format="pdf", output=str(tmp_path / "r.pdf"))
    call_command("draft_plan", commune="Yên Lập", year=2027, format="pdf", output=str(tmp_path / "d.pdf"))
    assert all(pdf.pdfa_part((tmp_path / n).read_bytes()) == 2 for n in ("r.pdf", "d.pdf"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(SystemExit) as exited:
        call_command("report", commune="Yên Lập", period="2026-Q3", format="pdf", output=str(tmp_path / "x.pdf"))
    assert exited.value.code == 2 and "libreoffice-writer-nogui" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
