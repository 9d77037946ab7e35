"""The queue of long work: enqueue a job, claim it in a worker, report its progress, store its result once.

Why not a queue library: django-tasks 0.8 (DatabaseBackend, db_worker) claims a task by setting it RUNNING with no
lease, so a task whose worker is killed stays RUNNING for ever, and it claims with a raw `BEGIN EXCLUSIVE` on SQLite
that goes around xaso's writer turns (xaso/sqlite); django-q2 needs a cluster of processes and pickles its tasks.
What xaso needs is small: a row per job, a claim with a lease that a live worker keeps beating, a takeover of an
expired claim, and a result written in one transaction that only the current claim may commit.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.module_loading import import_string

from xaso.documents import DocumentError

from .models import Job

log = logging.getLogger(__name__)

# What each kind of job runs: `run(job, progress) -> store`, where `store()` writes the result inside the job's
# final transaction and returns what the job page needs (a dict); and `result_url(job)`, the page to go on to.
KINDS = {
    Job.IMPORT_DOCUMENT: ("xaso.plans.import_jobs.read_into_draft", "xaso.plans.import_jobs.draft_url"),
}
MAX_ATTEMPTS = 3  # a document that kills its worker every time is failed, not retried for ever
STOPPED_TOO_OFTEN = ("Việc bị dừng giữa chừng {n} lần (máy xử lý khởi động lại hoặc hết bộ nhớ) nên đã ngừng thử. "
                     "Hãy tải văn bản lên lại; nếu vẫn vậy, hãy báo quản trị viên.")
UNEXPECTED = "Có lỗi ngoài dự kiến khi xử lý văn bản; quản trị viên đã được báo. Hãy thử lại sau."


class LostClaim(Exception):
    """Another worker took the job over (this one was thought dead): its result is not stored."""


def lease() -> timedelta:
    return timedelta(seconds=settings.JOB_LEASE_SECONDS)


def enqueue(kind: str, owner, *, commune=None, name: str = "", data: bytes | None = None) -> Job:
    """A queued job, its input file stored with it (the row and the file in one step for the worker)."""
    job = Job(kind=kind, owner=owner, commune=commune, source_name=name[:255])
    if data is not None:
        job.source_file.save(name, ContentFile(data), save=False)
    job.save()
    return job


def _claimable() -> Q:
    return Q(state=Job.QUEUED) | Q(state=Job.RUNNING, heartbeat_at__lt=timezone.now() - lease())


def claim() -> tuple[Job, str] | None:
    """The oldest job waiting, or whose worker stopped beating, now this worker's (with the claim's token). The
    claim is one conditional UPDATE on the attempt count a worker read: of two workers racing, one wins."""
    Job.objects.filter(state=Job.RUNNING, heartbeat_at__lt=timezone.now() - lease(),
                       attempts__gte=MAX_ATTEMPTS).update(state=Job.FAILED, finished_at=timezone.now(),
                                                          error=STOPPED_TOO_OFTEN.format(n=MAX_ATTEMPTS))
    for pk, attempts in Job.objects.filter(_claimable()).order_by("created_at", "id").values_list("pk", "attempts")[:5]:
        token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"
        now = timezone.now()
        taken = Job.objects.filter(_claimable(), pk=pk, attempts=attempts).update(
            state=Job.RUNNING, claim_token=token, heartbeat_at=now, started_at=now, attempts=F("attempts") + 1)
        if taken:
            if attempts:
                log.warning("job %s: taken over after its worker stopped (attempt %d)", pk, attempts + 1)
            return Job.objects.get(pk=pk), token
    return None


class Claim:
    """A claimed job while it runs: its heartbeat (a thread beating every third of the lease) and its progress."""

    def __init__(self, job: Job, token: str):
        self.job, self.token = job, token
        self._stop = threading.Event()
        self._last = None
        self._beat = threading.Thread(target=self._beating, name=f"job-{job.pk}-heartbeat", daemon=True)

    def _mine(self):
        return Job.objects.filter(pk=self.job.pk, claim_token=self.token, state=Job.RUNNING)

    def _beating(self):
        try:
            while not self._stop.wait(settings.JOB_LEASE_SECONDS / 3):
                try:
                    self._mine().update(heartbeat_at=timezone.now())
                except DatabaseError as error:  # a busy database: the next beat tries again within the lease
                    log.warning("job %s: heartbeat not written (%s)", self.job.pk, error)
        finally:
            connection.close()

    def __enter__(self):
        self._beat.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._beat.join()

    def progress(self, done: int, total: int) -> None:
        if (done, total) != self._last:
            self._last = (done, total)
            self._mine().update(done_steps=done, total_steps=total, heartbeat_at=timezone.now())

    def finish(self, store: Callable[[], dict]) -> None:
        """The result and the job's end in one transaction, only while the claim is still this worker's."""
        with transaction.atomic():
            current = Job.objects.select_for_update().filter(pk=self.job.pk).values_list("claim_token", "state").first()
            if current != (self.token, Job.RUNNING):
                raise LostClaim(self.job.pk)
            result = store()
            self._mine().update(state=Job.DONE, result=result, finished_at=timezone.now(),
                                done_steps=F("total_steps"), error="")
        _drop_input(self.job)

    def fail(self, message: str) -> None:
        if self._mine().update(state=Job.FAILED, error=message, finished_at=timezone.now()):
            _drop_input(self.job)


def _drop_input(job: Job) -> None:
    """The uploaded file is the job's input only: stored in the draft (done) or refused (failed), it goes."""
    if job.source_file:
        job.source_file.delete(save=False)
        Job.objects.filter(pk=job.pk).update(source_file="")


def run(job: Job, token: str) -> None:
    """Do one claimed job: its kind's work, its result stored or its Vietnamese error kept for the page."""
    work = import_string(KINDS[job.kind][0])
    with Claim(job, token) as current:
        try:
            store = work(job, current.progress)
            current.finish(store)
        except DocumentError as error:
            log.info("job %s refused: %s", job.pk, error.code)
            current.fail(error.message)
        except LostClaim:
            log.warning("job %s: taken over by another worker; this result is dropped", job.pk)
        except Exception:
            log.exception("job %s failed", job.pk)
            current.fail(UNEXPECTED)


def result_url(job: Job) -> str | None:
    return import_string(KINDS[job.kind][1])(job)


def work(*, stop: threading.Event, interval: float = 1.0, drain: bool = False) -> int:
    """The worker's loop: claim, run, repeat; between jobs wait `interval` seconds or until `stop`. `drain`: end
    when no job is waiting (tests, and `xaso worker --drain`). Returns how many jobs it ran."""
    ran = 0
    while not stop.is_set():
        claimed = claim()
        if claimed:
            run(*claimed)
            ran += 1
        elif drain:
            break
        else:
            stop.wait(interval)
    return ran
