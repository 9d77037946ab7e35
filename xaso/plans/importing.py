"""Storing an extracted plan: the one write path used by `xaso import` and the review page."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from xaso.core import areas
from xaso.core.numbers import parse_number
from xaso.core.text import fold
from xaso.extract.model import ExtractedPlan
from xaso.search import index as search_index

from .history import record_created
from .models import Commune, Indicator, Plan, Province, Task, Unit


def match_unit(units: list[Unit], text: str | None) -> Unit | None:
    """The commune's unit a lead written in a document means ("Phòng VH-XH", "Trung tâm PVHCC xã…")."""
    wanted = _unit_key(text)
    if not wanted:
        return None
    for unit in units:
        for name in (unit.name, unit.short_name):
            key = _unit_key(name)
            if key and (key == wanted or (len(key) >= 8 and (key in wanted or wanted in key))):
                return unit
    return None


def _unit_key(text: str | None) -> str:
    folded = fold(text)
    folded = re.sub(r"\b(xa|phuong)\s*$", "", folded)
    return re.sub(r"[^a-z0-9]+", "", folded)


def find_or_create_commune(name: str, province_name: str | None, create: bool) -> Commune | None:
    name = re.sub(r"^(xã|phường)\s+", "", name.strip(), flags=re.IGNORECASE)
    communes = Commune.objects.filter(name__iexact=name)
    if province_name:
        communes = communes.filter(province__name__iexact=province_name) or communes
    commune = communes.first()
    if commune or not create:
        return commune
    province, _ = Province.objects.get_or_create(name=province_name or "Chưa rõ tỉnh")
    return Commune.objects.create(province=province, name=name)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return parse_number(str(value))


@transaction.atomic
def store_plan(extracted: ExtractedPlan | dict, commune: Commune, *, source_name: str | None = None,
               source_bytes: bytes | None = None, title: str | None = None, number: str = "") -> Plan:
    """Create a draft plan with its indicators and tasks, all or nothing."""
    data = extracted.to_json() if isinstance(extracted, ExtractedPlan) else extracted
    year = data.get("plan_year")
    plan = Plan(
        commune=commune,
        year=year,
        number=number,
        signer=data.get("signer") or "",
        title=title or f"Kế hoạch chuyển đổi số xã {commune.name} năm {year}",
        status=Plan.DRAFT,
    )
    if source_bytes is not None and source_name:
        plan.source_file.save(source_name, ContentFile(source_bytes), save=False)
    plan.full_clean(exclude=["source_file"])
    plan.save()
    units = list(commune.units.all())
    indicators = []
    for position, row in enumerate(data.get("indicators") or [], start=1):
        indicator = Indicator(
            plan=plan, position=position, area=areas.classify(row.get("group") or row.get("text")),
            group_heading=(row.get("group") or "")[:300], text=row["text"], unit=(row.get("unit") or "")[:40],
            baseline_text=(row.get("baseline") or "")[:120],
            baseline_value=parse_number((row.get("baseline") or "").rstrip("%").strip()),
        )
        indicator.apply_target(row.get("target") or "")
        if row.get("target_value") is not None and indicator.target_value is None:
            indicator.target_value = _decimal(row["target_value"])
        if row.get("comparator"):
            indicator.comparator = row["comparator"]
        indicators.append(indicator)
    bulk_create_with_history(indicators, Indicator)
    through = Task.partner_units.through
    links, tasks = [], []
    for position, row in enumerate(data.get("tasks") or [], start=1):
        lead = match_unit(units, row.get("lead"))
        task = Task(
            plan=plan, position=position, area=areas.classify(row.get("group") or row.get("name")),
            group_heading=(row.get("group") or "")[:300], name=row["name"], detail=row.get("detail") or "",
            lead_unit=lead, lead_text=(row.get("lead") or "")[:300],
            partners_text="; ".join(row.get("partners") or []), output=row.get("output") or "",
            budget_million_vnd=_decimal(row.get("budget_million_vnd")),
            budget_source=(row.get("budget_source") or "")[:300], overseer=(row.get("overseer") or "")[:300],
            monitor=(row.get("monitor") or "")[:300],
        )
        task.apply_timeline(row.get("timeline") or "")
        task.skip_history_when_saving = True  # its first record is written once its partners are linked
        task.save()
        tasks.append(task)
        for partner in row.get("partners") or []:
            for piece in re.split(r"[,;]\s*", partner):
                unit = match_unit(units, piece)
                if unit and unit != lead:
                    links.append(through(task_id=task.pk, unit_id=unit.pk))
    through.objects.bulk_create(links, ignore_conflicts=True)
    record_created(Task, tasks)
    search_index.rebuild([plan])
    return plan


def document_limits():
    from django.conf import settings

    from xaso.documents import Limits

    return Limits(max_bytes=settings.MAX_UPLOAD_BYTES, max_pdf_pages=settings.MAX_PDF_PAGES)


def as_extracted(plan: Plan) -> ExtractedPlan:
    """A stored plan in the shape the checker reads, so stored plans are checked by the same rules."""
    from xaso.extract.model import IndicatorRow, Source, TaskRow

    result = ExtractedPlan(source=str(plan), commune=plan.commune.name, province=plan.commune.province.name,
                           plan_year=plan.year, signer=plan.signer or None)
    for i in plan.indicators.all():
        result.indicators.append(IndicatorRow(
            group=i.group_heading or None, text=i.text, baseline=i.baseline_text or None, target=i.target_text or None,
            target_value=float(i.target_value) if i.target_value is not None else None, unit=i.unit or None,
            comparator=i.comparator or None, source=Source(f"chỉ tiêu {i.position}", i.text)))
    for t in plan.tasks.select_related("lead_unit"):
        result.tasks.append(TaskRow(
            group=t.group_heading or None, name=t.name, lead=t.lead_label or None, timeline=t.timeline_text or None,
            output=t.output or None, source=Source(f"nhiệm vụ {t.position}", t.name)))
    return result
