"""The document checker: each rule family a module, each rule a small pure function over a CheckContext."""

from __future__ import annotations

from xaso.documents import Document
from xaso.extract.model import ExtractedPlan
from xaso.extract.plan import extract_plan

from .arithmetic import check_arithmetic
from .communes import check_communes
from .consistency import check_consistency
from .context import CheckContext
from .model import ERROR, WARNING, Finding
from .numbering import check_numbering
from .references import check_references
from .six_clear import check_six_clear, check_targets
from .years import check_years

RULES = [check_years, check_communes, check_arithmetic, check_references, check_numbering, check_six_clear, check_targets,
         check_consistency]


def check_document(doc: Document, plan: ExtractedPlan | None = None) -> list[Finding]:
    """Every rule over a read document (the plan is extracted from it unless given)."""
    ctx = CheckContext.build(doc, plan or extract_plan(doc))
    findings = [finding for rule in RULES for finding in rule(ctx)]
    return sorted(findings, key=lambda f: (f.line is None, f.page or 0, f.line or 0))


def check_plan(plan: ExtractedPlan) -> list[Finding]:
    """The rules that need no document text, over a plan as stored (6 rõ, targets, deadlines)."""
    return check_document(Document(name=plan.source, format="stored"), plan)


def finding_json(finding: Finding) -> dict:
    """A finding as the pages keep and show it: its fields, its place and its kind's label."""
    return finding.to_json() | {"where": finding.where, "page": finding.page, "label": finding.label}


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


__all__ = ["ERROR", "WARNING", "Finding", "check_document", "check_plan", "finding_json", "has_errors"]
