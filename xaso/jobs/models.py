"""A long piece of work (reading a scan, a folder) as a row: who asked, how far it is, what came of it.

The row is the queue: `xaso worker` claims a queued job, or one whose worker stopped beating (services.py)."""

from __future__ import annotations

from django.db import models


class Job(models.Model):
    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, "đang chờ"), (RUNNING, "đang chạy"), (DONE, "xong"), (FAILED, "lỗi")]
    IMPORT_DOCUMENT = "import_document"
    KINDS = [(IMPORT_DOCUMENT, "nhập kế hoạch từ văn bản")]

    kind = models.CharField("loại việc", max_length=40, choices=KINDS)
    owner = models.ForeignKey("auth.User", on_delete=models.CASCADE, related_name="jobs", verbose_name="người yêu cầu")
    commune = models.ForeignKey("plans.Commune", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs",
                                verbose_name="xã")
    state = models.CharField("tình trạng", max_length=10, choices=STATES, default=QUEUED)
    source_name = models.CharField("tên tệp", max_length=255, blank=True)
    source_file = models.FileField("tệp", upload_to="jobs/%Y/", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The claim: which worker holds the job and when it last said it is alive. A claim older than the lease is
    # taken over by another worker; the token makes the loser's late writes no-ops.
    claim_token = models.CharField(max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    done_steps = models.PositiveIntegerField(default=0)
    total_steps = models.PositiveIntegerField(default=0)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField("lỗi", blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["state", "heartbeat_at"], name="jobs_state_heartbeat")]
        verbose_name = "việc chạy nền"
        verbose_name_plural = "việc chạy nền"

    def __str__(self):
        return f"{self.get_kind_display()} “{self.source_name}” ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        if self.state == self.DONE:
            return 100
        return int(100 * self.done_steps / self.total_steps) if self.total_steps else 0

    @property
    def waiting_long(self) -> bool:
        """Queued for over a minute: no worker is taking jobs (not started, or stopped)."""
        from datetime import timedelta

        from django.utils import timezone

        return self.state == self.QUEUED and self.created_at < timezone.now() - timedelta(minutes=1)

    @property
    def finished(self) -> bool:
        return self.state in (self.DONE, self.FAILED)
