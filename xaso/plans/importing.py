"""Storing an extracted plan: the one write path used by `xaso import` and the review page."""

from __future__ import annotations

import re
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from xaso.core import areas, communes
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
    folded = re.sub(r"\b(xa|phuong|dac khu)\s*$", "", folded)
    return re.sub(r"[^a-z0-9]+", "", folded)


def find_or_create_commune(name: str, province_name: str | None, create: bool,
                           kind: str | None = None) -> Commune | None:
    """The commune a name means ("Bến Nghé", "phường Bến Nghé"); a new one, where asked, of the kind the name or
    the document's header gives (`kind`, xaso.core.communes), a xã where neither does."""
    named_kind, name = communes.split_name(name)
    kind = named_kind or kind
    found = Commune.objects.filter(name__iexact=name)
    if province_name:
        found = found.filter(province__name__iexact=province_name) or found
    commune = (found.filter(kind=kind).first() if kind else None) or found.first()
    if commune or not create:
        return commune
    province, _ = Province.objects.get_or_create(name=province_name or "Chưa rõ tỉnh")
    return Commune.objects.create(province=province, name=name, kind=kind or communes.XA)


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def plans_of_year(commune: Commune, year: int | None) -> list[Plan]:
    return list(Plan.objects.filter(commune=commune, year=year).order_by("created_at")) if year else []


def names_commune(named: str, commune: Commune) -> bool:
    return fold(named) == fold(commune.name)


def import_warnings(extracted: ExtractedPlan, commune: Commune) -> list[str]:
    """What an officer must see before a document becomes this commune's plan: the document names another commune,
    or no commune, or no year, or the year already has a plan."""
    warnings = []
    named = extracted.commune
    if named and not names_commune(named, commune):
        written = communes.phrase(extracted.commune_kind, named) if extracted.commune_kind else named
        warnings.append(f"Văn bản ghi là kế hoạch của {written}, không phải {commune.phrase}: có thể đây là văn bản "
                        f"của xã khác. Hãy kiểm tra trước khi lưu.")
    elif not named:
        warnings.append(f"Văn bản không ghi tên xã; kế hoạch sẽ được lưu cho {commune.phrase}.")
    elif extracted.commune_kind and extracted.commune_kind != commune.kind:
        warnings.append(f"Văn bản ghi “{communes.phrase(extracted.commune_kind, named)}” nhưng {commune.name} trong "
                        f"hệ thống là {commune.kind_label}: hãy sửa văn bản, hoặc sửa loại đơn vị của {commune.phrase}.")
    if extracted.plan_year is None:
        warnings.append("Văn bản không ghi rõ năm kế hoạch: hãy điền năm.")
    existing = plans_of_year(commune, extracted.plan_year)
    if existing:
        titles = "; ".join(f"“{p.title}” ({p.get_status_display().lower()})" for p in existing[:3])
        warnings.append(f"{commune} đã có {len(existing)} kế hoạch năm {extracted.plan_year}: {titles}.")
    return warnings


SECOND_PLAN = "second_plan"


@transaction.atomic
def store_plan(extracted: ExtractedPlan, commune: Commune, *, source_name: str | None = None,
               source_bytes: bytes | None = None, title: str | None = None, number: str = "",
               findings: list[dict] | None = None, second: bool = False) -> Plan:
    """Create a draft plan with its indicators and tasks, all or nothing. The rows are written as extraction (or
    the officer on the review page) left them: their targets and dates were parsed once, when they were read.
    A year that already has a plan gets a second one only when asked (`second`): three look-alike drafts of one
    year are a mistake, not a plan."""
    year = extracted.plan_year
    existing = plans_of_year(commune, year)
    if existing and not second:
        raise ValidationError(
            f"{commune} đã có kế hoạch năm {year} (“{existing[0].title}”). Nếu thật sự cần thêm một kế hoạch "
            f"năm {year}, hãy xác nhận tạo kế hoạch thứ hai.", code=SECOND_PLAN)
    plan = Plan(
        commune=commune,
        year=year,
        number=number,
        signer=extracted.signer or "",
        title=title or f"Kế hoạch chuyển đổi số {commune.phrase} năm {year}",
        status=Plan.DRAFT,
        source_findings=findings or [], source_name=(source_name or "")[:255],
    )
    if source_bytes is not None and source_name:
        plan.source_file.save(source_name, ContentFile(source_bytes), save=False)
    plan.full_clean(exclude=["source_file"])
    plan.save()
    units = list(commune.units.all())
    indicators = []
    for position, row in enumerate(extracted.indicators, start=1):
        span = row.span or (None, None)
        indicators.append(Indicator(
            plan=plan, position=position, area=areas.classify(row.group, row.text),
            group_heading=(row.group or "")[:300], text=row.text, unit=(row.unit or "")[:40],
            baseline_text=(row.baseline or "")[:120], baseline_value=_decimal(row.baseline_value),
            target_text=(row.target or "")[:200], target_value=_decimal(row.target_value),
            comparator=row.comparator or "", span_start=span[0], span_end=span[1],
        ))
    bulk_create_with_history(indicators, Indicator)
    through = Task.partner_units.through
    links, tasks = [], []
    for position, row in enumerate(extracted.tasks, start=1):
        lead = match_unit(units, row.lead)
        task = Task(
            plan=plan, position=position, area=areas.classify(row.group, row.name),
            group_heading=(row.group or "")[:300], name=row.name, detail=row.detail or "",
            lead_unit=lead, lead_text=(row.lead or "")[:300], partners_text="; ".join(row.partners),
            output=row.output or "", budget_million_vnd=_decimal(row.budget_million_vnd),
            budget_source=(row.budget_source or "")[:300], overseer=(row.overseer or "")[:300],
            monitor=(row.monitor or "")[:300], timeline_text=(row.timeline or "")[:300],
            start_date=row.start, due_date=row.due, recurring=row.recurring,
        )
        task.skip_history_when_saving = True  # its first record is written once its partners are linked
        task.save()
        tasks.append(task)
        for partner in row.partners:
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


def read_document(data: bytes, name: str, *, as_plan: bool, progress=None):
    """Read, extract and check a file a user gives, within the settings' limits and CPU/memory budget (a Reading;
    DocumentError when refused). `progress(done, total)` hears the pages as they are read; a read that reports
    pages gets XASO_READ_CPU_SECONDS_PER_PAGE more CPU for each."""
    from django.conf import settings

    from xaso.checks.reading import read_and_check
    from xaso.documents.sandbox import Budget

    budget = Budget(cpu_seconds=settings.READ_CPU_SECONDS, memory_mb=settings.READ_MEMORY_MB,
                    cpu_seconds_per_page=settings.READ_CPU_SECONDS_PER_PAGE, max_pages=settings.MAX_PDF_PAGES)
    return read_and_check(data, name, document_limits(), budget, as_plan=as_plan, progress=progress)


def as_extracted(plan: Plan) -> ExtractedPlan:
    """A stored plan in the shape the checker reads, so stored plans are checked by the same rules."""
    from xaso.extract.model import IndicatorRow, Source, TaskRow

    result = ExtractedPlan(source=str(plan), commune=plan.commune.name, province=plan.commune.province.name,
                           plan_year=plan.year, signer=plan.signer or None, commune_kind=plan.commune.kind)
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
