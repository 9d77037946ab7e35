"""The PDF reader (pdfium, run by run) against the pdfplumber reader it replaced, and its limits.

The comparison is metamorphic: the same generated PDF read both ways must give the same Document — every paragraph's
text, page, line, bold and bullet flags, every table cell — so a plan imports and checks as it did, with the places
("trang 3, dòng 12") the pages show. The family covers what communes' PDFs hold: ruled, partly ruled and unruled
tables, merged cells, tables broken across pages with a repeated header, two columns, landscape pages, bold words
inside lines, headers drawn as reusable forms, TrueType and built-in fonts.
"""

import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.documents import pdfplumber_reader
from tests.pdfs import TWO_PAGES, crowded_line, page_bomb, pdf_of_pages, varied_pdf
from tests.variants import quality
from tests.variants.render import LAYOUTS, render
from xaso import demo_documents as dd
from xaso.documents import Limits, pdf, read_bytes
from xaso.documents.errors import DocumentError

ROOT = Path(__file__).resolve().parents[2]


def _blocks(doc):
    return [(b.kind, getattr(b, "text", None), getattr(b, "rows", None), b.line, getattr(b, "bold", None),
             getattr(b, "bullet", None), b.page) for b in doc.blocks]


def _generated():
    yield "deux-pages", pdf_of_pages(TWO_PAGES)
    for tasks in (3, 40):
        yield f"demo-{tasks}", dd.to_pdf(dd.make_plan(tasks=tasks))
    for name, spec in quality.generated_specs(2):
        for layout in (layout for layout in LAYOUTS if layout.fmt == "pdf"):
            yield f"{name}-{layout.name}", render(spec, layout)[1]
    for seed in range(12):
        yield f"family-{seed}", varied_pdf(seed)


@pytest.mark.parametrize("name,data", list(_generated()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_pdfium_reader_reads_every_generated_pdf_as_pdfplumber_did(name, data):
    limits = Limits(max_pdf_pages=1000)
    new = pdf.read_pdf(data, f"{name}.pdf", limits)
    assert new.blocks, name
    assert _blocks(new) == _blocks(pdfplumber_reader.read_pdf(data, f"{name}.pdf", limits))


def test_a_table_is_found_where_rules_are_drawn_and_its_cells_read_in_order():
    plan = dd.make_plan(tasks=12)
    doc = read_bytes(dd.to_pdf(plan), "ke-hoach.pdf")
    assert doc.tables and all(t.page for t in doc.tables)
    rows = [[" ".join(cell.split()) for cell in row] for table in doc.tables for row in table.rows]
    written = dd._rows(plan)
    assert rows[0] == written[0]  # the header, its wrapped cells rejoined
    assert [row for row in rows if row != written[0]] == written[1:]  # a header repeated on a new page aside


def test_a_page_bomb_is_refused_before_any_page_is_read():
    """Issue 13: 100,000 declared pages cost the pdfplumber reader 14 s and 350 MB before its page check ran. Measured
    in a fresh interpreter, so the peak memory is the refusal's own."""
    code = (
        "import sys, time, resource; sys.path.insert(0, %r)\n"
        "from tests.pdfs import page_bomb\nfrom xaso.documents import Limits, read_bytes\n"
        "from xaso.documents.errors import DocumentError\n"
        "data = page_bomb(100_000); before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "t = time.perf_counter()\n"
        "try:\n    read_bytes(data, 'bom.pdf', Limits()); code = 'read'\n"
        "except DocumentError as exc:\n    code = exc.code; message = exc.message\n"
        "print(time.perf_counter() - t, code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)\n"
        "print(message)"
    ) % str(ROOT)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    seconds, code, grown_kb = out[0].split()
    print(f"100,000-page PDF: '{code}' in {float(seconds) * 1000:.0f} ms, memory grown {int(grown_kb) / 1024:.0f} MB")
    assert code == "too_many_pages"
    assert out[1] == "Tệp PDF “bom.pdf” có 100000 trang, vượt giới hạn 500 trang."
    assert float(seconds) < 1.0 and int(grown_kb) < 50 * 1024


def test_a_bomb_under_the_page_limit_is_read_without_building_more_than_it_needs():
    start = time.perf_counter()
    with pytest.raises(DocumentError) as caught:  # empty pages: no text layer
        read_bytes(page_bomb(400), "rong.pdf")
    assert caught.value.code == "no_text"
    assert time.perf_counter() - start < 5


def test_a_line_of_thousands_of_runs_is_read_without_comparing_every_pair():
    """Issue 13, the attack on the check page: 8,000 one-letter text objects on one line (a 1 KB PDF) cost the
    reader 12 s of CPU, every run compared with every other one for the spaces pdfium makes up and for the
    runs touching their neighbour."""
    data = crowded_line(8000)
    start = time.process_time()
    doc = read_bytes(data, "mot-dong.pdf")
    spent = time.process_time() - start
    print(f"{len(data)} bytes, 8,000 runs on one line: read in {spent:.2f} s of CPU")
    assert doc.paragraphs[0].text.count("x") == 8000
    assert spent < 4


def test_text_past_the_limit_is_refused_as_it_is_read(monkeypatch):
    data = dd.to_pdf(dd.make_plan(tasks=40))
    monkeypatch.setattr(pdf, "MAX_TEXT_CHARS", 2000)
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, "dai.pdf")
    assert caught.value.code == "too_much_text"
    assert "“dai.pdf”" in caught.value.message and "2.000 ký tự" in caught.value.message


def test_places_are_pages_and_lines_as_a_person_counts_them():
    doc = read_bytes(pdf_of_pages(TWO_PAGES), "hai-trang.pdf")
    where = {p.text: doc.where(p) for p in doc.paragraphs}
    assert where["Đã giải quyết 6129/6190 hồ sơ, đạt 99,82%."] == "trang 2, dòng 3"
    assert where["Đã giải quyết 6000/6190 hồ sơ, đạt 96,93%."] == "trang 1, dòng 3"
    assert where["Phần I. Kết quả năm 2025"] == "trang 2, dòng 1"


def test_the_import_bench_runs_at_a_tiny_size_and_prints_its_figures():
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "import_bench.py"), "--runs", "1", "--tasks", "3",
                           "--pages", "4", "--bomb-pages", "2000", "--no-samples"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "generated.pdf" in out and "import/bare" in out
    assert "-page PDF (" in out and "peak memory" in out
    assert "2000-page PDF bomb" in out and "answered 'too_many_pages'" in out
