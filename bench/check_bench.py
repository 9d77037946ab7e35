"""Checker speed: median time per plan beyond reading it (extraction + every rule). Target ≤ 100 ms.

    .venv/bin/python bench/check_bench.py [--runs 7] [--no-samples]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from xaso import demo_documents as dd  # noqa: E402
from xaso.checks import check_document  # noqa: E402
from xaso.documents import read_bytes  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def documents(samples: bool = True):
    if samples and SAMPLES.is_dir():
        for path in sorted(SAMPLES.iterdir()):
            yield path.name, path.read_bytes()
    plan = dd.make_plan(tasks=60, filler_paragraphs=200)
    yield "generated-60-tasks.docx", dd.to_docx(plan)
    yield "generated-60-tasks.md", dd.to_markdown(plan).encode()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-samples", action="store_true", help="generated documents only, not ../shared/samples")
    args = parser.parse_args()
    print(f"{'document':28} {'paragraphs':>10} {'check ms':>9} {'findings':>9}")
    for name, data in documents(not args.no_samples):
        doc = read_bytes(data, name)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            findings = check_document(doc)
            times.append(time.perf_counter() - start)
        print(f"{name:28} {len(doc.paragraphs):10} {statistics.median(times) * 1000:9.1f} {len(findings):9}")


if __name__ == "__main__":
    main()
