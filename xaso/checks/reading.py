"""A document read, made a plan and checked in one call, inside a budgeted child process (documents.sandbox): what
the check page, the import (page and API) and the `check`/`import` commands run on a file a user gives."""

from __future__ import annotations

from dataclasses import dataclass

from xaso.documents import Document, Limits, read_bytes
from xaso.documents.sandbox import Budget, Progress, Usage, run
from xaso.extract.model import ExtractedPlan
from xaso.extract.plan import read_plan

from . import check_document
from .model import Finding


@dataclass
class Reading:
    document: Document
    plan: ExtractedPlan | None  # None when only checked: the check page reads any document, plan or report
    findings: list[Finding]
    usage: Usage | None = None


def read_and_check(data: bytes, name: str, limits: Limits, budget: Budget, *, as_plan: bool,
                   progress: Progress | None = None) -> Reading:
    """`as_plan`: refuse a document that is no plan (the import), as `read_plan` does. Raises DocumentError, or
    OverBudget (one) past the budget. `progress(done, total)` hears the reader's pages (or steps) as it goes, from
    the child process; the budget grows with the pages it reports (Budget.cpu_seconds_per_page)."""
    reading, usage = run(_read_and_check, data, name, limits, as_plan, name=name, budget=budget, progress=progress)
    reading.usage = usage
    return reading


def _read_and_check(data: bytes, name: str, limits: Limits, as_plan: bool, progress: Progress | None = None) -> Reading:
    doc = read_bytes(data, name, limits, progress)
    plan = read_plan(doc) if as_plan else None
    return Reading(doc, plan, check_document(doc, plan))
