"""The web import of a document as a job: read in the worker (xaso.jobs), the draft stored when the read is done."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.urls import reverse

from xaso.checks import finding_json

from .importing import read_document
from .models import ImportDraft


def read_into_draft(job, progress):
    """Read, extract and check the uploaded file (pages reported to `progress`); the draft is written only by the
    returned `store`, inside the job's final transaction, so a worker killed mid-read leaves nothing behind."""
    with job.source_file.open("rb") as source:
        data = source.read()
    reading = read_document(data, job.source_name, as_plan=True, progress=progress)
    findings = [finding_json(f) for f in reading.findings]
    unsure = list(dict.fromkeys(reading.document.unsure))
    # The pages the review can show as images beside the rows (a PDF's, a scan's); 0 for other formats.
    pages = max((block.page or 0 for block in reading.document.blocks), default=0) if reading.document.format == "pdf" else 0

    def store() -> dict:
        draft = ImportDraft(commune=job.commune, created_by=job.owner, source_name=job.source_name,
                            data=reading.plan.to_draft() | {"findings": findings, "unsure": unsure,
                                                                         "pages": pages})
        draft.source_file.save(job.source_name, ContentFile(data), save=False)
        draft.save()
        return {"draft": draft.pk}

    return store


def draft_url(job) -> str | None:
    """The review page of the job's draft, while the draft waits (confirmed or discarded: none)."""
    pk = job.result.get("draft")
    return reverse("import_review", args=[pk]) if pk and ImportDraft.objects.filter(pk=pk).exists() else None
