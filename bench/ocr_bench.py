"""Import speed and memory of a scan (issue 16: a 15-page scan in ≤ 4 s a page on this machine).

A plan made by xaso's generator (ruled task tables over several pages), printed to PDF, scanned back as
tests/variants/scan.py does (turned 1°, noise, JPEG), cut to --pages pages, then read by the importer (OCR of every
page, tables rebuilt, extraction) in a fresh interpreter, so its peak memory is its own. Prints the seconds a page
(wall clock: the whole import over the pages; ocr.WORKERS pages are read at once), the time between two pages'
progress reports (what the progress bar shows), the CPU seconds per page (this process and Tesseract's together: on a
busy machine the wall clock measures the neighbours too) and the peak memory of the reader and of one Tesseract.

    .venv/bin/python bench/ocr_bench.py [--pages 15]
    .venv/bin/python bench/ocr_bench.py --pages 1   # CI: a few seconds
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from xaso import demo_documents as dd  # noqa: E402

CHILD = r"""
import json, resource, statistics, sys, time
sys.path.insert(0, sys.argv[1])
from xaso.documents import read_bytes
from xaso.extract.plan import extract_plan
data = open(sys.argv[2], "rb").read()
marks = [time.perf_counter()]
started = time.process_time()
doc = read_bytes(data, "ban-quet.pdf", progress=lambda done, total: marks.append(time.perf_counter()))
plan = extract_plan(doc)
pages = [b - a for a, b in zip(marks, marks[1:])]
own = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": time.perf_counter() - marks[0], "pages": pages, "tasks": len(plan.tasks),
                  "cpu_self": time.process_time() - started, "cpu_children": children.ru_utime + children.ru_stime,
                  "peak_mb": own.ru_maxrss / 1024, "child_peak_mb": children.ru_maxrss / 1024}))
"""


def scanned_plan(pages: int) -> bytes:
    """A generated plan long enough for `pages` pages, scanned, cut to exactly `pages` pages."""
    import pypdfium2 as pdfium

    from tests.variants import scan

    tasks = 4
    while True:
        text = dd.to_pdf(dd.make_plan(tasks=tasks, filler_paragraphs=6))
        if len(pdfium.PdfDocument(text)) >= pages:
            break
        tasks *= 2
    whole = pdfium.PdfDocument(text)
    cut = pdfium.PdfDocument.new()
    cut.import_pages(whole, list(range(pages)))
    out = io.BytesIO()
    cut.save(out)
    return scan.scan(out.getvalue(), scan.VARIANTS[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=15)
    args = parser.parse_args()
    import statistics
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ban-quet.pdf"
        path.write_bytes(scanned_plan(args.pages))
        size = path.stat().st_size
        out = subprocess.run([sys.executable, "-c", CHILD, str(ROOT), str(path)], capture_output=True, text=True,
                             check=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    n = len(r["pages"])
    print(f"{n}-page scan ({size / 1024 / 1024:.1f} MB, {r['tasks']} tasks read): {r['wall']:.1f} s in all, "
          f"{r['wall'] / n:.2f} s a page; between two pages' progress: median {statistics.median(r['pages']):.2f} s, "
          f"longest {max(r['pages']):.2f} s")
    cpu = r["cpu_self"] + r["cpu_children"]
    print(f"CPU {cpu / n:.2f} s a page (Tesseract {r['cpu_children'] / n:.2f} s, reader {r['cpu_self'] / n:.2f} s); "
          f"peak memory {r['peak_mb']:.0f} MB (one Tesseract {r['child_peak_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
