"""The page of an import's job: its progress as the worker reports it, then on to the review, or the reason it failed."""

import threading
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso import demo_documents as dd
from xaso.checks import reading
from xaso.documents import sandbox
from xaso.jobs import services as jobs
from xaso.jobs.models import Job
from xaso.plans.models import ImportDraft

from tests.jobs.burn import burn as _burn, reads_four_pages

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state,done,total,shown", [
    (Job.QUEUED, 0, 0, "Đang chờ máy xử lý…"),
    (Job.RUNNING, 0, 0, "Đang đọc văn bản…"),
    (Job.RUNNING, 3, 15, "Đang đọc trang 3/15 (20%)"),
    (Job.RUNNING, 15, 15, "Đang đọc trang 15/15 (100%)"),
])
def test_the_status_says_how_far_the_read_is(officer_client, officer, commune, state, done, total, shown):
    job = Job.objects.create(kind=Job.IMPORT_DOCUMENT, owner=officer, commune=commune, source_name="quet.pdf",
                             state=state, done_steps=done, total_steps=total)
    for url in (reverse("job_detail", args=[job.pk]), reverse("job_status", args=[job.pk])):
        page = officer_client.get(url).content.decode()
        assert shown in page and f'hx-get="{reverse("job_status", args=[job.pk])}"' in page
        assert f'<progress value="{job.percent}" max="100">' in page


def test_a_job_no_worker_takes_says_so_after_a_minute(officer_client, officer, commune):
    job = Job.objects.create(kind=Job.IMPORT_DOCUMENT, owner=officer, commune=commune, source_name="quet.pdf")
    url = reverse("job_status", args=[job.pk])
    assert "chưa có máy xử lý nhận" not in officer_client.get(url).content.decode()
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at - timedelta(minutes=2))
    assert "chưa có máy xử lý nhận" in officer_client.get(url).content.decode()


def test_the_pages_a_read_reports_reach_the_job_page_and_it_goes_on_to_the_review(officer_client, commune,
                                                                                   monkeypatch):
    """A read that reports its pages (as OCR does) in the budgeted child: each step reaches the job's row through
    the sandbox's pipe, and the finished job sends the page on to the review."""
    seen = []
    real_progress = jobs.Claim.progress

    def watched(self, done, total):
        real_progress(self, done, total)
        seen.append(Job.objects.values_list("done_steps", "total_steps").get(pk=self.job.pk))

    monkeypatch.setattr(jobs.Claim, "progress", watched)
    monkeypatch.setattr(reading, "_read_and_check", reads_four_pages)
    posted = officer_client.post(reverse("import_upload", args=[commune.pk]),
                                 {"document": SimpleUploadedFile("ke-hoach.docx", dd.to_docx(dd.make_plan(commune=commune.name)))})
    job = Job.objects.get()
    assert posted.url == reverse("job_detail", args=[job.pk]) and job.state == Job.QUEUED
    assert "Đang chờ máy xử lý" in officer_client.get(posted.url).content.decode()
    assert jobs.work(stop=threading.Event(), drain=True) == 1
    assert seen[:4] == [(1, 4), (2, 4), (3, 4), (4, 4)]
    draft = ImportDraft.objects.get()
    status = officer_client.get(reverse("job_status", args=[job.pk]))
    assert status["HX-Redirect"] == reverse("import_review", args=[draft.pk]) and "hx-trigger" not in status.content.decode()
    assert officer_client.get(posted.url).url == reverse("import_review", args=[draft.pk])
    job.refresh_from_db()
    assert not job.source_file, "the job's copy of the upload is gone once the draft holds it"


def test_a_refused_document_shows_why_and_stops_polling(officer_client, commune):
    posted = officer_client.post(reverse("import_upload", args=[commune.pk]),
                                 {"document": SimpleUploadedFile("ghi-chu.txt", "Chỉ là một ghi chú.".encode())})
    jobs.work(stop=threading.Event(), drain=True)
    page = officer_client.get(posted.url).content.decode()
    assert "Không đọc được văn bản" in page and "không giống một kế hoạch" in page and "hx-get" not in page
    assert not ImportDraft.objects.exists() and Job.objects.get().state == Job.FAILED


def test_the_budget_grows_with_the_pages_a_read_reports():
    """1 s of CPU for a document, 1 s more a page once the read says it has 3 pages: 2 s of work passes with the
    pages reported, and is refused without."""
    budget = sandbox.Budget(cpu_seconds=1, cpu_seconds_per_page=1, max_pages=10)
    if not sandbox.isolated():
        pytest.skip("the CPU budget needs POSIX resource limits and a fork server")
    heard = []
    result, usage = sandbox.run(_burn, 2.0, True, name="quet.pdf", budget=budget, progress=lambda d, t: heard.append((d, t)))
    assert result == "xong" and heard == [(1, 3), (3, 3)] and usage.cpu_seconds >= 2
    with pytest.raises(sandbox.OverBudget):
        sandbox.run(_burn, 2.0, False, name="quet.pdf", budget=budget, progress=lambda d, t: None)
