"""A plan written unlike the samples: "PHẦN THỨ NHẤT", groups as a), b), an at-most target, a count target,
a task table whose unit columns sit under a merged "Đơn vị thực hiện" header, and the name under the signature."""

import io

import docx
import pytest

from xaso.checks import check_document
from xaso.documents import read_bytes
from xaso.extract.plan import extract_plan

LINES = ["UỶ BAN NHÂN DÂN XÃ ĐÔNG HƯNG", "KẾ HOẠCH", "CHUYỂN ĐỔI SỐ XÃ ĐÔNG HƯNG NĂM 2027", "PHẦN THỨ NHẤT",
         "KẾT QUẢ THỰC HIỆN KẾ HOẠCH NĂM 2026", "1. Tỷ lệ hồ sơ trực tuyến đạt 85% (đạt).", "PHẦN THỨ HAI",
         "KẾ HOẠCH NĂM 2027", "I. MỤC TIÊU", "1. Mục tiêu cụ thể", "a) Chính quyền số",
         "- Tỷ lệ hồ sơ thủ tục hành chính được giải quyết trực tuyến đạt từ 90% trở lên;", "- Không quá 2% hồ sơ trễ hạn.",
         "b) Kinh tế số", "- Ít nhất 05 hợp tác xã có gian hàng trên sàn thương mại điện tử.", "II. NHIỆM VỤ, GIẢI PHÁP"]


@pytest.fixture(scope="module")
def document():
    d = docx.Document()
    for text in LINES:
        d.add_paragraph().add_run(text).bold = text.isupper()
    table = d.add_table(rows=4, cols=6)
    for c, text in enumerate(["TT", "Nội dung nhiệm vụ", "Đơn vị thực hiện", "", "Thời hạn", "Kinh phí (triệu đồng)"]):
        table.cell(0, c).text = text
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(1, 2).text, table.cell(1, 3).text = "Chủ trì", "Phối hợp"
    for r, row in enumerate([["1", "Triển khai bệnh án điện tử", "Trạm Y tế", "Công an xã", "Quý III/2027", "1.500"],
                             ["2", "Đào tạo kỹ năng số cho thanh niên", "Đoàn Thanh niên", "Phòng VH-XH",
                              "6 tháng đầu năm 2027", ""]], start=2):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for text in ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "LÊ VĂN TÁM"):
        d.add_paragraph(text)
    out = io.BytesIO()
    d.save(out)
    return read_bytes(out.getvalue(), "dong-hung.docx")


def test_header_and_parts(document):
    plan = extract_plan(document)
    assert (plan.commune, plan.plan_year, plan.assessed_year, plan.signer) == ("Đông Hưng", 2027, 2026, "Lê Văn Tám")
    assert [(p.text, p.result) for p in plan.prior_results] == [("Tỷ lệ hồ sơ trực tuyến đạt 85%", "đạt")]


def test_indicators_with_groups_and_comparators(document):
    rows = [(i.group, i.target_value, i.comparator, i.unit) for i in extract_plan(document).indicators]
    assert rows == [("Chính quyền số", 90.0, ">=", "%"), ("Chính quyền số", 2.0, "<=", "%"), ("Kinh tế số", 5.0, ">=", "hợp tác")]


def test_tasks_under_a_merged_two_row_header(document):
    rows = [(t.name, t.lead, t.partners, t.timeline, t.budget_million_vnd) for t in extract_plan(document).tasks]
    assert rows == [("Triển khai bệnh án điện tử", "Trạm Y tế", ["Công an xã"], "Quý III/2027", 1500.0),
                    ("Đào tạo kỹ năng số cho thanh niên", "Đoàn Thanh niên", ["Phòng VH-XH"], "6 tháng đầu năm 2027", None)]


def test_a_clean_variant_has_no_findings(document):
    assert check_document(document) == []
