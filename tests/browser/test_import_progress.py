"""The web import of a slow document: the job page's progress bar moves without a reload, the worker is killed
and started again in the middle, and the review page appears — the document stored once.

The slowness is the test's own (tests/slow_reading.py: the worker's read reports 12 steps of a set length, as a
scan's OCR reports its pages); nothing in xaso/ can be slowed so."""

import re
import signal
import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, has_no_horizontal_scroll
from tests.workers import start_worker, stop
from xaso import demo_documents as dd

pytestmark = pytest.mark.browser
STEP = re.compile(r"Đang đọc trang (\d+)/12 \((\d+)%\)")


def _status(page) -> tuple[int, str]:
    """The step the status block says, and its bar's value, read from one and the same block (it is swapped each
    second)."""
    text, value = page.evaluate("""() => { const s = document.getElementById('job-status');
        return [s.innerText, s.querySelector('progress')?.getAttribute('value')]; }""")
    m = STEP.search(text)
    return (int(m.group(1)) if m else -1), value


def _step(page) -> int:
    return _status(page)[0]


def test_live_progress_survives_a_worker_restart_and_ends_on_the_review(signed_in, live_server, commune, settings,
                                                                         tmp_path):
    from xaso.jobs.models import Job
    from xaso.plans.models import ImportDraft

    page = signed_in
    document = tmp_path / "ke-hoach-quet.docx"
    document.write_bytes(dd.to_docx(dd.make_plan(commune=commune.name)))
    page.goto(f"{live_server.url}/communes/{commune.pk}/import/")
    page.set_input_files("#id_document", str(document))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.locator("#job-status")).to_contain_text("Đang chờ máy xử lý…")  # no worker yet
    page.evaluate("window.sameDocument = true")  # gone if the page reloads

    first = start_worker(settings.MEDIA_ROOT, steps=12, seconds=0.8)
    try:
        expect(page.locator("#job-status")).to_contain_text(STEP, timeout=30_000)
        seen = _step(page)
        deadline = time.monotonic() + 20
        while _step(page) <= seen and time.monotonic() < deadline:
            time.sleep(0.2)
        moved, value = _status(page)
        assert moved > seen and value == str(100 * moved // 12), "the bar moved"
        assert page.evaluate("window.sameDocument === true"), "without a reload"
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    finally:
        first.kill()
    assert Job.objects.get().state == Job.RUNNING and not ImportDraft.objects.exists()

    second = start_worker(settings.MEDIA_ROOT, steps=12, seconds=0.2)
    try:
        expect(page.locator("h1")).to_contain_text("Xem lại: ke-hoach-quet.docx", timeout=60_000)
        expect(page.locator(".review-row[data-kind=task]")).to_have_count(6)
    finally:
        stop(second)
    job = Job.objects.get()
    assert (job.state, job.attempts) == (Job.DONE, 2) and ImportDraft.objects.count() == 1


def test_the_job_page_fits_a_phone(page_at, live_server, transactional_db, django_user_model, commune):
    from xaso.accounts.models import COMMUNE_OFFICER, Membership
    from xaso.jobs.models import Job

    from tests.browser.signin import submit_login

    user = django_user_model.objects.create_user("canbo.xa", password="mat-khau-du-dai-123")
    Membership.objects.create(user=user, role=COMMUNE_OFFICER, commune=commune)
    job = Job.objects.create(kind=Job.IMPORT_DOCUMENT, owner=user, commune=commune, state=Job.RUNNING,
                             source_name="Kế hoạch chuyển đổi số năm 2026 (bản quét có dấu đỏ).pdf", done_steps=3,
                             total_steps=15)
    page = submit_login(page_at(*PHONE), live_server, "canbo.xa")
    page.goto(f"{live_server.url}/jobs/{job.pk}/")
    expect(page.locator("#job-status")).to_contain_text("Đang đọc trang 3/15 (20%)")
    assert has_no_horizontal_scroll(page)


def test_a_real_scan_shows_its_pages_as_they_are_read_and_ends_on_the_review(signed_in, live_server, commune,
                                                                             settings, tmp_path):
    """No slowing here: an image-only PDF made at test time, read by Tesseract in a real worker; the job page names
    the pages as they come ("Đang đọc trang k/N"), then the review page shows what was read."""
    import shutil

    import pypdfium2

    from tests.variants import scan

    if not shutil.which("tesseract"):
        pytest.skip("Không có tesseract: cài tesseract-ocr tesseract-ocr-vie (make test cài khi chạy với quyền root).")
    pdf = scan.scan(dd.to_pdf(dd.make_plan(commune=commune.name, tasks=14, filler_paragraphs=30)), scan.VARIANTS[0])
    pages = len(pypdfium2.PdfDocument(pdf))
    assert pages >= 3
    document = tmp_path / "ke-hoach-ban-quet.pdf"
    document.write_bytes(pdf)
    page = signed_in
    page.goto(f"{live_server.url}/communes/{commune.pk}/import/")
    page.set_input_files("#id_document", str(document))
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.locator("#job-status")).to_contain_text("Đang chờ máy xử lý…")
    worker = start_worker(settings.MEDIA_ROOT)
    try:
        expect(page.locator("#job-status")).to_contain_text(re.compile(rf"Đang đọc trang \d+/{pages}"), timeout=60_000)
        expect(page.locator("h1")).to_contain_text("Xem lại: ke-hoach-ban-quet.pdf", timeout=120_000)
        expect(page.locator(".review-row[data-kind=task]")).not_to_have_count(0)
    finally:
        stop(worker)
