"""A job survives its worker: `xaso worker` processes started for real, one killed with SIGKILL in the middle of a
read, another taking the job over once the lease runs out — the plan stored exactly once, nothing half-written.
Runs on SQLite and, under scripts/with-postgres, on PostgreSQL (the worker reaches the test database by URL)."""

import signal
import time
from pathlib import Path

import pytest

from xaso import demo_documents as dd
from xaso.jobs import services as jobs
from xaso.jobs.models import Job
from xaso.plans.models import ImportDraft

from tests import workers

pytestmark = pytest.mark.django_db(transaction=True)


def start_worker(settings, *, steps: int, seconds: float):
    return workers.start_worker(settings.MEDIA_ROOT, steps=steps, seconds=seconds)


def wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(0.1)
    raise AssertionError(f"no {what} within {seconds} s")


def test_a_job_whose_worker_is_killed_is_finished_once_by_the_next(settings, officer, commune):
    job = jobs.enqueue(Job.IMPORT_DOCUMENT, officer, commune=commune, name="ke-hoach.docx",
                       data=dd.to_docx(dd.make_plan(commune=commune.name)))
    first = start_worker(settings, steps=20, seconds=0.5)
    try:
        wait_for(lambda: Job.objects.filter(pk=job.pk, done_steps__gte=2).exists(), 60, "progress from the first worker")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        job.refresh_from_db()
        assert (job.state, job.attempts, job.total_steps) == (Job.RUNNING, 1, 20)
        assert not ImportDraft.objects.exists(), "nothing stored by the killed worker"
    finally:
        first.kill()
    second = start_worker(settings, steps=3, seconds=0.2)
    try:
        wait_for(lambda: Job.objects.filter(pk=job.pk, state=Job.DONE).exists(), 90, "the job done by the second worker")
        second.send_signal(signal.SIGTERM)  # stops between jobs, cleanly
        assert second.wait(30) == 0, second.stdout.read()
    finally:
        second.kill()
    job.refresh_from_db()
    draft = ImportDraft.objects.get()  # exactly one
    assert job.attempts == 2 and job.result == {"draft": draft.pk} and job.error == ""
    assert len(draft.data["tasks"]) == 6 and draft.commune == commune  # the sample plan's six tasks, read whole
    stored = sorted(p.relative_to(settings.MEDIA_ROOT).parts[0] for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    assert stored == ["imports"], "the draft's copy of the file, the job's own input removed"


def test_a_worker_that_lost_its_claim_stores_nothing(settings, officer, commune):
    """A worker thought dead (no heartbeat for the lease) but alive after all: its late result is dropped, the
    result of the worker that took the job over is the one kept."""
    job = jobs.enqueue(Job.IMPORT_DOCUMENT, officer, commune=commune, name="ke-hoach.txt", data=b"Ke hoach")
    stale, stale_token = jobs.claim()
    Job.objects.filter(pk=job.pk).update(heartbeat_at=job.created_at.replace(year=2000))
    taken, token = jobs.claim()
    assert taken.pk == job.pk and token != stale_token and taken.attempts == 2
    with pytest.raises(jobs.LostClaim):
        jobs.Claim(stale, stale_token).finish(lambda: {"draft": ImportDraft.objects.create(
            commune=commune, source_name="x", data={}, source_file="imports/x").pk})
    assert not ImportDraft.objects.exists(), "rolled back with the lost claim"
    jobs.Claim(taken, token).finish(lambda: {"kept": True})
    job.refresh_from_db()
    assert (job.state, job.result) == (Job.DONE, {"kept": True})
    assert jobs.claim() is None


def test_a_job_that_kills_its_worker_every_time_is_failed_not_retried_for_ever(officer, commune):
    job = jobs.enqueue(Job.IMPORT_DOCUMENT, officer, commune=commune, name="ke-hoach.txt", data=b"Ke hoach")
    Job.objects.filter(pk=job.pk).update(state=Job.RUNNING, attempts=jobs.MAX_ATTEMPTS,
                                         heartbeat_at=job.created_at.replace(year=2000))
    assert jobs.claim() is None
    job.refresh_from_db()
    assert job.state == Job.FAILED and "dừng giữa chừng 3 lần" in job.error


def test_a_live_worker_keeps_its_job_through_a_long_silent_read(settings, officer, commune):
    """A read that reports nothing for six times the lease (one step of 12 s, lease 2 s): the worker's heartbeat
    keeps the claim, so a second worker running beside it does not take the job over."""
    job = jobs.enqueue(Job.IMPORT_DOCUMENT, officer, commune=commune, name="ke-hoach.docx",
                       data=dd.to_docx(dd.make_plan(commune=commune.name)))
    first = start_worker(settings, steps=1, seconds=12)
    try:
        wait_for(lambda: Job.objects.filter(pk=job.pk, state=Job.RUNNING).exists(), 30, "the first worker's claim")
        second = start_worker(settings, steps=0, seconds=0)
        try:
            wait_for(lambda: Job.objects.filter(pk=job.pk, state=Job.DONE).exists(), 60, "the job done")
        finally:
            workers.stop(second)
    finally:
        workers.stop(first)
    job.refresh_from_db()
    assert job.attempts == 1 and ImportDraft.objects.count() == 1
