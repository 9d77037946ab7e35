"""The checker on the web: a page where anyone drops a document, and a plan's own findings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from xaso.accounts import ratelimit
from xaso.checks import ERROR, Finding, check_plan
from xaso.checks.model import KINDS
from xaso.documents import Document, DocumentError, Paragraph

from xaso.downloads import file_attachment

from . import access
from .import_forms import UploadForm
from .importing import as_extracted, read_document

WHOLE_DOCUMENT = "ve-toan-van-ban"  # the anchor of the findings that point to no paragraph


@dataclass
class Row:
    """One paragraph of the document view, its findings, and the page it opens (for a "Trang 3" separator)."""

    paragraph: Paragraph
    findings: list[Finding]
    anchor: str
    page_start: int | None = None
    page_flagged: bool = False


@dataclass
class KindCount:
    label: str
    anchor: str  # the first finding of this kind, in the order the page shows them
    errors: int = 0
    warnings: int = 0


@dataclass
class DocumentView:
    rows: list[Row]
    unplaced: list[Finding]
    summary: list[KindCount] = field(default_factory=list)


def document_view(doc: Document, findings: list[Finding]) -> DocumentView:
    """Each finding beside its paragraph, matched by page AND line: a PDF's line numbers restart on every page."""
    by_place = defaultdict(list)
    for finding in findings:
        by_place[(finding.page, finding.line)].append(finding)
    rows: list[Row] = []
    previous_page = None
    for index, paragraph in enumerate(doc.paragraphs, start=1):
        row = Row(paragraph, by_place.pop((paragraph.page, paragraph.line), []), f"doan-{index}")
        if paragraph.page is not None and paragraph.page != previous_page:
            row.page_start = previous_page = paragraph.page
        rows.append(row)
    flagged_pages = {row.paragraph.page for row in rows if row.findings}
    for row in rows:
        row.page_flagged = row.page_start in flagged_pages
    unplaced = [finding for place_findings in by_place.values() for finding in place_findings]
    shown = [(finding, WHOLE_DOCUMENT) for finding in unplaced]
    shown += [(finding, row.anchor) for row in rows for finding in row.findings]
    counts: dict[str, KindCount] = {}
    for finding, anchor in shown:
        count = counts.setdefault(finding.kind, KindCount(finding.label, anchor))
        if finding.severity == ERROR:
            count.errors += 1
        else:
            count.warnings += 1
    order = [*KINDS, *sorted(set(counts) - set(KINDS))]
    return DocumentView(rows, unplaced, [counts[kind] for kind in order if kind in counts])


def check_upload(request):
    """Open to anyone: nothing is stored, the document is read in memory and forgotten."""
    if request.method == "POST" and (refused := ratelimit.limit_checks(request)):
        return refused
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            reading = read_document(upload.read(), upload.name, as_plan=False)
        except DocumentError as error:  # refused by a reader, or past the CPU/memory budget
            form.add_error("document", error.message)
        else:
            doc, findings = reading.document, reading.findings
            errors = sum(f.severity == ERROR for f in findings)
            context.update(name=upload.name, findings=findings, errors=errors, warnings=len(findings) - errors,
                           view=document_view(doc, findings), whole_document=WHOLE_DOCUMENT)
    return render(request, "plans/check.html", context, status=400 if form.is_bound and form.errors else 200)


@login_required
def plan_findings(request, pk):
    """The plan as stored, checked now, and what the checker found in its source document when it was imported
    (the review page showed it: it stays with the plan)."""
    plan = access.get_plan(request.user, pk)
    findings = check_plan(as_extracted(plan))
    return render(request, "plans/_plan_findings.html", {"findings": findings, "plan": plan})


@login_required
def plan_source(request, pk):
    """The document a plan was imported from, as a download, to whoever may see the plan."""
    plan = access.get_plan(request.user, pk)
    if not plan.source_file:
        raise Http404("Kế hoạch này không nhập từ văn bản.")
    try:
        handle = plan.source_file.open("rb")
    except FileNotFoundError:
        raise Http404("Không còn tệp văn bản gốc.") from None
    return file_attachment(handle, plan.source_name or Path(plan.source_file.name).name)
