"""A document → a plan: the one entry point of extraction."""

from __future__ import annotations

from xaso.documents import Document

from . import header, indicators, prior, tasks
from .model import ExtractedPlan
from .outline import split_parts


def extract_plan(doc: Document) -> ExtractedPlan:
    paragraphs = doc.paragraphs
    outline = split_parts(paragraphs)
    plan = ExtractedPlan(source=doc.name)
    plan.commune = header.commune(paragraphs)
    plan.province = header.province(paragraphs)
    plan.plan_year = header.plan_year(paragraphs, doc.tables)
    plan.assessed_year = header.assessed_year(paragraphs, outline.part1, plan.plan_year)
    plan.signer = header.signer(paragraphs)
    plan.prior_results = prior.prior_results(doc, paragraphs, outline.part1)

    plan.indicators = (indicators.from_tables(doc, plan.plan_year)
                       or indicators.from_paragraphs(doc, paragraphs, *outline.part2)
                       or indicators.from_anywhere(doc, paragraphs, *outline.part2))
    plan.tasks = tasks.from_tables(doc)
    if not plan.tasks and doc.format == "text":
        plan.tasks = tasks.from_flat_lines(doc)
    if not plan.tasks:
        plan.tasks = tasks.from_body(doc, paragraphs[outline.part2[0]:])

    plan.read_figures()
    if plan.plan_year is None:
        plan.warnings.append("Không xác định được năm kế hoạch từ tiêu đề.")
    if plan.commune is None:
        plan.warnings.append("Không xác định được tên xã.")
    return plan


def read_plan(doc: Document) -> ExtractedPlan:
    """Extract, refusing a document that is not a plan rather than storing an empty one."""
    from xaso.documents import DocumentError

    plan = extract_plan(doc)
    if plan.is_empty:
        raise DocumentError(
            f"Tệp “{doc.name}” không giống một kế hoạch chuyển đổi số: không tìm thấy chỉ tiêu hay nhiệm vụ nào.",
            "not_a_plan",
        )
    return plan
