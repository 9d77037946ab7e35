"""Fuzz the importer: mutated .docx, .pdf and .txt plans through reading and extraction, as an upload goes.

    .venv/bin/python bench/fuzz_import.py --count 10000

Mutations: byte flips, inserted and deleted runs, truncation, repeated chunks, and for .docx the XML inside
the zip mutated and zipped again (so the reader gets past the zip and meets broken markup). Every input
must end in a plan or in the importer's own DocumentError; anything else is printed and fails the run.
Printed: inputs per kind, outcomes, the slowest input.
"""

import argparse
import io
import random
import sys
import time
import traceback
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xaso import demo_documents as dd  # noqa: E402
from xaso.documents import DocumentError, Limits, read_bytes  # noqa: E402
from xaso.extract.plan import read_plan  # noqa: E402

LIMITS = Limits(max_bytes=5 * 1024 * 1024, max_pdf_pages=50)
NASTY = [b"\x00", b"\xff\xfe", b"<w:p>", b"</w:t>", b"%%EOF", b"obj", b"\r\n", "Điều 1. ≥ 95%".encode(), b"\xe2\x80",
         b"<script>", b"9" * 40, b"(" * 50, "Quý V/99999".encode(), b"\t|\t|"]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        choice = rng.random()
        at = rng.randrange(len(data) + 1) if data else 0
        if choice < 0.3 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif choice < 0.5:
            data[at:at] = rng.choice(NASTY)
        elif choice < 0.65 and data:
            del data[at:at + rng.randint(1, 200)]
        elif choice < 0.75:
            data = data[:at]
        elif choice < 0.9 and data:
            chunk = data[at:at + rng.randint(1, 500)]
            data[at:at] = chunk * rng.randint(1, 20)
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    return bytes(data)


def mutate_docx_inside(data: bytes, rng: random.Random) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        victims = [n for n in source.namelist() if n.endswith(".xml")]
        victim = rng.choice(victims)
        for name in source.namelist():
            content = source.read(name)
            if name == victim or (name == "word/document.xml" and rng.random() < 0.5):
                content = mutate_bytes(content, rng)
            if rng.random() < 0.03:
                continue  # a part missing
            target.writestr(name, content)
    return out.getvalue()


def seeds() -> dict[str, list[bytes]]:
    plans = [dd.make_plan(seed) for seed in (1, 2, 3)]
    return {"docx": [dd.to_docx(p) for p in plans], "pdf": [dd.to_pdf(p) for p in plans[:2]],
            "txt": [dd.to_markdown(p).encode() for p in plans]}


def run(count: int, seed: int) -> int:
    rng = random.Random(seed)
    corpus = seeds()
    outcomes, kinds, failures = Counter(), Counter(), []
    slowest = (0.0, "")
    start = time.perf_counter()
    for i in range(count):
        kind = ("docx", "pdf", "txt")[i % 3]
        original = rng.choice(corpus[kind])
        data = mutate_docx_inside(original, rng) if kind == "docx" and rng.random() < 0.5 else mutate_bytes(original, rng)
        name = f"ke-hoach-{i}.{'md' if kind == 'txt' else kind}"
        kinds[kind] += 1
        t0 = time.perf_counter()
        try:
            plan = read_plan(read_bytes(data, name, LIMITS))
            outcomes["read"] += 1
            outcomes["with tasks" if plan.tasks else "no tasks"] += 1
        except DocumentError as error:
            outcomes[f"clean error: {error.code}"] += 1
        except Exception:  # the one thing this run looks for
            failures.append((name, traceback.format_exc(limit=6), data[:200]))
        elapsed = time.perf_counter() - t0
        if elapsed > slowest[0]:
            slowest = (elapsed, name)
    total = time.perf_counter() - start
    print(f"{count} mutated inputs ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}) in {total:.0f} s")
    for outcome, n in sorted(outcomes.items()):
        print(f"  {outcome}: {n}")
    print(f"slowest input {slowest[0] * 1000:.0f} ms ({slowest[1]}); escaped exceptions: {len(failures)}")
    for name, trace, head in failures[:5]:
        print(f"--- {name} {head!r}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    raise SystemExit(run(args.count, args.seed))
