"""The limits every reader counts as it goes (xaso.documents.limits): a document past one is refused with the
Vietnamese message naming it, whatever its format; a document under them reads as before."""

import pytest

from tests import bombs
from xaso.documents import DocumentError, Limits, read_bytes
from xaso.documents.limits import Tally
from xaso.documents.wrap import join_wrapped
from xaso.documents.model import Paragraph

SMALL = Limits(max_paragraphs=50, max_lines=400, max_rows=20, max_sheet_rows=60, max_cells=200, max_chars=4000)


def _table_md(rows: int) -> bytes:
    return ("| STT | Nhiệm vụ | Chủ trì |\n|---|---|---|\n" + "".join(f"| {i} | Việc {i} | UBND xã |\n"
                                                              for i in range(rows))).encode()


def _xlsx(rows: int) -> bytes:
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    for i in range(rows):
        workbook.active.append([i, f"Việc {i}"])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# (file name, bytes, words of the message)
CASES = [
    ("dong.md", "".join(f"Đoạn số {i}.\n\n" for i in range(60)).encode(), "hơn 50 đoạn văn"),
    ("trong.txt", b"a\n\n\n\n" * 125, "hơn 400 dòng"),
    ("bang.md", _table_md(30), "hơn 20 dòng bảng"),
    ("bang.xlsx", _xlsx(30), "hơn 20 dòng bảng"),
    ("dong-trong.xlsx", bombs.empty_rows_xlsx(rows=1000), "hơn 60 dòng (kể cả dòng trống)"),
    ("chu.md", ("x" * 5000).encode(), "hơn 4.000 ký tự"),
    ("nhieu-dong.docx", bombs.many_lines_docx(300), "hơn 50 đoạn văn"),
    ("bang.html", ("<table>" + "<tr><td>a</td><td>b</td></tr>" * 30 + "</table>").encode(), "hơn 20 dòng bảng"),
    ("o.html", ("<table>" + '<tr><td colspan="50" rowspan="50">a</td><td>b</td></tr>' * 2 + "</table>").encode(),
     "hơn 200 ô bảng"),
]


@pytest.mark.parametrize("name,data,words", CASES, ids=[c[0] for c in CASES])
def test_a_document_past_a_limit_is_refused_naming_it(name, data, words):
    with pytest.raises(DocumentError) as caught:
        read_bytes(data, name, SMALL)
    assert caught.value.code == "too_large" and words in caught.value.message and name in caught.value.message


def test_a_page_past_the_limit_is_refused_as_it_is_counted():
    tally = Tally("dai.pdf", Limits(max_pdf_pages=2))
    tally.page()
    tally.page()
    with pytest.raises(DocumentError) as caught:
        tally.page()
    assert caught.value.code == "too_many_pages" and "hơn 2 trang" in caught.value.message


def test_a_stale_declared_size_loses_no_row():
    doc = read_bytes(bombs.stale_dimension_xlsx(tasks=30), "cu.xlsx")
    assert len(doc.tables[0].rows) == 31


@pytest.mark.parametrize("bom", [True, False])
def test_utf32_text_reads_as_utf8_does(bom):
    from xaso import demo_documents as dd

    text = dd.to_markdown(dd.make_plan(seed=5))
    assert read_bytes(bombs.utf32_text(bom), "a.md").blocks == read_bytes(text.encode(), "a.md").blocks


@pytest.mark.parametrize("data", [b"\xff\xfe\x00", b"\xff\xfe\x00\x00\x00\x00\x11\x00"], ids=["utf16-odd", "utf32-bad"])
def test_a_broken_utf16_or_utf32_text_is_refused(data):
    with pytest.raises(DocumentError) as caught:
        read_bytes(data + b"a" * 4, "a.txt")
    assert caught.value.code == "binary"


JOINS = [
    (["thực hiện", "nhiệm vụ"], ["thực hiện nhiệm vụ"]),
    (["phát tri-", "ển hạ tầng số"], ["phát triển hạ tầng số"]),  # a word broken at a hyphen
    (["Thời gian: Quý", "II/2025. Sản phẩm: báo cáo"], ["Thời gian: Quý II/2025. Sản phẩm: báo cáo"]),
    (["Xong việc.", "Việc khác"], ["Xong việc.", "Việc khác"]),
    (["cập nhật;  ", "tiếp theo"], ["cập nhật; tiếp theo"]),
]


@pytest.mark.parametrize("lines,joined", JOINS)
def test_wrapped_lines_join_as_before(lines, joined):
    paragraphs = [Paragraph(text, i) for i, text in enumerate(lines, start=1)]
    assert [p.text for p in join_wrapped(paragraphs, wrapped=False)] == joined


def test_joining_is_linear_in_the_number_of_lines():
    import time

    def cost(n):
        paragraphs = [Paragraph(f"thực hiện nhiệm vụ số {i} của xã", i) for i in range(n)]
        started = time.process_time()
        (joined,) = join_wrapped(paragraphs, wrapped=False)
        assert len(joined.text) > 30 * n
        return time.process_time() - started

    small, large = cost(5_000), cost(40_000)
    print(f"\njoining 5,000 lines: {small:.3f} s; 40,000 lines: {large:.3f} s")
    assert large < 0.5 + 16 * small  # 8 times the lines: about 8 times the time (quadratic: 64)
