"""Money of a plan ("Rõ nguồn lực"): where a task's funds come from, and planned against spent by area and source.

A plan gives each task a budget in million VND and names its source in free words ("Ngân sách tỉnh hỗ trợ",
"Nguồn NS tỉnh bố trí trong dự toán chi năm 2026", "Nguồn hợp pháp của đơn vị"); a unit's report states what was
spent in the period and from which of four sources. `source_of` reads the plan's words onto the same four, so the
two can be set side by side; words it cannot place with confidence are "không xác định", never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from xaso.core import areas
from xaso.core.text import fold

COMMUNE, HIGHER, SOCIAL, OTHER, UNKNOWN = "commune", "higher", "social", "other", "unknown"
SOURCES = [(COMMUNE, "Ngân sách xã"), (HIGHER, "Ngân sách cấp trên"), (SOCIAL, "Xã hội hóa"), (OTHER, "Khác")]
LABELS = {**dict(SOURCES), UNKNOWN: "Không xác định"}
TOTAL = "Tổng cộng"
MAX_SPENT = Decimal(1_000_000)  # million VND in one report of one task: a commune's whole yearly budget is far less
ZERO = Decimal(0)

# Cues in folded words (xaso.core.text.fold: no diacritics, lower case). "xã hội hóa" folds to "xa hoi hoa", so
# the commune's "xã" is one not followed by "hội".
_CUES = [
    (SOCIAL, re.compile(r"xa hoi hoa|\bxhh\b|doanh nghiep|tai tro|vien tro|dong gop|nha tai tro")),
    (HIGHER, re.compile(r"\b(ngan sach|ns|nguon|von|kinh phi)\s*(cap\s*)?(tinh|huyen|trung uong|tw)\b|\bnstw\b"
                        r"|cap tren|muc tieu quoc gia|\bctmtqg\b|\btinh (ho tro|cap)\b|\bbo sung co muc tieu\b")),
    (COMMUNE, re.compile(r"\b(ngan sach|ns|nguon|von|kinh phi)\s*(cap\s*)?xa\b(?!\s*hoi)|\bnsx\b|\bxa tu can doi\b")),
    (OTHER, re.compile(r"\bkhac\b|hop phap|von vay|\blong ghep\b|su nghiep cua don vi|\bcua don vi\b")),
]


@lru_cache(maxsize=4096)  # a page reads it for each task, and a province's plans repeat a few dozen wordings
def source_of(text: str | None) -> str:
    """The source a plan names for a task, as one of SOURCES' codes, or UNKNOWN.

    One source named: that one. A named source with "khác" beside it ("ngân sách xã và các nguồn hợp pháp
    khác"): the named one, "khác" being the usual catch-all. Two named sources (a task paid by the commune and
    the province together) or none: UNKNOWN, since the split between them is not written."""
    words = fold(text)
    found = {code for code, cue in _CUES if cue.search(words)}
    named = found - {OTHER}
    if len(named) == 1:
        return named.pop()
    if not named and found:
        return OTHER
    return UNKNOWN


@dataclass
class BudgetLine:
    """One row of the table: planned, spent in the period, spent from the plan's start to the period's end."""

    code: str
    label: str
    planned: Decimal = ZERO
    spent_period: Decimal = ZERO
    spent_to_date: Decimal = ZERO

    @property
    def share(self) -> Decimal | None:
        """Spent to date as a percentage of planned (None without a plan figure)."""
        return (self.spent_to_date * 100 / self.planned).quantize(Decimal("0.1")) if self.planned else None

    @property
    def empty(self) -> bool:
        return not (self.planned or self.spent_period or self.spent_to_date)


@dataclass
class Planned:
    area: str
    amount: Decimal | None
    source_text: str


@dataclass
class Spent:
    area: str
    source: str  # a SOURCES code; empty when the report did not say
    amount: Decimal
    in_period: bool  # spent in the period shown (else in an earlier one)


@dataclass
class BudgetTable:
    by_area: list[BudgetLine]
    by_source: list[BudgetLine]
    total: BudgetLine

    @property
    def empty(self) -> bool:
        return self.total.empty

    def to_json(self) -> dict:
        """The table as JSON (amounts as decimal strings), for xaso.tracking.snapshots to keep."""
        def lines(rows):
            return [[row.code, str(row.planned), str(row.spent_period), str(row.spent_to_date)] for row in rows]
        return {"by_area": lines(self.by_area), "by_source": lines(self.by_source), "total": lines([self.total])[0]}

    @classmethod
    def from_json(cls, data: dict) -> "BudgetTable":
        labels = {**dict(areas.AREAS), **LABELS, "total": TOTAL}

        def line(code, planned, spent_period, spent_to_date):
            return BudgetLine(code, labels[code], Decimal(planned), Decimal(spent_period), Decimal(spent_to_date))
        return cls([line(*row) for row in data["by_area"]], [line(*row) for row in data["by_source"]], line(*data["total"]))

    @property
    def sections(self) -> list[tuple[str, str, list[BudgetLine]]]:
        """(id, column head, rows) of the two tables a page and a report show."""
        return [("by-area", "Lĩnh vực", self.by_area), ("by-source", "Nguồn kinh phí", self.by_source)]


def budget_table(planned: Iterable[Planned], spent: Iterable[Spent]) -> BudgetTable:
    """Planned against spent by area (in the order of xaso.core.areas) and by source (SOURCES, then UNKNOWN),
    with the rows that carry no money left out, and the total."""
    area_lines = {code: BudgetLine(code, label) for code, label in areas.AREAS}
    source_lines = {code: BudgetLine(code, label) for code, label in LABELS.items()}
    total = BudgetLine("total", TOTAL)
    for item in planned:
        if item.amount:
            for line in (area_lines.get(item.area, area_lines[areas.OTHER]), source_lines[source_of(item.source_text)], total):
                line.planned += item.amount
    for item in spent:
        lines = (area_lines.get(item.area, area_lines[areas.OTHER]), source_lines.get(item.source or UNKNOWN, source_lines[UNKNOWN]),
                 total)
        for line in lines:
            line.spent_to_date += item.amount
            if item.in_period:
                line.spent_period += item.amount
    return BudgetTable([line for line in area_lines.values() if not line.empty],
                       [line for line in source_lines.values() if not line.empty], total)


def merge(tables: Iterable[BudgetTable]) -> BudgetTable:
    """Several plans' tables as one (a province's communes)."""
    area_lines = {code: BudgetLine(code, label) for code, label in areas.AREAS}
    source_lines = {code: BudgetLine(code, label) for code, label in LABELS.items()}
    total = BudgetLine("total", TOTAL)
    for table in tables:
        for lines, rows in ((area_lines, table.by_area), (source_lines, table.by_source), ({"total": total}, [table.total])):
            for row in rows:
                line = lines[row.code]
                line.planned += row.planned
                line.spent_period += row.spent_period
                line.spent_to_date += row.spent_to_date
    return BudgetTable([line for line in area_lines.values() if not line.empty],
                       [line for line in source_lines.values() if not line.empty], total)
