"""Each reader on a real file of its format, built here the way Word, a PDF printer or Excel writes it."""

import io

import pytest

from xaso import demo_documents as dd
from xaso.documents import Paragraph, Table, read_bytes


@pytest.fixture(scope="module")
def plan():
    return dd.make_plan(seed=3)


def _texts(doc):
    return [b.text for b in doc.blocks if isinstance(b, Paragraph)]


@pytest.mark.parametrize("fmt", ["docx", "md", "pdf"])
def test_paragraphs_and_table_come_in_document_order(plan, fmt):
    data = {"docx": dd.to_docx, "pdf": dd.to_pdf, "md": lambda p: dd.to_markdown(p).encode()}[fmt](plan)
    doc = read_bytes(data, f"ke-hoach.{fmt}")
    texts = _texts(doc)
    assert texts[0] == "KẾ HOẠCH" and texts[1] == plan.title()
    assert texts.index("2. Mục tiêu, chỉ tiêu cụ thể") < texts.index(plan.goals[0][0] + ".")
    table = doc.tables[-1]
    assert table.rows[0][:3] == ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì"]
    assert [row[1].replace("\n", " ") for row in table.rows[1:]] == [row[0] for row in plan.tasks]
    assert isinstance(doc.blocks[-1], Table)


def test_docx_marks_bold_and_list_items(plan):
    doc = read_bytes(dd.to_docx(plan), "ke-hoach.docx")
    by_text = {p.text: p for p in doc.paragraphs}
    assert by_text["KẾ HOẠCH"].bold
    assert by_text[plan.goals[0][0] + "."].bullet


def test_docx_merged_header_cells_repeat_across_columns():
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Kinh phí (triệu đồng)"
    table.cell(0, 0).text = "Nhiệm vụ"
    table.cell(1, 1).text, table.cell(1, 2).text = "Ngân sách tỉnh", "Nguồn khác"
    out = io.BytesIO()
    document.save(out)
    rows = read_bytes(out.getvalue(), "bang.docx").tables[0].rows
    assert rows[0] == ["Nhiệm vụ", "Kinh phí (triệu đồng)", "Kinh phí (triệu đồng)"]


def test_xlsx_sheet_is_a_table(plan):
    doc = read_bytes(dd.to_xlsx(plan), "danh-muc.xlsx")
    assert doc.tables[0].rows[1][1] == plan.tasks[0][0]
    assert doc.tables[0].rows[1][-1] in ("80", "")


MARKDOWN_CASES = [
    ("**KẾ HOẠCH**", "KẾ HOẠCH", True),
    ("## **II. MỤC TIÊU**", "II. MỤC TIÊU", True),
    ("<b>I. CHÍNH QUYỀN SỐ</b>", "I. CHÍNH QUYỀN SỐ", True),
    ("\\* **Kinh tế số:**", "* Kinh tế số:", False),
    ("Xem [cổng](http://dichvucong.gov.vn) để nộp", "Xem cổng để nộp", False),
    ("Cập nhật tin bài $\\geq 1$ /ngày", "Cập nhật tin bài ≥1 /ngày", False),
]


@pytest.mark.parametrize("line,text,bold", MARKDOWN_CASES)
def test_markdown_decoration_is_dropped(line, text, bold):
    para = read_bytes(f"{line}\n".encode(), "a.md").paragraphs[0]
    assert (para.text, para.bold) == (text, bold)


def test_list_markers_become_a_flag():
    doc = read_bytes("- 100% thôn có Internet.\n\n+ Tỷ lệ hồ sơ trực tuyến đạt 90%.\n".encode(), "a.md")
    assert [(p.text, p.bullet) for p in doc.paragraphs] == [
        ("100% thôn có Internet.", True), ("Tỷ lệ hồ sơ trực tuyến đạt 90%.", True)]


def test_text_from_a_pdf_is_rejoined_and_page_numbers_dropped():
    lines = ["Kế hoạch này được xây dựng nhằm bảo đảm các cơ quan, đơn vị triển khai đồng",
             "bộ các nhiệm vụ chuyển đổi số, gắn với cải cách hành chính và phục vụ người",
             "dân, doanh nghiệp tốt hơn.", "", "12", "", "- Tỷ lệ hồ sơ trực tuyến đạt 90%."] * 5
    doc = read_bytes("\n".join(lines).encode(), "a.txt")
    texts = _texts(doc)
    assert texts[0].startswith("Kế hoạch này") and texts[0].endswith("tốt hơn.")
    assert "12" not in texts


def _cp1258(text: str) -> bytes:
    """Windows-1258 writes a base letter (Ê, Ơ…) followed by a combining tone mark."""
    import unicodedata

    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            letter, *marks = unicodedata.normalize("NFD", ch)
            for mark in marks:  # the mark that cp1258 precomposes with the letter (Ê, Ơ, Ă…)
                composed = unicodedata.normalize("NFC", letter + mark)
                if len(composed) == 1 and composed != ch:
                    try:
                        out += composed.encode("cp1258") + "".join(m for m in marks if m != mark).encode("cp1258")
                        break
                    except UnicodeEncodeError:
                        continue
            else:
                out += (letter + "".join(marks)).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1258"])
def test_text_in_each_vietnamese_encoding_is_read(encoding):
    text = "KẾ HOẠCH\nChuyển đổi số xã Phúc Điền năm 2027\n- Tỷ lệ hồ sơ trực tuyến đạt 90%.\n"
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    doc = read_bytes(data, "a.txt")
    assert _texts(doc)[1] == "Chuyển đổi số xã Phúc Điền năm 2027"


def test_tab_separated_rows_are_a_table_and_a_broken_row_stays_a_row():
    text = "STT\tTên nhiệm vụ\tĐơn vị chủ trì\tThời gian\n1\tTập huấn\tPhòng VH-XH\tQuý I/2027\n\t\tphối hợp\t\n"
    table = read_bytes(text.encode(), "a.md").tables[0]
    assert table.rows == [["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Thời gian"],
                          ["1", "Tập huấn", "Phòng VH-XH", "Quý I/2027"], ["", "", "phối hợp", ""]]


def test_a_place_is_told_as_a_person_finds_it():
    from xaso.documents import Document, Paragraph, Table

    pdf, docx_doc = Document("a.pdf", "pdf"), Document("a.docx", "docx")
    assert pdf.where(Paragraph("x", 12, page=3)) == "trang 3, dòng 12"
    assert pdf.where(Table(rows=[], line=0, page=2)) == "bảng, trang 2"  # a PDF table has no line of its own
    assert docx_doc.where(Table(rows=[], line=7)) == "bảng, đoạn 7"
    assert docx_doc.where(Paragraph("x", 7)) == "đoạn 7"
