"""The .docx tables read back as Word and LibreOffice lay them out: columns sized to their content and summing to
the text width of an A4 page with the Nghị định 30 margins (165 mm), header rows repeated on every page."""

import io
from datetime import date

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from xaso.reports.documents import next_year_draft, progress_report
from xaso.reports.layout import fit_columns, table

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)
TEXT_WIDTH_TWIPS = round(165 * 1440 / 25.4)


@pytest.fixture
def demo_plan(db):
    """A generated commune's plan (about 25 tasks, 20 indicators) with a year of accepted reports."""
    from xaso.plans.demo import generate_province
    from xaso.tracking.demo import add_progress

    _, plans = generate_province("Tỉnh Bảng Biểu", 1, 2026, seed=5)
    add_progress(plans, TODAY)
    return plans[0]


def _data_tables(document):
    return [t for t in document.tables if t.rows[0]._tr.trPr is not None
            and t.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None]


def _widths(t) -> list[int]:
    return [col.w.twips for col in t._tbl.tblGrid.gridCol_lst]


DOCUMENTS = [
    ("progress report", lambda plan: progress_report(plan.commune, "2026-Q3", "docx", TODAY)[0],
     [("Chỉ tiêu", "Chỉ tiêu"), ("Nhiệm vụ", "Nhiệm vụ"), ("Lĩnh vực", "Lĩnh vực"), ("Nguồn kinh phí", "Nguồn kinh phí")]),
    ("draft plan", lambda plan: next_year_draft(plan.commune, 2027, TODAY)[0],
     [("Chỉ tiêu", "Chỉ tiêu"), ("Tên nhiệm vụ", "Tên nhiệm vụ")]),
]


@pytest.mark.parametrize("label,build,tables", DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_columns_are_sized_to_their_content_and_fill_the_text_width(demo_plan, label, build, tables):
    document = docx.Document(io.BytesIO(build(demo_plan)))
    found = _data_tables(document)
    assert [t.rows[0].cells[1].text for t in found] == [second for second, _ in tables]
    for t, (_, widest) in zip(found, tables):
        widths = _widths(t)
        headers = [c.text for c in t.rows[0].cells]
        assert abs(sum(widths) - TEXT_WIDTH_TWIPS) <= 1, widths
        assert len(set(widths)) > 2, widths  # not the equal columns that wrapped names word by word
        assert headers[widths.index(max(widths))] == widest
        assert widths[0] == min(widths)  # the "TT" column
        layout = t._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        for row in t.rows:  # every cell carries its column's width, as Word reads it
            assert [c.width.twips for c in row.cells] == widths
        assert all(row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None for row in t.rows[1:])


def test_the_status_column_is_narrow_and_the_name_wide(demo_plan):
    document = docx.Document(io.BytesIO(progress_report(demo_plan.commune, "2026-Q3", "docx", TODAY)[0]))
    tasks = _data_tables(document)[1]
    widths = dict(zip([c.text for c in tasks.rows[0].cells], _widths(tasks)))
    assert widths["Nhiệm vụ"] > 2.5 * widths["Tình trạng"]
    assert widths["Tình trạng"] >= 20 * 1440 / 25.4 * 0.95  # "Đang triển khai" on two lines, not three


@pytest.mark.parametrize("rows,expected", [
    # (body rows, what the widths must show)
    ([["1", "Xây dựng và vận hành hệ thống thông tin báo cáo của xã, kết nối với hệ thống của tỉnh", "Đạt"]] * 5,
     "name widest, status narrow"),
    ([["a b", "a b", "a b"]] * 3, "equal"),
    ([["Siêuđộdàikhôngthểngắthơnđượcnữađâu" * 3, "Siêuđộdàikhôngthểngắthơnđượcnữađâu" * 3, "x"]], "overflow still fills the line"),
])
def test_fit_columns_rules(rows, expected):
    document = docx.Document()
    t = table(document, [("TT", "", 10), ("Nhiệm vụ", "", 60), ("Tình trạng", "", 25)], "r in rows")
    for _ in range(3):
        t._tbl.remove(t._tbl.tr_lst[-1])  # keep the header row only, then add the body
    for values in rows:
        cells = t.add_row().cells
        for cell, text in zip(cells, values):
            cell.text = text
    widths = fit_columns(t._tbl, TEXT_WIDTH_TWIPS)
    assert sum(widths) == TEXT_WIDTH_TWIPS and _widths(t) == widths
    if expected == "name widest, status narrow":
        assert widths[1] == max(widths) and widths[2] < widths[1] / 2
    elif expected == "equal":
        assert max(widths) - min(widths) <= 1
    else:
        assert min(widths) > 0


def test_a_long_task_list_spans_pages_with_its_header_repeated(tmp_path, libreoffice):
    """LibreOffice prints the report; every page the task table reaches starts with the header row."""
    from xaso.plans.demo import generate_province
    from xaso.tracking.demo import add_progress

    _, plans = generate_province("Tỉnh Nhiều Việc", 1, 2026, seed=9, tasks=80)
    add_progress(plans, TODAY)
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(progress_report(plans[0].commune, "2026-Q3", "docx", TODAY)[0])
    printed = libreoffice(source, "pdf")
    header = ["TT", "Nhiệm vụ", "Chủ trì", "Tình trạng", "Ghi chú"]
    pages_with_tasks = []
    with pdfplumber.open(printed) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for found in page.find_tables():
                rows = found.extract()
                first = [(cell or "").replace("\n", " ") for cell in rows[0]]
                if first[1] == "Nhiệm vụ" or any("(đợt" in (row[1] or "") for row in rows):
                    pages_with_tasks.append((number, first))
    assert len(pages_with_tasks) >= 3
    assert all(first == header for _, first in pages_with_tasks), pages_with_tasks
