"""The generated report read back as a person (and the checker) would read it."""

import io
from datetime import date

import docx
import pytest
from docx.shared import Pt

from xaso.checks import check_document, has_errors
from xaso.documents import read_bytes
from xaso.reports.documents import next_year_draft, progress_report

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_the_report_has_the_official_layout(reported_plan):
    data, name, _ = progress_report(reported_plan.commune, "2026-Q3", "docx", TODAY)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)] == [20, 20, 30, 15]
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(14)
    text = _text(document)
    for expected in ("ỦY BAN NHÂN DÂN", "XÃ YÊN LẬP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Số: …/BC-UBND", "Yên Lập, ngày 22 tháng 11 năm 2026", "BÁO CÁO",
                     "Kết quả thực hiện Kế hoạch chuyển đổi số quý III/2026", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"):
        assert expected in text, expected
    assert name.endswith(".docx")


def test_the_numbers_are_the_databases(reported_plan):
    document = docx.Document(io.BytesIO(progress_report(reported_plan.commune, "2026-Q3", "docx", TODAY)[0]))
    text = _text(document)
    assert "Tỷ lệ hồ sơ xử lý trực tuyến đạt 90% (chỉ tiêu ≥ 95%): chưa đạt." in text
    assert "Số hóa hồ sơ thủ tục hành chính (TT PVHCC): đang triển khai, đạt 60% khối lượng." in text
    assert "TT PVHCC: Thiếu máy quét" in text and "TT PVHCC: Đề nghị cấp thêm 02 máy quét" in text
    indicator_row = [c.text for c in document.tables[1].rows[1].cells]
    assert indicator_row == ["1", "Tỷ lệ hồ sơ xử lý trực tuyến", "≥ 95%", "90%", "Chưa đạt"]


def test_a_period_without_data_says_so_and_placeholders_are_marked(plan):
    plan.signer = ""
    plan.save()
    text = _text(docx.Document(io.BytesIO(progress_report(plan.commune, "2026-Q1", "docx", TODAY)[0])))
    assert "Trong kỳ chưa có số liệu, báo cáo nào của các đơn vị được duyệt." in text
    assert "Các đơn vị không báo cáo khó khăn, vướng mắc trong kỳ." in text
    assert "……………………" in text and "Số: …/BC-UBND" in text


@pytest.mark.parametrize("period", ["2026-Q3", "2026-H1", "2026", "2026-Q1"])
def test_every_generated_report_passes_the_checker(reported_plan, period):
    data = progress_report(reported_plan.commune, period, "docx", TODAY)[0]
    findings = check_document(read_bytes(data, "bao-cao.docx"))
    assert not has_errors(findings), [(f.kind, f.quote, f.explanation) for f in findings]


def test_next_years_draft_carries_results_and_unfinished_tasks(reported_plan):
    data = next_year_draft(reported_plan.commune, 2027, TODAY)[0]
    document = docx.Document(io.BytesIO(data))
    text = _text(document)
    assert "Chuyển đổi số xã Yên Lập năm 2027" in text and "Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2026" in text
    assert "Phần II. KẾ HOẠCH NĂM 2027" in text
    assert "Tỷ lệ hồ sơ xử lý trực tuyến: chỉ tiêu ≥ 95%. Kết quả: 90% (chưa đạt)." in text
    baseline_row = [c.text for c in document.tables[1].rows[1].cells]
    assert baseline_row == ["1", "Tỷ lệ hồ sơ xử lý trực tuyến", "90%", "≥ 95%"]
    carried = [row.cells[1].text for row in document.tables[2].rows[1:]]
    assert "Số hóa hồ sơ thủ tục hành chính" in carried and len(carried) == 3
    findings = check_document(read_bytes(data, "du-thao.docx"))
    assert not has_errors(findings), [(f.kind, f.quote, f.explanation) for f in findings]


def test_names_with_any_vietnamese_characters_render(plan):
    commune = plan.commune
    commune.name = "Ỷ Ngự Đông Hưng"
    commune.save()
    text = _text(docx.Document(io.BytesIO(progress_report(commune, "2026", "docx", TODAY)[0])))
    assert "XÃ Ỷ NGỰ ĐÔNG HƯNG" in text and "Ỷ Ngự Đông Hưng, ngày 22 tháng 11 năm 2026" in text
