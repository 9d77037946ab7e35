"""Import speed and memory.

For each sample plan (../shared/samples, when present) and for documents made by xaso's own generator:
the median time of reading + extracting, the median time of the bare read by the library underneath
(python-docx open and walk, pdfplumber text extraction, decoding a text file), and their ratio.
Then the peak memory of importing a 300-page PDF made by the generator.

    .venv/bin/python bench/import_bench.py [--runs 5] [--skip-big]
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import median_seconds  # noqa: E402

from xaso import demo_documents as dd  # noqa: E402
from xaso.documents import Limits, read_bytes  # noqa: E402
from xaso.extract.plan import extract_plan  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "samples"


def bare_read(name: str, data: bytes):
    suffix = Path(name).suffix
    if suffix == ".docx":
        import docx

        document = docx.Document(io.BytesIO(data))
        for p in document.paragraphs:
            p.text
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    cell.text
    elif suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
    elif suffix == ".xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        for sheet in workbook.worksheets:
            list(sheet.iter_rows(values_only=True))
    else:
        data.decode("utf-8", errors="replace").splitlines()


def full_import(name: str, data: bytes):
    return extract_plan(read_bytes(data, name, Limits(max_pdf_pages=1000)))




def documents():
    if SAMPLES.is_dir():
        for path in sorted(SAMPLES.iterdir()):
            yield path.name, path.read_bytes()
    plan = dd.make_plan(tasks=20)
    yield "generated.docx", dd.to_docx(plan)
    yield "generated.md", dd.to_markdown(plan).encode()
    yield "generated.xlsx", dd.to_xlsx(plan)
    yield "generated.pdf", dd.to_pdf(plan)


def big_pdf_memory(pages_wanted: int = 300) -> None:
    plan = dd.make_plan(tasks=600, filler_paragraphs=4000)
    data = dd.to_pdf(plan)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ke-hoach-300-trang.pdf"
        path.write_bytes(data)
        import pdfplumber

        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        code = (
            "import sys, time, resource; sys.path.insert(0, %r)\n"
            "from xaso.documents import Limits, read_path\nfrom xaso.extract.plan import extract_plan\n"
            "t = time.perf_counter(); plan = extract_plan(read_path(%r, Limits(max_pdf_pages=1000, max_bytes=10**9)))\n"
            "print(time.perf_counter() - t, len(plan.tasks), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        ) % (str(Path(__file__).resolve().parents[1]), str(path))
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
        seconds, tasks, peak_kb = float(out[0]), int(out[1]), int(out[2])
        baseline = subprocess.run([sys.executable, "-c", "import resource, pdfplumber, docx; "
                                   "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
                                  capture_output=True, text=True, check=True).stdout
        print(f"\n{pages}-page PDF ({len(data) / 1e6:.1f} MB, {tasks} tasks read): {seconds:.1f} s, "
              f"peak memory {peak_kb / 1024:.0f} MB (interpreter with libraries loaded: {int(baseline) / 1024:.0f} MB); "
              f"target ≤ 200 MB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--skip-big", action="store_true")
    args = parser.parse_args()
    print(f"{'document':26} {'import ms':>10} {'bare ms':>9} {'ratio':>6}")
    for name, data in documents():
        full_import(name, data)  # warm-up: imports, caches
        ours = median_seconds(lambda: full_import(name, data), args.runs)
        bare = median_seconds(lambda: bare_read(name, data), args.runs)
        print(f"{name:26} {ours * 1000:10.0f} {bare * 1000:9.0f} {ours / bare:6.2f}")
    if not args.skip_big:
        big_pdf_memory()


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
