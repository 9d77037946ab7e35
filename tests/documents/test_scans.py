"""Scans read by OCR (xaso/documents/ocr.py): made at test time from PDFs (tests/variants/scan.py), never kept.

The engine is Tesseract with its Vietnamese model (scripts/system-deps installs it); about 2 s of CPU a page, so
every scan here is read once, in the PostgreSQL pass only (tests/documents is pure core: `make test-sqlite` skips it).
The real samples' scans (`samples`: the two PDFs, 50 pages, and the text-only sample printed by the layout generator,
each scanned once in its own way; about 2 minutes of CPU, 4-9 minutes on two cores shared with other work) are the
proof of issue 16; the generated plan's scan is the sub-minute check.
"""

from __future__ import annotations

import io
import json
import stat

import pytest

from tests.samples import GOLD, SAMPLES, SCORER, require_shared
from tests.variants import scan
from tests.variants.quality import load_scorer, score
from tests.variants.render import LAYOUTS, gold, render
from tests.variants.spec import random_plan
from xaso import demo_documents as dd
from xaso.checks import check_document
from xaso.documents import DocumentError, Limits, read_bytes
from xaso.documents import ocr
from xaso.extract.plan import extract_plan

THRESHOLD = 0.85  # issue 16: each scan of a sample scores at least this


def _plan_pdf(**changes) -> bytes:
    plan = dd.make_plan(tasks=4, filler_paragraphs=1)
    for row, column, value in changes.get("cells", ()):
        plan.tasks[row][column] = value
    return dd.to_pdf(plan)


@pytest.fixture(scope="module")
def plan_scan() -> bytes:
    return scan.scan(_plan_pdf(), scan.VARIANTS[0])


# --- The engine, present or not --------------------------------------------------------------------------------


def _fake_tesseract(folder, languages: str):
    program = folder / "tesseract"
    program.write_text(f"#!/bin/sh\necho 'List of available languages in \"/x/\" (1):'\necho {languages}\n")
    program.chmod(program.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize("languages,says", [
    (None, "chưa cài Tesseract"),
    ("eng", "tesseract-ocr-vie"),
], ids=["không-có-tesseract", "không-có-tiếng-việt"])
def test_a_scan_without_the_engine_is_refused_saying_what_to_install(languages, says, tmp_path, monkeypatch, plan_scan):
    if languages:
        _fake_tesseract(tmp_path, languages)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(DocumentError) as caught:
        read_bytes(plan_scan, "ban-quet.pdf")
    assert caught.value.code == "no_ocr"
    message = caught.value.message
    assert "“ban-quet.pdf”" in message and says in message
    assert "sudo apt-get install tesseract-ocr tesseract-ocr-vie" in message


def test_a_text_pdf_reads_without_the_engine(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    doc = read_bytes(_plan_pdf(), "ke-hoach.pdf")
    assert doc.tables and not doc.unsure


# --- Straightening and ruling lines ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_page():
    return scan.pages(_plan_pdf())[0]


@pytest.mark.parametrize("turned", [1.0, -1.0, 0.4, -2.0, 0.0])
def test_the_skew_of_a_page_is_found_to_a_tenth_of_a_degree(plan_page, turned):
    from PIL import Image

    page = plan_page.rotate(turned, Image.Resampling.BICUBIC, fillcolor=255)
    assert abs(ocr.skew_angle(page) + turned) <= 0.1


def test_uneven_light_is_evened_out_and_white_paper_left_alone(plan_page):
    from PIL import Image

    assert ocr.even_light(plan_page) is plan_page  # a scanner's white paper: untouched
    shade = Image.linear_gradient("L").rotate(90, expand=True).resize(plan_page.size).point(lambda v: 120 + v // 3)
    dim = Image.composite(plan_page, Image.new("L", plan_page.size, 0), shade)
    assert dim.getextrema()[1] < 240
    evened = ocr.even_light(dim)
    left_paper = evened.crop((5, 5, 40, 40)).getextrema()
    assert left_paper[0] > 225  # the dark side's paper is white again


# --- Tables, mixed PDFs, progress ------------------------------------------------------------------------------


def test_a_scanned_ruled_table_reads_as_the_text_pdfs_table(plan_scan):
    text = read_bytes(_plan_pdf(), "ke-hoach.pdf")
    scanned = read_bytes(plan_scan, "ban-quet.pdf")
    assert [len(t.rows) for t in scanned.tables] == [len(t.rows) for t in text.tables]
    assert [len(r) for t in scanned.tables for r in t.rows] == [len(r) for t in text.tables for r in t.rows]
    pairs = [(r, s) for t, u in zip(text.tables, scanned.tables) for r, s in zip(t.rows, u.rows)]
    same = sum(a == b for r, s in pairs for a, b in zip(r, s))
    cells = sum(len(r) for t in text.tables for r in t.rows)
    assert same >= 0.8 * cells, (text.tables, scanned.tables)
    plan = extract_plan(scanned)
    assert len(plan.tasks) == 4 and plan.commune == "Phúc Điền" and plan.plan_year == 2027


def _unruled_table_pdf() -> bytes:
    """A paragraph, a table printed without lines (columns kept apart by white space only), a paragraph."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    dd.to_pdf(dd.make_plan(tasks=1))  # registers the Vietnamese font
    body = ParagraphStyle("body", fontName="XasoSans", fontSize=11, leading=14)
    table = Table(UNRULED, colWidths=[40, 220, 70, 80])
    table.setStyle([("FONTNAME", (0, 0), (-1, -1), "XasoSans"), ("FONTSIZE", (0, 0), (-1, -1), 11)])
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([
        Paragraph("Các chỉ tiêu cụ thể như sau, theo từng lĩnh vực của kế hoạch:", body), table,
        Paragraph("Các đơn vị báo cáo kết quả hằng quý về Phòng Văn hóa - Xã hội.", body)])
    return out.getvalue()


UNRULED = [["TT", "Chỉ tiêu", "Đơn vị", "Năm 2026"], ["1", "Hồ sơ xử lý trực tuyến", "%", "90"],
           ["2", "Hộ có cáp quang", "%", "85"], ["3", "Người dân có chữ ký số", "%", "40"]]


def test_a_table_without_lines_is_rebuilt_from_its_columns_of_words():
    doc = read_bytes(scan.scan(_unruled_table_pdf(), scan.VARIANTS[1]), "khong-ke.pdf")
    assert [b.kind for b in doc.blocks] == ["paragraph", "table", "paragraph"]
    rows = doc.tables[0].rows
    assert len(rows) == 4 and all(len(row) == 4 for row in rows)
    assert [row[1:] for row in rows] == [row[1:] for row in UNRULED]


def test_a_mixed_pdf_keeps_its_text_pages_and_reads_its_scanned_ones_reporting_each_page(plan_scan):
    import pypdfium2 as pdfium

    mixed = pdfium.PdfDocument.new()
    text, scanned = pdfium.PdfDocument(_plan_pdf()), pdfium.PdfDocument(plan_scan)
    mixed.import_pages(text, [0])
    mixed.import_pages(scanned, [len(scanned) - 1])
    out = io.BytesIO()
    mixed.save(out)
    seen = []
    doc = read_bytes(out.getvalue(), "hon-hop.pdf", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 2), (2, 2)]
    assert doc.paragraphs[0].text == "KẾ HOẠCH"  # page 1: the text layer, exactly
    assert any(t.page == 2 for t in doc.tables)  # page 2: the scanned task table


def test_the_words_ocr_was_unsure_of_are_kept(plan_scan):
    doc = read_bytes(scan.image_pdf(scan.pages(_plan_pdf())[:1], scan.Scanning("mờ", blur=1.6, noise=12, quality=30)),
                     "mo.pdf")
    text = " ".join(p.text for p in doc.paragraphs) + " ".join(c for t in doc.tables for r in t.rows for c in r)
    assert doc.unsure
    assert sum(word in text for word in doc.unsure) >= 0.9 * len(doc.unsure)  # a few are cut at a line's end hyphen


def test_a_page_over_the_time_guard_is_refused(plan_scan):
    with pytest.raises(DocumentError) as caught:
        read_bytes(plan_scan, "cham.pdf", Limits(max_ocr_seconds=0.01))
    assert caught.value.code == "ocr_timeout" and "Trang 1" in caught.value.message


# --- Photos ----------------------------------------------------------------------------------------------------


def test_a_phone_photo_of_a_page_is_read(plan_page):
    doc = read_bytes(scan.photo(plan_page, seed=3), "anh-chup.jpg")
    text = " ".join(p.text for p in doc.paragraphs)
    assert doc.format == "image" and "Phúc Điền" in text


@pytest.mark.parametrize("name,data,code", [
    ("trang.png", b"\xff\xd8\xff\xe0" + b"\0" * 100, "bad_image"),  # a JPEG named .png
    ("trang.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, "bad_image"),  # cut short
    ("trang.jpg", b"%PDF-1.4 not an image", "bad_image"),
], ids=["jpeg-doi-ten-png", "jpeg-hong", "pdf-doi-ten-jpg"])
def test_a_broken_image_is_refused(name, data, code):
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, name)
    assert caught.value.code == code and name in caught.value.message


def test_an_image_claiming_more_pixels_than_the_limit_is_refused_before_it_is_decoded():
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (4000, 3000), 255).save(out, "PNG")
    with pytest.raises(DocumentError) as caught:
        read_bytes(out.getvalue(), "lon.png", Limits(max_image_pixels=10_000_000))
    assert caught.value.code == "image_too_large"


# --- The checker reads OCR text --------------------------------------------------------------------------------


def test_the_checker_quotes_the_recognised_text_of_a_scan():
    wrong = _plan_pdf(cells=[(1, 3, "Quý II/2025")])  # a 2027 plan: a deadline two years early
    doc = read_bytes(scan.scan(wrong, scan.VARIANTS[1]), "sai-nam.pdf")
    findings = [f for f in check_document(doc) if f.kind == "wrong_year" and "2025" in f.quote]
    assert findings, check_document(doc)
    # The quote is the task as read ("name: deadline"), each part word for word from the recognised cells.
    cells = {" ".join(c.split()) for t in doc.tables for r in t.rows for c in r}
    name, deadline = findings[0].quote.rsplit(": ", 1)
    assert deadline == "Quý II/2025" and deadline in cells and name in cells, (findings[0], cells)


# --- Scores ----------------------------------------------------------------------------------------------------


def test_a_generated_plans_scan_scores():
    """The sub-minute proof: a generated plan (3 pages), scanned turned, noisy and compressed, scored against its
    own gold."""
    require_shared()
    spec = random_plan(4)
    layout = next(layout for layout in LAYOUTS if layout.fmt == "pdf")
    _, pdf = render(spec, layout)
    doc = read_bytes(scan.scan(pdf, scan.VARIANTS[0]), "sinh.pdf")
    value, report = score(load_scorer(SCORER), gold(spec, layout), extract_plan(doc).to_json())
    assert value >= THRESHOLD, report


SAMPLE_SCANS = [("ha-long-2026.pdf", 0), ("tan-thanh-2026.pdf", 1)]  # each sample once, each variant once


@pytest.mark.samples
@pytest.mark.parametrize("sample,variant", SAMPLE_SCANS, ids=[f"{s}-{scan.VARIANTS[v].name}" for s, v in SAMPLE_SCANS])
def test_the_scanned_samples_score(sample, variant, capsys):
    require_shared()
    how = scan.VARIANTS[variant]
    doc = read_bytes(scan.scan((SAMPLES / sample).read_bytes(), how), sample)
    expected = json.loads((GOLD / sample.replace(".pdf", ".json")).read_text(encoding="utf-8"))
    value, report = score(load_scorer(SCORER), expected, extract_plan(doc).to_json())
    with capsys.disabled():
        print(f"\n{sample} ({how.name}): score {value:.3f}")
    assert value >= THRESHOLD, report


@pytest.mark.samples
def test_the_text_samples_printed_and_scanned_score():
    """The sample that exists only as text (can-loc-2026.txt): its gold's indicators, tasks and results printed by the
    layout generator as a PDF with ruled tables, scanned, scored against that layout's gold."""
    require_shared()
    from tests.variants.from_gold import plan_from_gold

    spec = plan_from_gold(json.loads((GOLD / "can-loc-2026.json").read_text(encoding="utf-8")))
    layout = next(layout for layout in LAYOUTS if layout.fmt == "pdf")
    how = scan.VARIANTS[2]
    _, pdf = render(spec, layout)
    doc = read_bytes(scan.scan(pdf, how), "can-loc-2026.pdf")
    value, report = score(load_scorer(SCORER), gold(spec, layout), extract_plan(doc).to_json())
    print(f"\ncan-loc-2026 (in PDF, {how.name}): score {value:.3f}")
    assert value >= THRESHOLD, report
