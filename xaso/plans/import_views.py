"""Upload a plan document → review what was read beside its source text → confirm a draft plan."""

from __future__ import annotations

import logging
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from xaso.documents import SUPPORTED_EXTENSIONS, DocumentError, sandbox
from xaso.documents.render import page_png
from xaso.documents.sandbox import Budget
from xaso.documents.uploads import check_bytes, check_extension, check_size
from xaso.extract.model import ExtractedPlan

from . import access
from .import_forms import (IndicatorFormSet, ReviewPlanForm, RowsError, TaskFormSet, UploadForm, confirmed_indicator,
                           confirmed_task, initial_indicators, initial_tasks, review_data)
from xaso.jobs import services as jobs
from xaso.jobs.models import Job

from .importing import document_limits, import_warnings, plans_of_year, store_plan
from .models import ImportDraft
from .unsure import marked, words_in

log = logging.getLogger(__name__)
REQUIRED_TASK_FIELDS = ("lead", "timeline", "output")


@login_required
def import_upload(request, commune_pk):
    """The file is checked for what it claims to be here (extension, size, signature: a blink), then read as a
    background job (xaso.jobs): a scan's OCR takes a minute, and every import takes that one path."""
    commune = access.get_commune(request.user, commune_pk, edit=True)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        data = upload.read()
        try:
            # No reader library parses the file in the web process: that happens in the worker, under its budget.
            check_extension(upload.name, SUPPORTED_EXTENSIONS)
            check_size(len(data), upload.name, document_limits())
            check_bytes(data, upload.name, document_limits())
        except DocumentError as error:
            log.info("import refused %s: %s", upload.name, error.code)
            form.add_error("document", error.message)
        else:
            job = jobs.enqueue(Job.IMPORT_DOCUMENT, request.user, commune=commune, name=upload.name, data=data)
            return redirect("job_detail", pk=job.pk)
    return render(request, "plans/import_upload.html", {"commune": commune, "form": form},
                  status=400 if form.is_bound and form.errors else 200)


def _get_draft(user, pk) -> ImportDraft:
    draft = get_object_or_404(ImportDraft.objects.select_related("commune__province"), pk=pk)
    access.get_commune(user, draft.commune_id, edit=True)
    return draft


@login_required
def import_review(request, pk):
    draft = _get_draft(request.user, pk)
    extracted = ExtractedPlan.from_draft(draft.data)
    commune = draft.commune
    plan_form = ReviewPlanForm(request.POST or None, commune=commune, named=extracted.commune,
                               named_kind=extracted.commune_kind, initial={
        "title": f"Kế hoạch chuyển đổi số {commune.phrase} năm {extracted.plan_year or ''}".strip(),
        "year": extracted.plan_year, "signer": extracted.signer or "",
    })
    rows_error = None
    try:
        rows = review_data(request.POST) if request.method == "POST" else None
    except RowsError as error:
        rows, rows_error = None, error
    indicators = IndicatorFormSet(rows, prefix="ind", initial=initial_indicators(extracted.indicators))
    tasks = TaskFormSet(rows, prefix="task", initial=initial_tasks(extracted.tasks))
    if rows_error and plan_form.is_bound:  # shown as the rows were read, the message above them
        plan_form.is_valid()
        plan_form.add_error(None, str(rows_error))
    findings = draft.data.get("findings") or []
    if request.method == "POST" and all(f.is_valid() for f in (plan_form, indicators, tasks)):
        header = plan_form.cleaned_data
        confirmed = ExtractedPlan(source=extracted.source, commune=extracted.commune, province=extracted.province,
                                  plan_year=header["year"], signer=header["signer"])
        confirmed.indicators = [confirmed_indicator(row, f.cleaned_data)
                                for f, row in zip(indicators.forms, extracted.indicators) if f.cleaned_data.get("keep")]
        confirmed.tasks = [confirmed_task(row, f.cleaned_data, header["year"], extracted.plan_year)
                           for f, row in zip(tasks.forms, extracted.tasks) if f.cleaned_data.get("keep")]
        try:
            with transaction.atomic():
                draft.source_file.open("rb")
                source = draft.source_file.read()
                draft.source_file.close()
                plan = store_plan(confirmed, commune, source_name=draft.source_name, source_bytes=source,
                                  title=header["title"], number=header["number"], findings=findings,
                                  second=header["second"])
                draft.source_file.delete(save=False)
                draft.delete()
        except ValidationError as error:
            plan_form.add_error(None, "Không lưu được kế hoạch: " + "; ".join(error.messages))
        else:
            messages.success(request, f"Đã tạo kế hoạch dự thảo với {plan.indicators.count()} chỉ tiêu và "
                                      f"{plan.tasks.count()} nhiệm vụ từ “{draft.source_name}”.")
            return redirect("plan_detail", pk=plan.pk)
    placed = set()
    unsure = draft.data.get("unsure") or []

    def beside(rows, key, quote_chars=None):
        """Each row: its form, what was read, its findings, its fields with the unsure words each contains, and its
        source quote with those words marked."""
        out = []
        for form, row in rows:
            mine = [f for f in findings if f["quote"] and f["quote"][:60] == (getattr(row, key) or "")[:60]]
            placed.update(id(f) for f in mine)
            fields = [(field, words_in(field.value(), unsure) if field.name != "keep" else []) for field in form]
            quote = row.source.quote or ""
            if quote_chars and len(quote) > quote_chars:
                quote = quote[:quote_chars - 1] + "…"
            page = re.search(r"trang (\d+)", row.source.where or "")
            out.append((form, row, mine, fields, marked(quote, unsure), int(page.group(1)) if page else 1))
        return out

    indicator_rows = beside(zip(indicators.forms, extracted.indicators), "text")
    task_rows = beside(zip(tasks.forms, extracted.tasks), "name", quote_chars=600)
    return render(request, "plans/import_review.html", {
        "draft": draft, "commune": commune, "plan_form": plan_form, "indicators": indicators, "tasks": tasks,
        "indicator_rows": indicator_rows, "task_rows": task_rows,
        "document_findings": [f for f in findings if id(f) not in placed],
        "prior_results": extracted.prior_results, "warnings": extracted.warnings + import_warnings(extracted, commune),
        "asks_second": bool(plans_of_year(commune, extracted.plan_year)) or "second" in plan_form.errors,
        "required_task_fields": REQUIRED_TASK_FIELDS, "unsure": unsure,
        "pages": range(1, _image_pages(draft) + 1),
    }, status=400 if request.method == "POST" else 200)


def _image_pages(draft: ImportDraft) -> int:
    """How many pages of the source the review shows as images: a PDF's (a scan's) pages, none for other files."""
    return int(draft.data.get("pages") or 0) if draft.source_name.lower().endswith(".pdf") else 0


@login_required
def import_page_image(request, pk, page):
    """A page of the draft's source PDF as a PNG, drawn on demand in the budgeted child (the file is the user's)."""
    draft = _get_draft(request.user, pk)
    if not 1 <= page <= _image_pages(draft):
        raise Http404("Không có trang này.")
    with draft.source_file.open("rb") as source:
        data = source.read()
    budget = Budget(cpu_seconds=settings.READ_CPU_SECONDS, memory_mb=settings.READ_MEMORY_MB)
    try:
        png, _ = sandbox.run(page_png, data, draft.source_name, page, name=draft.source_name, budget=budget)
    except DocumentError as error:
        log.info("page image %s p.%d refused: %s", draft.source_name, page, error.code)
        raise Http404("Không vẽ được trang này.") from None
    return HttpResponse(png, content_type="image/png")


@login_required
def import_discard(request, pk):
    draft = _get_draft(request.user, pk)
    commune_pk = draft.commune_id
    if request.method == "POST":
        draft.source_file.delete(save=False)
        draft.delete()
        messages.success(request, "Đã hủy bản nhập.")
    return redirect("commune_detail", pk=commune_pk)
