"""A document → a plan: the one entry point of extraction."""

from __future__ import annotations

from xaso.documents import Document

from . import header, indicators, prior, tasks
from .model import ExtractedPlan
from .outline import Outline, split_parts


def extract_plan(doc: Document) -> ExtractedPlan:
    paragraphs = doc.paragraphs
    outline = split_parts(paragraphs)
    plan = ExtractedPlan(source=doc.name)
    plan.commune, plan.commune_kind = header.commune_and_kind(paragraphs)
    plan.province = header.province(paragraphs)
    plan.plan_year = header.plan_year(paragraphs, doc.tables)
    plan.assessed_year = header.assessed_year(paragraphs, outline.part1, plan.plan_year)
    plan.signer = header.signer(paragraphs)
    assessing, planning = _tables_by_part(doc, outline)
    plan.prior_results = prior.prior_results(doc, paragraphs, outline.part1) + prior.from_tables(doc, assessing)

    plan.indicators = (indicators.from_tables(doc, planning, plan.plan_year)
                       or indicators.from_paragraphs(doc, paragraphs, *outline.part2)
                       or indicators.from_anywhere(doc, paragraphs, *outline.part2))
    plan.tasks = tasks.from_tables(doc, planning)
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


def _tables_by_part(doc: Document, outline: Outline) -> tuple[list, list]:
    """(Part I's tables, the others): a table of last year's results is no table of this year's indicators."""
    if outline.part1 is None:
        return [], list(doc.tables)
    first, last = outline.part1
    assessing, planning, seen = [], [], 0
    for block in doc.blocks:
        if block.kind == "paragraph":
            seen += 1
        elif first < seen <= last:
            assessing.append(block)
        else:
            planning.append(block)
    return assessing, planning


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
