"""A plan as read from a document: plain dataclasses, and the JSON of shared/gold/SCHEMA.md."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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


@dataclass
class ExtractedPlan:
    source: str
    commune: str | None = None
    province: str | None = None
    plan_year: int | None = None
    assessed_year: int | None = None
    signer: str | None = None
    prior_results: list[PriorResult] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self, *, with_sources: bool = False) -> dict:
        """Exactly the fields of shared/gold/SCHEMA.md; `with_sources` adds where each item came from."""
        def strip(item):
            data = asdict(item)
            if not with_sources:
                data.pop("source", None)
                data.pop("warnings", None)
            return data

        return {
            "source": self.source,
            "commune": self.commune,
            "province": self.province,
            "plan_year": self.plan_year,
            "assessed_year": self.assessed_year,
            "signer": self.signer,
            "prior_results": [strip(p) for p in self.prior_results],
            "indicators": [strip(i) for i in self.indicators],
            "tasks": [strip(t) for t in self.tasks],
        }

    @property
    def is_empty(self) -> bool:
        return not (self.indicators or self.tasks or self.prior_results)
