"""Pages of the province's commune evaluation: the indexes of a province (and their import), one index, a commune's
assessment (self-assessed by the commune, reviewed by the province, read by the others) and the ranking."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html

from xaso.core.numbers import format_number
from xaso.downloads import attachment, file_attachment, file_name
from xaso.plans import access
from xaso.plans.fields import posted_id
from xaso.plans.models import Commune
from xaso.reports.pdf import ConversionError, to_pdf
from xaso.tracking.exports import XLSX
from xaso.tracking.table_rows import heat_step

from . import exports, services, sheets
from .forms import AnswerForm, DecisionForm, IndexUploadForm
from .models import Answer, Assessment

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


@login_required
def evaluation_home(request, province_pk):
    """The province's indexes, year by year; its officer imports one from .xlsx or starts from xaso's example."""
    province = access.get_province(request.user, province_pk)
    manage = access.can_manage_communes(request.user, province)
    form = IndexUploadForm(request.POST or None, request.FILES or None,
                           initial={"year": timezone.localdate().year})
    problems: list[str] = []
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data.get("file")
            try:
                if "example" in request.POST:
                    sheet = services.example_sheet()
                elif upload:
                    sheet = sheets.read_xlsx(upload.read())
                else:
                    raise sheets.SheetError(["Hãy chọn tệp Excel (.xlsx) của bộ chỉ số."])
                index = services.store_index(province, form.cleaned_data["year"], sheet, form.cleaned_data["name"])
            except sheets.SheetError as error:
                problems = error.problems
            except services.EvaluationError as error:
                problems = [error.message]
            else:
                messages.success(request, f"Đã nhập bộ chỉ số năm {index.year}: {len(sheet.components)} tiêu chí "
                                          f"trong {len(sheet.groups)} nhóm (dự thảo; công bố để các xã tự đánh giá).")
                return redirect("evaluation_index", pk=index.pk)
    indexes = province.evaluation_indexes.order_by("-year")
    return render(request, "evaluation/home.html", {
        "province": province, "indexes": indexes, "form": form if manage else None, "problems": problems,
    }, status=400 if request.method == "POST" else 200)


@login_required
def evaluation_index(request, pk):
    """One index: its groups and components; the .xlsx to download; who has sent what (for the province)."""
    index = access.get_index(request.user, pk)
    manage = access.can_manage_communes(request.user, index.province)
    if request.method == "POST":
        if not manage:
            raise PermissionDenied
        try:
            services.publish_index(index)
        except services.EvaluationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, "Đã công bố bộ chỉ số: các xã của tỉnh có thể tự đánh giá.")
        return redirect("evaluation_index", pk=index.pk)
    if request.GET.get("format") == "xlsx":
        data = sheets.write_xlsx(index.name, services.sheet_of(index).groups)
        return attachment(data, file_name("Bộ chỉ số đánh giá xã", index.province.name, index.year, extension="xlsx"), XLSX)
    groups = list(index.groups.prefetch_related("components"))
    words = dict(Assessment.STATES)
    states = dict(index.assessments.values_list("commune_id", "state"))
    if access.can_view_province(request.user, index.province):
        communes = list(Commune.objects.filter(province=index.province).order_by("name"))
    else:  # a commune's officer or leader: their own commune
        communes = [access.membership(request.user).commune]
    return render(request, "evaluation/index.html", {
        "index": index, "groups": groups, "manage": manage,
        "communes": [(c, words.get(states.get(c.pk))) for c in communes], "total": sum((c.max_points for g in groups for c in g.components.all()), 0),
    })


def _rows(assessment, components, data=None, files=None, mode="read"):
    """One row per component: the component, its answer, and the form of the page's mode."""
    answers = {a.component_id: a for a in assessment.answers.all()} if assessment else {}
    rows = []
    for component in components:
        answer = answers.get(component.pk)
        form = None
        if mode == "edit":
            initial = {}
            if answer:
                initial = {"numerator": answer.numerator, "denominator": answer.denominator, "value": answer.value,
                           "yes": "" if answer.yes is None else ("1" if answer.yes else "0"),
                           "evidence_link": answer.evidence_link}
            form = AnswerForm(data, files, component=component, prefix=f"c{component.pk}", initial=initial)
        elif mode == "review" and answer:
            initial = {"decision": answer.review_status, "score": answer.reviewed_score if answer.review_status == Answer.ADJUSTED else None,
                       "comment": answer.review_comment}
            form = DecisionForm(data, prefix=f"c{component.pk}", initial=initial)
        rows.append({"component": component, "answer": answer, "form": form})
    return rows


def _score_text(score) -> str:
    return "—" if score is None else format_number(score)


@login_required
def evaluation_assessment(request, index_pk, commune_pk):
    """The commune's DX officer fills figures and evidence in (scores computed by each rule) and sends it to the
    province; the province's officer accepts or adjusts each component (with a comment) and finishes the review;
    everyone else who sees the commune reads it."""
    index, commune = access.get_index_commune(request.user, index_pk, commune_pk)
    assessment = index.assessments.filter(commune=commune).first()
    mode = "read"
    if access.can_self_assess(request.user, commune) and index.published and (
            assessment is None or assessment.state == Assessment.DRAFT):
        mode = "edit"
        assessment = services.assessment_for(index, commune)
    elif assessment and access.can_review_assessment(request.user, commune) and assessment.state == Assessment.SUBMITTED:
        mode = "review"
    components = list(index.components.select_related("group"))
    problems: list[str] = []
    status = 200
    if request.method == "POST":
        if "reopen" in request.POST and assessment and assessment.state == Assessment.REVIEWED and \
                access.can_review_assessment(request.user, commune):
            services.reopen_review(assessment)
            messages.success(request, "Đã mở lại việc thẩm định.")
            return redirect(assessment)
        if mode == "read":
            raise PermissionDenied
        if mode == "edit" and "preview" in request.POST:
            return _preview(request, components)
        rows = _rows(assessment, components, request.POST, request.FILES, mode)
        invalid = [r for r in rows if r["form"] is not None and not r["form"].is_valid()]
        if invalid:
            problems = [f"{r['component'].code}: {' '.join(m for ms in r['form'].errors.values() for m in ms)}" for r in invalid]
        else:
            try:
                if mode == "edit":
                    problems = services.save_self_assessment(
                        assessment, {r["component"].pk: r["form"].answer_input() for r in rows}, request.user,
                        submit="submit" in request.POST)
                    done = "Đã gửi bản tự đánh giá lên tỉnh." if "submit" in request.POST else "Đã lưu bản tự đánh giá."
                else:
                    decisions = {r["component"].pk: r["form"].decision_input() for r in rows if r["form"] is not None}
                    problems = services.review(assessment, {k: v for k, v in decisions.items() if v}, request.user,
                                               finish="finish" in request.POST)
                    done = "Đã hoàn thành thẩm định." if "finish" in request.POST else "Đã lưu kết quả thẩm định."
            except services.EvaluationError as error:
                problems = [error.message]
            if not problems:
                messages.success(request, done)
                return redirect("evaluation_assessment", index_pk=index.pk, commune_pk=commune.pk)
        status = 400
    else:
        rows = _rows(assessment, components, mode=mode)
    groups = []
    for row in rows:
        if not groups or groups[-1][0] != row["component"].group:
            groups.append((row["component"].group, []))
        groups[-1][1].append(row)
    answers = [r["answer"] for r in rows if r["answer"]]
    return render(request, "evaluation/assessment.html", {
        "index": index, "commune": commune, "assessment": assessment, "mode": mode, "groups": groups,
        "problems": problems, "problems_head": ("Chưa gửi được" if "submit" in request.POST else "Chưa hoàn thành thẩm định"
                                                 if "finish" in request.POST else "Chưa lưu được"),
        "self_total": sum((a.self_score or 0 for a in answers), 0),
        "final_total": sum((a.final_score or 0 for a in answers), 0),
        "max_total": sum((c.max_points for c in components), 0),
        "can_reopen": assessment is not None and assessment.state == Assessment.REVIEWED
        and access.can_review_assessment(request.user, commune),
    }, status=status)


def _preview(request, components):
    """The score of one component for the figures typed so far (HTMX, on each change): computed on the server by
    the component's rule, as saving will."""
    component_pk = posted_id(request.POST, "preview")
    component = next((c for c in components if c.pk == component_pk), None)
    if component is None:
        raise Http404
    form = AnswerForm(request.POST, component=component, prefix=f"c{component.pk}")
    if not form.is_valid():
        text = " ".join(m for field, ms in form.errors.items() if field != "evidence_file" for m in ms)
        return HttpResponse(format_html('<span class="error">{}</span>', text or "—"))
    score, problem = services.score_of(component, form.answer_input())
    if problem:
        return HttpResponse(format_html('<span class="error">{}</span>', problem))
    return HttpResponse(format_html("{} / {}", _score_text(score), format_number(component.max_points)))


@login_required
def evaluation_ranking(request, pk):
    """The province's communes ranked by total, their group scores, a component × commune heat map, and the results
    as .xlsx and .docx."""
    index = access.get_ranking(request.user, pk)
    groups, components, rows = services.ranking(index)
    fmt = request.GET.get("format")
    if fmt == "xlsx":
        return attachment(exports.workbook(index, groups, components, rows),
                          file_name("Kết quả đánh giá xếp hạng xã", index.province.name, index.year, extension="xlsx"), XLSX)
    if fmt in ("docx", "pdf"):
        data = exports.report(index, groups, components, rows, timezone.localdate())
        name = ("Báo cáo kết quả đánh giá xếp hạng xã", index.province.name, index.year)
        if fmt == "docx":
            return attachment(data, file_name(*name, extension="docx"), DOCX)
        try:  # the same report printed to PDF/A for the province's signing tool (xaso.reports.pdf)
            return attachment(to_pdf(data), file_name(*name, extension="pdf"), PDF)
        except ConversionError as error:
            messages.error(request, error.message)
            return redirect("evaluation_ranking", pk=index.pk)
    sent = [r for r in rows if r.assessment]
    heat = []
    for c in components:
        cells = []
        for r in sent:
            score = r.scores.get(c.pk)
            share = None if score is None else float(score / c.max_points * 100)
            cells.append((score, None if share is None else heat_step(share)))
        heat.append((c, cells))
    return render(request, "evaluation/ranking.html", {
        "index": index, "groups": groups, "rows": rows, "sent": sent, "heat": heat,
        "max_total": sum((c.max_points for c in components), 0),
        "group_max": [sum((c.max_points for c in components if c.group_id == g.pk), 0) for g in groups],
    })


@login_required
def evaluation_evidence(request, pk):
    answer = get_object_or_404(Answer.objects.select_related("assessment__index__province", "assessment__commune"), pk=pk)
    if not access.can_open(request.user, "evaluation_evidence", answer):
        raise PermissionDenied
    if not answer.evidence_file:
        raise Http404
    return file_attachment(answer.evidence_file.open("rb"), answer.evidence_name or answer.evidence_file.name)
