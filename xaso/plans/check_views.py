"""The checker on the web: a page where anyone drops a document, and a plan's own findings."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from xaso.checks import check_document, check_plan
from xaso.documents import DocumentError, read_bytes

from . import access
from .import_forms import UploadForm
from .importing import as_extracted, document_limits


def check_upload(request):
    """Open to anyone: nothing is stored, the document is read in memory and forgotten."""
    form = UploadForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            doc = read_bytes(upload.read(), upload.name, document_limits())
        except DocumentError as error:
            form.add_error("document", error.message)
        else:
            findings = check_document(doc)
            by_line = defaultdict(list)
            for finding in findings:
                by_line[finding.line].append(finding)
            context.update(
                name=upload.name, findings=findings, errors=sum(f.severity == "lỗi" for f in findings),
                rows=[(p, by_line.pop(p.line, [])) for p in doc.paragraphs],
                unplaced=[f for line_findings in by_line.values() for f in line_findings],
            )
    return render(request, "plans/check.html", context, status=400 if form.is_bound and form.errors else 200)


@login_required
def plan_findings(request, pk):
    plan = access.get_plan(request.user, pk)
    findings = check_plan(as_extracted(plan))
    return render(request, "plans/_findings.html", {"findings": findings, "empty_text": "Không thấy lỗi nào trong kế hoạch."})
