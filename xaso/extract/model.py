"""A plan as read from a document: plain dataclasses, from extraction to the database.

Targets and timelines are parsed once, here, when a row is read (`IndicatorRow.read_target`, `TaskRow.read_timeline`)
and kept on the row: the review page stores the rows as a draft (`to_draft` / `from_draft`, the same fields) and the
plans app writes them as they are. Only a text a person changes on the review page is parsed again — it is a new
text. `to_json` gives exactly the fields of shared/gold/SCHEMA.md.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import date

from xaso.core.numbers import parse_number
from xaso.core.targets import parse_target, span_of
from xaso.core.timelines import parse_timeline


@dataclass
class Source:
    """Where an item came from, so a person can check it: the place and the text as written."""

    where: str
    quote: str


@dataclass
class PriorResult:
    text: str
    target: str | None
    result: str
    source: Source | None = None


@dataclass
class IndicatorRow:
    group: str | None
    text: str
    baseline: str | None
    target: str | None
    target_value: float | None
    unit: str | None
    comparator: str | None
    source: Source | None = None
    warnings: list[str] = field(default_factory=list)
    span: tuple[int, int] | None = None  # "100% (2025-2027)": a target for a span of years
    baseline_value: float | None = None

    def read_target(self, text: str | None) -> None:
        """The target as a table cell or a person writes it ("≥ 95%", "Không dưới 80%", "100% (2025-2027)")."""
        target = parse_target(text)
        self.target = target.text or None
        self.target_value = float(target.value) if target.value is not None else None
        self.comparator = target.comparator
        self.unit = self.unit or target.unit
        self.span = target.span

    def read_baseline(self) -> None:
        number = parse_number((self.baseline or "").rstrip("% ").strip())
        self.baseline_value = float(number) if number is not None else None


@dataclass
class TaskRow:
    group: str | None
    name: str
    detail: str | None = None
    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    timeline: str | None = None
    output: str | None = None
    budget_million_vnd: float | None = None
    budget_source: str | None = None
    overseer: str | None = None
    monitor: str | None = None
    source: Source | None = None
    warnings: list[str] = field(default_factory=list)
    start: date | None = None
    due: date | None = None
    recurring: bool = False

    def read_timeline(self, year: int | None) -> None:
        """Dates from the timeline as written, in the plan's year ("Quý II–IV" → 1/4 to 31/12)."""
        timeline = parse_timeline(self.timeline or "", year)
        self.start, self.due, self.recurring = timeline.start, timeline.due, timeline.recurring


SCHEMA_FIELDS = {
    PriorResult: ("text", "target", "result"),
    IndicatorRow: ("group", "text", "baseline", "target", "target_value", "unit", "comparator"),
    TaskRow: ("group", "name", "detail", "lead", "partners", "timeline", "output", "budget_million_vnd", "budget_source",
              "overseer", "monitor"),
}


@dataclass
class ExtractedPlan:
    source: str
    commune: str | None = None
    province: str | None = None
    plan_year: int | None = None
    assessed_year: int | None = None
    signer: str | None = None
    commune_kind: str | None = None  # xaso.core.communes: "phuong" where the header says "UBND PHƯỜNG …"; not in the gold
    prior_results: list[PriorResult] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def read_figures(self) -> None:
        """Parse every row's target, baseline and timeline once, in the plan's year."""
        for row in self.indicators:
            row.read_baseline()
            row.span = row.span or span_of(row.target) or span_of(row.text)
        for task in self.tasks:
            task.read_timeline(self.plan_year)

    def to_json(self) -> dict:
        """Exactly the fields of shared/gold/SCHEMA.md."""
        def pick(item):
            return {name: getattr(item, name) for name in SCHEMA_FIELDS[type(item)]}

        return {
            "source": self.source, "commune": self.commune, "province": self.province, "plan_year": self.plan_year,
            "assessed_year": self.assessed_year, "signer": self.signer,
            "prior_results": [pick(p) for p in self.prior_results],
            "indicators": [pick(i) for i in self.indicators],
            "tasks": [pick(t) for t in self.tasks],
        }

    def to_draft(self) -> dict:
        """Every field, parsed figures, places and warnings included: what the review page keeps and shows."""
        data = asdict(self)
        for task in data["tasks"]:
            for name in ("start", "due"):
                task[name] = task[name].isoformat() if task[name] else None
        return data

    @classmethod
    def from_draft(cls, data: dict) -> "ExtractedPlan":
        def build(kind, row):
            values = {f.name: row.get(f.name) for f in fields(kind) if f.name in row}
            if values.get("source"):
                values["source"] = Source(**values["source"])
            if kind is TaskRow:
                for name in ("start", "due"):
                    values[name] = date.fromisoformat(values[name]) if values.get(name) else None
            if kind is IndicatorRow and values.get("span"):
                values["span"] = tuple(values["span"])
            return kind(**values)

        plan = cls(**{name: data.get(name) for name in ("source", "commune", "province", "plan_year", "assessed_year",
                                                          "signer", "commune_kind")})
        plan.prior_results = [build(PriorResult, p) for p in data.get("prior_results") or []]
        plan.indicators = [build(IndicatorRow, i) for i in data.get("indicators") or []]
        plan.tasks = [build(TaskRow, t) for t in data.get("tasks") or []]
        plan.warnings = list(data.get("warnings") or [])
        return plan

    @property
    def is_empty(self) -> bool:
        return not (self.indicators or self.tasks or self.prior_results)
