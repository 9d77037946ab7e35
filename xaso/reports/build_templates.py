"""Writes the editable Word templates of xaso's documents (docxtpl, Jinja tags inside Word text).

A province edits the wording in Word; xaso fills it. Run after changing this file:
    .venv/bin/python -m xaso.reports.build_templates
"""

from __future__ import annotations

from pathlib import Path

import docx

from .layout import closing, header, paragraph, setup_page, table

HERE = Path(__file__).resolve().parent / "templates_docx"


def _repeated(document, loop: str, line: str, empty: str | None = None):
    """A paragraph repeated for each item (docxtpl's {%p for %}), and what to say when there is none."""
    paragraph(document, f"{{%p for {loop} %}}", indent=False)
    paragraph(document, line)
    paragraph(document, "{%p endfor %}", indent=False)
    if empty:
        name = loop.split(" in ", 1)[1]
        paragraph(document, f"{{%p if not {name} %}}", indent=False)
        paragraph(document, empty)
        paragraph(document, "{%p endif %}", indent=False)


def progress_report():
    document = docx.Document()
    setup_page(document)
    header(document, number_tag="number", kind="BC")
    paragraph(document, "BÁO CÁO", bold=True, align="center")
    paragraph(document, "Kết quả thực hiện Kế hoạch chuyển đổi số {{ period_label_lower }}", bold=True, align="center")
    paragraph(document, "{{ intro }}")
    paragraph(document, "I. KẾT QUẢ THỰC HIỆN THEO LĨNH VỰC", bold=True, indent=False)
    paragraph(document, "{%p for area in areas %}", indent=False)
    paragraph(document, "{{ loop.index }}. {{ area.label }}", bold=True, indent=False)
    _repeated(document, "sentence in area.sentences", "- {{ sentence }}")
    paragraph(document, "{%p endfor %}", indent=False)
    paragraph(document, "{%p if not areas %}", indent=False)
    paragraph(document, "Trong kỳ chưa có số liệu, báo cáo nào của các đơn vị được duyệt.")
    paragraph(document, "{%p endif %}", indent=False)
    paragraph(document, "II. CÁC CHỈ TIÊU", bold=True, indent=False)
    table(document, [("TT", "{{ i.index }}", 10), ("Chỉ tiêu", "{{ i.text }}", 70), ("Chỉ tiêu năm", "{{ i.target }}", 25),
                     ("Kết quả", "{{ i.result }}", 25), ("Đánh giá", "{{ i.verdict }}", 25)], "i in indicators")
    paragraph(document, "III. CÁC NHIỆM VỤ", bold=True, indent=False)
    table(document, [("TT", "{{ t.index }}", 10), ("Nhiệm vụ", "{{ t.name }}", 60), ("Chủ trì", "{{ t.lead }}", 30),
                     ("Tình trạng", "{{ t.status }}", 25), ("Ghi chú", "{{ t.remark }}", 30)], "t in tasks")
    paragraph(document, "IV. KINH PHÍ THỰC HIỆN", bold=True, indent=False)
    paragraph(document, "{{ budget_summary }}")
    paragraph(document, "{%p if budget_areas %}", indent=False)
    paragraph(document, "1. Theo lĩnh vực (đơn vị tính: triệu đồng)", italic=True, indent=False)
    table(document, [("TT", "{{ b.index }}", 10), ("Lĩnh vực", "{{ b.label }}", 50), ("Kế hoạch", "{{ b.planned }}", 25),
                     ("Đã chi trong kỳ", "{{ b.spent_period }}", 25), ("Lũy kế đã chi", "{{ b.spent_to_date }}", 25)],
          "b in budget_areas")
    paragraph(document, "2. Theo nguồn kinh phí (đơn vị tính: triệu đồng)", italic=True, indent=False)
    table(document, [("TT", "{{ b.index }}", 10), ("Nguồn kinh phí", "{{ b.label }}", 50), ("Kế hoạch", "{{ b.planned }}", 25),
                     ("Đã chi trong kỳ", "{{ b.spent_period }}", 25), ("Lũy kế đã chi", "{{ b.spent_to_date }}", 25)],
          "b in budget_sources")
    paragraph(document, "{%p endif %}", indent=False)
    paragraph(document, "V. KHÓ KHĂN, VƯỚNG MẮC", bold=True, indent=False)
    _repeated(document, "d in difficulties", "- {{ d }}", "Các đơn vị không báo cáo khó khăn, vướng mắc trong kỳ.")
    paragraph(document, "VI. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, indent=False)
    _repeated(document, "d in proposals", "- {{ d }}", "Không có đề xuất, kiến nghị trong kỳ.")
    paragraph(document, "Trên đây là báo cáo kết quả thực hiện Kế hoạch chuyển đổi số {{ period_label_lower }} của UBND {{ commune_phrase }}./.")
    closing(document)
    document.save(HERE / "progress_report.docx")


def plan_draft():
    document = docx.Document()
    setup_page(document)
    header(document, number_tag="number", kind="KH")
    paragraph(document, "KẾ HOẠCH", bold=True, align="center")
    paragraph(document, "Chuyển đổi số {{ commune_phrase }} năm {{ next_year }}", bold=True, align="center")
    paragraph(document, "Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {{ year }}", bold=True, align="center")
    paragraph(document, "I. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU NĂM {{ year }}", bold=True, indent=False)
    _repeated(document, "i in assessed", "- {{ i.text }}: chỉ tiêu {{ i.target }}. Kết quả: {{ i.result }} ({{ i.verdict }}).")
    paragraph(document, "II. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ NĂM {{ year }}", bold=True, indent=False)
    paragraph(document, "1. Những việc đã làm được", bold=True, indent=False)
    _repeated(document, "t in done", "- {{ t }}")
    paragraph(document, "2. Những việc chưa hoàn thành và nguyên nhân", bold=True, indent=False)
    _repeated(document, "t in unfinished", "- {{ t.name }}{% if t.reason %}: {{ t.reason }}{% endif %}.")
    paragraph(document, "Phần II. KẾ HOẠCH NĂM {{ next_year }}", bold=True, align="center")
    paragraph(document, "I. MỤC TIÊU, CHỈ TIÊU CỤ THỂ", bold=True, indent=False)
    table(document, [("TT", "{{ i.index }}", 10), ("Chỉ tiêu", "{{ i.text }}", 75), ("Kết quả năm {{ year }}", "{{ i.baseline }}", 30),
                     ("Mục tiêu năm {{ next_year }}", "{{ i.target }}", 30)], "i in indicators")
    paragraph(document, "II. NHIỆM VỤ", bold=True, indent=False)
    table(document, [("TT", "{{ t.index }}", 10), ("Tên nhiệm vụ", "{{ t.name }}", 60), ("Đơn vị chủ trì", "{{ t.lead }}", 30),
                     ("Thời gian thực hiện", "{{ t.timeline }}", 25), ("Sản phẩm đầu ra", "{{ t.output }}", 40)], "t in tasks")
    paragraph(document, "III. TỔ CHỨC THỰC HIỆN", bold=True, indent=False)
    paragraph(document, "Các đơn vị báo cáo kết quả thực hiện hằng quý, vào tuần cuối của tháng cuối quý, về UBND {{ commune_kind }} (qua Phòng Văn hóa - Xã hội).")
    closing(document)
    document.save(HERE / "plan_draft.docx")


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    progress_report()
    plan_draft()
    print(f"Đã ghi mẫu vào {HERE}")
