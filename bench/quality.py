"""Quality of import and checking on documents nobody here wrote: the tables of issue 11.

    .venv/bin/python bench/quality.py [--plans 10] [--random-layouts 40] [--per-kind 9] [--clean 16]
    .venv/bin/python bench/quality.py --plans 1 --random-layouts 1 --per-kind 1 --clean 1 --samples 1 --false-plans 1
                                                            # the tiny run of CI (tests/test_bench_scripts.py)

1. Layout variants: generated plans and the shared samples' gold written in every layout of the catalogue (and in
   random combinations of the layout axes), read back and scored with ../shared/tools/score_plan.py.
2. Planted mistakes: per kind, how often one planted mistake gives exactly one finding of its kind where it was put.
3. False findings: findings on clean generated plans (every layout), and on the samples against their gold.
Needs ../shared (the scorer and the samples); prints medians, means, minimums and recalls.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.samples import GOLD, SAMPLES, SCORER  # noqa: E402
from tests.variants import quality  # noqa: E402
from tests.variants.render import LAYOUTS  # noqa: E402
from xaso.checks import check_document  # noqa: E402
from xaso.documents import read_path  # noqa: E402


def layout_table(scorer, plans: int, random_layouts: int, samples: int | None):
    started = time.perf_counter()
    layouts = quality.catalogue_and_random(random_layouts)
    variants = quality.variant_scores(scorer, quality.generated_specs(plans), layouts)
    variants += quality.variant_scores(scorer, quality.gold_specs(GOLD)[:samples], LAYOUTS)
    by_layout = collections.defaultdict(list)
    for v in variants:
        key = v.layout.name if not v.layout.name.startswith("rand") else "random layouts"
        by_layout[key].append(v.score)
    print(f"\n1. Layout variants ({len(variants)} documents, {time.perf_counter() - started:.0f} s)")
    print(f"{'layout':24} {'format':>6} {'n':>4} {'mean':>6} {'min':>6} {'< 0.95':>7}")
    formats = {layout.name: layout.fmt for layout in LAYOUTS}
    for name, scores in by_layout.items():
        print(f"{name:24} {formats.get(name, 'mixed'):>6} {len(scores):4} {statistics.mean(scores):6.3f} "
              f"{min(scores):6.3f} {sum(s < 0.95 for s in scores):7}")
    every = [v.score for v in variants]
    print(f"{'all':24} {'':>6} {len(every):4} {statistics.mean(every):6.3f} {min(every):6.3f} "
          f"{sum(s < 0.95 for s in every):7}")
    for v in variants:
        if v.score < 0.95:
            print(f"  below 0.95: {v.plan} / {v.layout.name}: {v.score:.3f}")


def planted_table(per_kind: int, clean: int, samples: int | None):
    started = time.perf_counter()
    docs = quality.clean_documents(clean) + quality.sample_documents(SAMPLES, GOLD)[:samples]
    results = quality.plant_all(docs, per_kind=per_kind)
    print(f"\n2. Planted mistakes ({len(results)} plantings in {len(docs)} documents, "
          f"{time.perf_counter() - started:.0f} s)")
    print(f"{'kind':24} {'found':>6} {'planted':>8} {'recall':>7}   forms")
    forms = collections.defaultdict(set)
    for r in results:
        forms[r.kind].add(r.form)
    for kind, (ok, total) in quality.recall_by_kind(results).items():
        print(f"{kind:24} {ok:6} {total:8} {ok / total:7.3f}   {len(forms[kind])}")
    ok = sum(r.ok for r in results)
    print(f"{'all':24} {ok:6} {len(results):8} {ok / len(results):7.3f}")
    twins = quality.correct_twins(docs, per_doc=6)
    print(f"ratios written right (twins): {len(twins)} sentences, {sum(bool(a) for _, _, a in twins)} false findings")


def false_findings_table(clean_plans: int, scorer, samples: int | None):
    found = quality.clean_findings(quality.generated_specs(clean_plans, first_seed=40), LAYOUTS)
    alarms = sum(len(f) for _, _, f in found)
    print(f"\n3. False findings: {alarms} on {len(found)} clean generated documents "
          f"({alarms / len(found):.2f} per plan)")
    print(f"{'sample':22} {'recall':>10} {'precision':>10} {'extra':>6}")
    for path in sorted(SAMPLES.iterdir())[:samples]:
        expected = json.loads((GOLD / (path.stem + ".json")).read_text(encoding="utf-8"))
        findings = {"findings": [f.to_json() for f in check_document(read_path(path))]}
        line = _capture(scorer.score_findings, expected, findings)
        recall, precision = line.split("recall ")[1].split(",")[0], line.split("precision ")[1].split()[0]
        found_right = int(precision.split("/")[0])
        extra = int(precision.split("/")[1]) - found_right
        print(f"{path.name:22} {recall.split(' = ')[0]:>10} {precision:>10} {extra:6}")


def _capture(fn, *args) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args, False)
    return out.getvalue()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--plans", type=int, default=10, help="generated plans for the layout table")
    parser.add_argument("--random-layouts", type=int, default=40)
    parser.add_argument("--per-kind", type=int, default=9, help="plantings of each kind in each document")
    parser.add_argument("--clean", type=int, default=16, help="clean generated documents to plant into")
    parser.add_argument("--samples", type=int, help="the first N shared samples and their gold (default: all)")
    parser.add_argument("--false-plans", type=int, default=3, help="clean generated plans, every layout, for table 3")
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"Không có dữ liệu mẫu tại {SCORER.parent.parent}: bench/quality.py cần ../shared (bộ chấm điểm, văn bản mẫu).")
    scorer = quality.load_scorer(SCORER)
    layout_table(scorer, args.plans, args.random_layouts, args.samples)
    planted_table(args.per_kind, args.clean, args.samples)
    false_findings_table(args.false_plans, scorer, args.samples)


if __name__ == "__main__":
    main()
