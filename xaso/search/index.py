"""Keeping the entries in step with the data, and reading them back for a query."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Value, When
from django.db.models.expressions import RawSQL

from xaso.core.periods import label_of
from xaso.core.text import fold

from xaso import statements
from xaso.plans.models import Commune

from . import rank
from .models import Entry

KIND_LABELS = {"plan": "Kế hoạch", "indicator": "Chỉ tiêu", "task": "Nhiệm vụ", "report": "Báo cáo"}
LIMIT = 50  # hits a page shows
CANDIDATES = 2000


def describe(obj) -> tuple[str, str, str, int, str] | None:
    """(kind, title, body, commune id, link) of a searchable object, None when it should not be found."""
    from django.urls import reverse

    from xaso.plans.models import Indicator, Plan, Task
    from xaso.tracking.models import TaskReport

    if isinstance(obj, Plan):
        if obj.deleted_at:
            return None
        return "plan", obj.title, f"{obj.number} {obj.year} {obj.signer}", obj.commune_id, obj.get_absolute_url()
    if isinstance(obj, Indicator):
        if obj.deleted_at:
            return None
        return ("indicator", obj.text, f"{obj.group_heading} {obj.baseline_text} {obj.target_text}", obj.plan.commune_id,
                reverse("plan_detail", args=[obj.plan_id]) + "#indicators")
    if isinstance(obj, Task):
        if obj.deleted_at:
            return None
        return ("task", obj.name, " ".join([obj.detail, obj.output, obj.lead_text, obj.group_heading]), obj.plan.commune_id,
                reverse("plan_detail", args=[obj.plan_id]) + f"?q={quote(obj.name[:60])}#tasks")
    if isinstance(obj, TaskReport):
        if obj.task.deleted_at:
            return None
        body = " ".join([obj.achievements, obj.difficulties, obj.proposals, obj.delay_reason, obj.review_comment])
        return ("report", f"{obj.task.name} — {label_of(obj.period)}", body, obj.unit.commune_id,
                reverse("object_history", args=["report", obj.pk]))
    return None


KIND_OF = {"plan": "plan", "indicator": "indicator", "task": "task", "taskreport": "report"}


def update(obj) -> None:
    kind = KIND_OF[obj._meta.model_name]
    described = describe(obj)
    if described is None:
        Entry.objects.filter(kind=kind, object_id=obj.pk).delete()
        return
    kind, title, body, commune_id, url = described
    fields = _fields(commune_id, url, title, body)
    # one statement, new or not (INSERT … ON CONFLICT DO UPDATE on both engines): a report is saved often
    statements.upsert(Entry(kind=kind, object_id=obj.pk, **fields), ["kind", "object_id"], list(fields))


def _fields(commune_id, url, title, body) -> dict:
    return {"commune_id": commune_id, "url": url, "title": title[:2000], "body": body[:20000],
            "folded_title": fold(title[:2000]), "folded": fold(f"{title[:2000]} {body[:20000]}")}


def remove(obj) -> None:
    Entry.objects.filter(kind=KIND_OF[obj._meta.model_name], object_id=obj.pk).delete()


def rebuild(plans=None) -> int:
    """Index again every object of the given plans (all by default): after bulk writes that send no signals."""
    from xaso.plans.models import Indicator, Plan, Task
    from xaso.tracking.models import TaskReport

    ids = list(Plan.all_objects.values_list("id", flat=True)) if plans is None else [p.pk for p in plans]
    with transaction.atomic():
        for start in range(0, len(ids), 200):
            chunk = ids[start:start + 200]
            sources = [Plan.all_objects.filter(pk__in=chunk),
                       Indicator.all_objects.filter(plan_id__in=chunk).select_related("plan"),
                       Task.all_objects.filter(plan_id__in=chunk).select_related("plan"),
                       TaskReport.objects.filter(task__plan_id__in=chunk).select_related("task", "unit")]
            for source in sources:
                # the old entries named by a subquery, not a list of ids: 200 plans of monthly reports hold more
                # reports than the 65,535 parameters PostgreSQL binds in one statement
                Entry.objects.filter(kind=KIND_OF[source.model._meta.model_name],
                                     object_id__in=source.values("pk")).delete()
            objects = [obj for source in sources for obj in source]
            rows = []
            for obj in objects:
                described = describe(obj)
                if described:
                    kind, title, body, commune_id, url = described
                    rows.append(Entry(kind=kind, object_id=obj.pk, **_fields(commune_id, url, title, body)))
            Entry.objects.bulk_create(rows, batch_size=500)
    return len(ids)


def _matches(words: list[str]):
    """The entries holding every word (as a word or the start of one), through the engine's full-text index."""
    if connection.vendor == "sqlite":
        match = " AND ".join(f'"{w}"*' for w in words)
        return Entry.objects.filter(id__in=RawSQL(
            "SELECT rowid FROM search_entry_fts WHERE search_entry_fts MATCH %s", [match]))
    query = " & ".join(f"{w}:*" for w in words)
    return Entry.objects.alias(hit=RawSQL("search_entry.search_vector @@ to_tsquery('simple', %s)",
                                          [query], output_field=BooleanField())).filter(hit=True)


def matching_ids(kind: str, query: str, visible):
    """The ids of the `kind` objects (e.g. "task") among `visible` (a Q on Entry) whose folded text holds every
    word of the query, as the search box reads it: how the plan page filters its tasks. None when the query
    has no word to look for."""
    words = rank.terms(query)
    if not words:
        return None
    # read here, not nested as a sub-query: PostgreSQL's match names the table, which a sub-query renames
    return list(_matches(words).filter(visible, kind=kind).values_list("object_id", flat=True))


@dataclass
class Results:
    hits: list[dict]  # best first: every ranked candidate (at most CANDIDATES), for the caller to page through
    total: int  # every entry matching the query that the caller may see


def search(query: str, visible) -> Results:
    """Hits the caller may see (`visible`: a Q on Entry), best first. The permission filter runs in the same
    query as the match; of very common words, the CANDIDATES entries with the first word in their title (then
    the oldest) are ranked, the same on both engines, and only then are all the matches counted."""
    words = rank.terms(query)
    if not words:
        return Results([], 0)
    matches = _matches(words).filter(visible)
    first_in_title = Case(When(folded_title__contains=words[0], then=Value(0)), default=Value(1))
    entries = list(matches.annotate(first_in_title=first_in_title).order_by("first_in_title", "id")[:CANDIDATES])
    total = len(entries) if len(entries) < CANDIDATES else matches.count()
    # the places, once each (a join on every entry doubles the time of a common word's search)
    communes = Commune.all_objects.select_related("province").in_bulk({e.commune_id for e in entries})
    scored = sorted(entries, key=lambda e: (-rank.score(words, e.folded_title, e.folded), e.kind, e.object_id))
    return Results([{"kind": e.kind, "label": KIND_LABELS[e.kind], "id": e.object_id, "commune_id": e.commune_id,
                     "commune": str(communes[e.commune_id]), "province": communes[e.commune_id].province.name,
                     "title": e.title, "snippet": e.body[:200], "url": e.url} for e in scored], total)
