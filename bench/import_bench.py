"""Import speed and memory.

For each sample plan (../shared/samples, when present) and for documents made by xaso's own generator: the median
time of reading + extracting, the median time of the bare read by the library underneath (python-docx open and walk,
pypdfium2's own text read of every page, openpyxl, decoding a text file), and their ratio. Then, each in a fresh
interpreter so its peak memory is its own: a long PDF made by the generator (ruled task tables over many pages), and a
PDF that declares 100,000 pages, which must be refused before any page is read.

    .venv/bin/python bench/import_bench.py [--runs 5] [--pages 300] [--bomb-pages 100000] [--skip-big]
    .venv/bin/python bench/import_bench.py --pdf         # PDFs only: read and import beside pypdfium2's text read
    .venv/bin/python bench/import_bench.py --reference   # the same figures for the pdfplumber reader it replaced
    .venv/bin/python bench/import_bench.py --runs 1 --pages 8 --bomb-pages 2000 --no-samples   # CI: a few seconds

Targets (issue 14): the 28-page sample imports in ≤ 5× pypdfium2's text read; a 300-page PDF in ≤ 3 s and ≤ 150 MB;
the 100,000-page PDF refused in well under a second.
"""

from __future__ import annotations

import argparse
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from timing import median_seconds  # noqa: E402

from xaso import demo_documents as dd  # noqa: E402
from xaso.documents import Limits, read_bytes  # noqa: E402
from xaso.extract.plan import extract_plan  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "samples"
REFERENCE = "tests.documents.pdfplumber_reader"  # the reader before pdfium, kept for the comparison test


def pdfium_text(data: bytes):
    """pypdfium2's own read of a PDF's text layer: every page loaded, its text page built and read out."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            text_page = page.get_textpage()
            text_page.get_text_range()
            text_page.close()
            page.close()
    finally:
        pdf.close()


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
        pdfium_text(data)
    elif suffix == ".xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        for sheet in workbook.worksheets:
            list(sheet.iter_rows(values_only=True))
    else:
        data.decode("utf-8", errors="replace").splitlines()


def reader(reference: bool):
    """The function that reads a PDF: xaso's, or the pdfplumber reader it replaced."""
    if reference:
        import importlib

        return importlib.import_module(REFERENCE).read_pdf
    from xaso.documents.pdf import read_pdf

    return read_pdf


def documents(samples: bool, pdf_only: bool, tasks: int):
    if samples and SAMPLES.is_dir():
        for path in sorted(SAMPLES.iterdir()):
            if not pdf_only or path.suffix == ".pdf":
                yield path.name, path.read_bytes()
    plan = dd.make_plan(tasks=tasks)
    if not pdf_only:
        yield "generated.docx", dd.to_docx(plan)
        yield "generated.md", dd.to_markdown(plan).encode()
        yield "generated.xlsx", dd.to_xlsx(plan)
    yield "generated.pdf", dd.to_pdf(plan)


def speed_table(args):
    limits = Limits(max_pdf_pages=1000)
    read_pdf = reader(args.reference)

    def read(name, data):
        return read_pdf(data, name, limits) if name.endswith(".pdf") else read_bytes(data, name, limits)

    print(f"{'document':26} {'read ms':>8} {'import ms':>10} {'bare ms':>8} {'import/bare':>12}"
          + ("   (pdfplumber reader)" if args.reference else ""))
    for name, data in documents(not args.no_samples, args.pdf, args.tasks):
        extract_plan(read(name, data))  # warm-up: imports, caches
        bare_read(name, data)
        reading = median_seconds(lambda: read(name, data), args.runs)
        importing = median_seconds(lambda: extract_plan(read(name, data)), args.runs)
        bare = median_seconds(lambda: bare_read(name, data), args.runs)
        print(f"{name:26} {reading * 1000:8.0f} {importing * 1000:10.0f} {bare * 1000:8.0f} {importing / bare:12.2f}")
    print("(bare: python-docx, openpyxl, decoding; for a PDF pypdfium2's own text read of every page. Target for the "
          "28-page sample: import/bare ≤ 5)")


def _in_fresh_interpreter(code: str) -> list[str]:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return result.stdout.split()


def big_pdf(pages_wanted: int, reference: bool) -> None:
    """A PDF of about `pages_wanted` pages: body text and one ruled task table broken across most of them."""
    plan = dd.make_plan(tasks=max(4, pages_wanted * 2), filler_paragraphs=max(10, pages_wanted * 13))
    data = dd.to_pdf(plan)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "ke-hoach-dai.pdf"
        path.write_bytes(data)
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(data)
        pages = len(pdf)
        pdf.close()
        read = f"from {REFERENCE} import read_pdf" if reference else "from xaso.documents.pdf import read_pdf"
        code = (
            "import sys, time, resource; sys.path[:0] = [%r, %r]\n"
            "from xaso.documents import Limits\nfrom xaso.extract.plan import extract_plan\n%s\n"
            "data = open(%r, 'rb').read(); t = time.perf_counter(); cpu = time.process_time()\n"
            "plan = extract_plan(read_pdf(data, 'ke-hoach-dai.pdf', Limits(max_pdf_pages=10**6, max_bytes=10**9)))\n"
            "usage = resource.getrusage(resource.RUSAGE_SELF)\n"
            "print(time.perf_counter() - t, time.process_time() - cpu, len(plan.tasks), usage.ru_maxrss)"
        ) % (str(ROOT), str(ROOT / "bench"), read, str(path))
        seconds, cpu, tasks, peak_kb = _in_fresh_interpreter(code)
        floor = median_seconds(lambda: pdfium_text(data), 1)
        baseline = _in_fresh_interpreter("import resource, pypdfium2, pdfplumber, docx; "
                                         "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")[0]
        print(f"\n{pages}-page PDF ({len(data) / 1e6:.1f} MB, {tasks} tasks read): {float(seconds):.2f} s "
              f"({float(cpu):.2f} s of CPU; pypdfium2's text read {floor:.2f} s), peak memory "
              f"{int(peak_kb) / 1024:.0f} MB (interpreter with libraries loaded: {int(baseline) / 1024:.0f} MB); "
              "target ≤ 3 s and ≤ 150 MB for 300 pages")


def page_bomb(pages: int, reference: bool) -> None:
    """A PDF declaring `pages` pages, read with the default limits: refused at once, before any page is built."""
    read = f"from {REFERENCE} import read_pdf" if reference else "from xaso.documents.pdf import read_pdf"
    code = (
        "import sys, time, resource; sys.path[:0] = [%r]\n"
        "from tests.pdfs import page_bomb\nfrom xaso.documents import Limits\nfrom xaso.documents.errors import "
        "DocumentError\n%s\n"
        "data = page_bomb(%d); start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss; t = time.perf_counter()\n"
        "try:\n    read_pdf(data, 'bom.pdf', Limits()); code = 'read'\n"
        "except DocumentError as exc:\n    code = exc.code\n"
        "print(time.perf_counter() - t, code, len(data), start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    ) % (str(ROOT), read, pages)
    seconds, code, size, before_kb, peak_kb = _in_fresh_interpreter(code)
    print(f"\n{pages}-page PDF bomb ({int(size) / 1e6:.1f} MB): answered '{code}' in {float(seconds) * 1000:.0f} ms, "
          f"peak memory {int(peak_kb) / 1024:.0f} MB ({int(before_kb) / 1024:.0f} MB before reading); "
          "target: refused in well under a second")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--tasks", type=int, default=20, help="tasks in the generated documents")
    parser.add_argument("--pages", type=int, default=300, help="pages of the long generated PDF")
    parser.add_argument("--bomb-pages", type=int, default=100_000)
    parser.add_argument("--skip-big", action="store_true", help="skip the long PDF and the page bomb")
    parser.add_argument("--no-samples", action="store_true", help="generated documents only")
    parser.add_argument("--pdf", action="store_true", help="PDFs only")
    parser.add_argument("--reference", action="store_true",
                        help="read PDFs with the pdfplumber reader xaso used before (tests/documents), to compare")
    args = parser.parse_args()
    speed_table(args)
    if not args.skip_big:
        big_pdf(args.pages, args.reference)
        page_bomb(args.bomb_pages, args.reference)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
