"""The review card: everything a unit sent in one version of a report, and what changed since the version before.

The officer decides on what is written here, so every field the unit filled is shown, empty ones too
("không ghi"), and a corrected report says field by field what the unit changed after it was returned.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from xaso.core.numbers import format_number
from xaso.core.periods import label_of

from .models import Evidence, IndicatorValue, TaskReport

NOT_WRITTEN = "(không ghi)"
TASK_FIELDS = [("status", "Tình trạng"), ("percent", "Tỷ lệ hoàn thành"), ("done_on", "Ngày hoàn thành"),
               ("delay_reason", "Lý do chậm"), ("achievements", "Kết quả đã làm"),
               ("difficulties", "Khó khăn, vướng mắc"), ("proposals", "Đề xuất, kiến nghị"),
               ("spent_million_vnd", "Kinh phí đã chi trong kỳ"), ("spent_source", "Nguồn kinh phí đã chi")]
VALUE_FIELDS = [("value", "Giá trị"), ("numerator", "Tử số"), ("denominator", "Mẫu số"),
                ("source", "Nguồn số liệu"), ("measured_on", "Ngày số liệu")]
EVIDENCE = "Minh chứng"


@dataclass
class Card:
    item: TaskReport | IndicatorValue
    period_label: str
    fields: list[tuple[str, str]]  # (label, what the unit wrote)
    evidence: list[tuple[Evidence, int]] = field(default_factory=list)  # with the version that sent it
    previous: TaskReport | IndicatorValue | None = None
    changes: list[tuple[str, str | None, str]] = field(default_factory=list)  # (label, before, after)

    @property
    def sender(self):
        return self.item.submitted_by or self.item.created_by


def shown(item, name: str) -> str:
    """A field as the officer reads it: labels for codes, 9,5% for numbers, dd/mm/yyyy for dates."""
    value = getattr(item, name)
    if name == "status":
        return item.get_status_display()
    if value is None or value == "":
        return NOT_WRITTEN
    if name == "spent_source":
        return item.get_spent_source_display()
    if name == "spent_million_vnd":
        return f"{format_number(value)} triệu đồng"
    if name == "percent":
        return f"{format_number(value)}%"
    if name == "value" and item.indicator.unit == "%":
        return f"{format_number(value)}%"
    if name in ("value", "numerator", "denominator"):
        return format_number(value)
    if name in ("done_on", "measured_on"):
        return f"{value:%d/%m/%Y}"
    return str(value).strip() or NOT_WRITTEN


def cards(items) -> list[Card]:
    """Cards for reports (or indicator values) waiting for review, with their earlier versions in one query."""
    items = list(items)
    if not items:
        return []
    model = type(items[0])
    owner, names = ("task_id", TASK_FIELDS) if model is TaskReport else ("indicator_id", VALUE_FIELDS)
    earlier: dict[tuple, list] = {}
    queryset = model.objects.filter(**{f"{owner}__in": {getattr(i, owner) for i in items}},
                                    unit_id__in={i.unit_id for i in items}, period__in={i.period for i in items},
                                    version__lt=max(i.version for i in items))
    queryset = queryset.prefetch_related("evidence") if model is TaskReport else queryset.select_related("indicator")
    for version in queryset.order_by("version"):
        earlier.setdefault((getattr(version, owner), version.unit_id, version.period), []).append(version)
    result = []
    for item in items:
        before = [v for v in earlier.get((getattr(item, owner), item.unit_id, item.period), []) if v.version < item.version]
        card = Card(item, label_of(item.period), [(label, shown(item, name)) for name, label in names])
        card.previous = before[-1] if before else None
        if model is TaskReport:
            card.evidence = [(e, v.version) for v in before for e in v.evidence.all()]
            card.evidence += [(e, item.version) for e in item.evidence.all()]
        if card.previous is not None:
            card.changes = [(label, shown(card.previous, name), shown(item, name)) for name, label in names
                            if shown(card.previous, name) != shown(item, name)]
            added = [e.name for e, version in card.evidence if version == item.version]
            if added:  # evidence is only ever added: nothing is "before"
                card.changes.append((EVIDENCE, None, "thêm " + "; ".join(added)))
        result.append(card)
    return result
