"""The measures of issue 11, shared by the tests and bench/quality.py: layout variants scored with
../shared/tools/score_plan.py, mistakes planted and found, findings on clean plans."""

from __future__ import annotations

import collections
import contextlib
import importlib.util
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from xaso.checks import check_document
from xaso.core.text import fold
from xaso.documents import DocumentError, read_bytes
from xaso.extract.plan import extract_plan

from .from_gold import plan_from_gold
from .plant import PLANTERS, Meta, plant_contradiction
from .render import LAYOUTS, Layout, gold, random_layout, render
from .spec import PlanSpec, random_plan

# A planted kind → the finding kind that must report it.
EXPECTED_KIND = {"deadline": "wrong_year"}
SAMPLE_TEXTS = ("ha-long-2026.md", "tan-thanh-2026.md", "can-loc-2026.txt")


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_plan", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score(scorer, expected: dict, predicted: dict) -> tuple[float, str]:
    """The scorer's score and what it printed (with --verbose details)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        value = scorer.score_plan(expected, predicted, True)
    return value, out.getvalue()


@dataclass
class Variant:
    plan: str
    layout: Layout
    score: float
    report: str


def variant_scores(scorer, specs: list[tuple[str, PlanSpec]], layouts: list[Layout]) -> list[Variant]:
    """Every plan in every layout, read back by the importer and scored against the plan's own gold."""
    out = []
    for name, spec in specs:
        for layout in layouts:
            file_name, data = render(spec, layout)
            try:
                predicted = extract_plan(read_bytes(data, file_name)).to_json()
            except DocumentError as error:
                out.append(Variant(name, layout, 0.0, f"refused: {error.message}"))
                continue
            value, report = score(scorer, gold(spec, layout), predicted)
            out.append(Variant(name, layout, value, report))
    return out


def generated_specs(count: int, first_seed: int = 1) -> list[tuple[str, PlanSpec]]:
    return [(f"kế hoạch sinh {seed}", random_plan(seed)) for seed in range(first_seed, first_seed + count)]


def gold_specs(gold_dir: Path) -> list[tuple[str, PlanSpec]]:
    return [(path.stem, plan_from_gold(json.loads(path.read_text(encoding="utf-8"))))
            for path in sorted(gold_dir.glob("*.json"))]


def catalogue_and_random(count: int) -> list[Layout]:
    return LAYOUTS + [random_layout(seed) for seed in range(count)]


# --- Planted mistakes ---------------------------------------------------------------------------------------------


@dataclass
class Document:
    name: str
    text: str
    meta: Meta
    statements: list[tuple[str, float]]
    sample: bool = False


@dataclass
class Planting:
    kind: str
    form: str
    document: str
    ok: bool
    added: list = field(default_factory=list)
    removed: list = field(default_factory=list)


def clean_documents(count: int, first_seed: int = 100) -> list[Document]:
    """Generated plans written as text (.md/.txt) in the layouts whose goals are sentences."""
    layouts = [layout for layout in LAYOUTS if layout.fmt in ("md", "txt")]
    docs = []
    for k, seed in enumerate(range(first_seed, first_seed + count)):
        spec = random_plan(seed)
        name, data = render(spec, layouts[k % len(layouts)])
        docs.append(Document(name, data.decode("utf-8"), Meta(spec.year, spec.commune, kind=spec.kind),
                             [(i.text, i.target_value) for i in spec.indicators if i.target_value is not None]))
    return docs


def sample_documents(samples: Path, gold_dir: Path) -> list[Document]:
    docs = []
    for name in SAMPLE_TEXTS:
        expected = json.loads((gold_dir / (name.rsplit(".", 1)[0] + ".json")).read_text(encoding="utf-8"))
        docs.append(Document(name, (samples / name).read_text(encoding="utf-8"),
                             Meta(expected["plan_year"], expected["commune"]),
                             [(i["text"], i["target_value"]) for i in expected["indicators"] if i["target_value"]],
                             sample=True))
    return docs


def _keys(findings) -> collections.Counter:
    return collections.Counter((f.kind, fold(f.quote)) for f in findings)


def findings_of(text: str, name: str):
    return check_document(read_bytes(text.encode("utf-8"), name))


def plant_all(docs: list[Document], per_kind: int, seed: int = 7) -> list[Planting]:
    """Plant `per_kind` mistakes of every kind into every document; judge each by the rule: exactly one new
    finding, of its kind, whose quote holds the planted words, and no other finding changed."""
    rng = random.Random(seed)
    results = []
    for doc in docs:
        base = findings_of(doc.text, doc.name)
        base_keys = _keys(base)
        meta = Meta(doc.meta.plan_year, doc.meta.commune, tuple(fold(f.quote) for f in base), doc.meta.kind)
        planters = dict(PLANTERS)
        planters["contradiction"] = lambda text, m, r, s=doc.statements: plant_contradiction(text, m, r, s)
        for kind, planter in planters.items():
            for _ in range(per_kind):
                planted = planter(doc.text, meta, rng)
                if planted is None:
                    continue
                after = _keys(findings_of(planted.text, doc.name))
                added, removed = after - base_keys, base_keys - after
                wanted = EXPECTED_KIND.get(kind, kind)
                hits = [key for key in added if key[0] == wanted and fold(planted.marker) in key[1]]
                ok = sum(added.values()) == 1 and len(hits) == 1 and not removed
                results.append(Planting(kind, planted.form, doc.name, ok, list(added), list(removed)))
    return results


def recall_by_kind(results: list[Planting]) -> dict[str, tuple[int, int]]:
    table: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for r in results:
        table[r.kind][0] += r.ok
        table[r.kind][1] += 1
    return {kind: (ok, total) for kind, (ok, total) in sorted(table.items())}


def clean_findings(specs: list[tuple[str, PlanSpec]], layouts: list[Layout]) -> list[tuple[str, str, list]]:
    """(plan, layout, findings) for clean generated plans in every layout: each finding there is a false alarm."""
    out = []
    for name, spec in specs:
        for layout in layouts:
            file_name, data = render(spec, layout)
            found = check_document(read_bytes(data, file_name))
            out.append((name, layout.name, found))
    return out


def correct_twins(docs: list[Document], per_doc: int, seed: int = 3) -> list[tuple[str, str, list]]:
    """Ratios stated with their right percentage, in every form: (document, sentence, findings added) — each
    added finding is a false alarm."""
    from .plant import _insert, _paragraph_ends, _signature, arithmetic_sentence

    rng = random.Random(seed)
    out = []
    for doc in docs:
        base_keys = _keys(findings_of(doc.text, doc.name))
        lines = doc.text.split("\n")
        places = _paragraph_ends(lines, 0, _signature(lines))
        for _ in range(per_doc if places else 0):
            _, sentence, _ = arithmetic_sentence(rng, wrong=False)
            text = _insert(lines, rng.choice(places), sentence)
            added = _keys(findings_of(text, doc.name)) - base_keys
            out.append((doc.name, sentence, list(added)))
    return out
