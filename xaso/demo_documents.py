"""Plan documents written by xaso's own generator, as a commune would write them.

Used by tests and benchmarks to exercise the importer on documents nobody copied from a real plan:
a title, Part I with results, Part II with goal bullets, and an appendix task table.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, field


_GOALS = [
    "Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt {v}%",
    "Tối thiểu {v}% cán bộ, công chức được bồi dưỡng kỹ năng số",
    "Trên {v}% hộ gia đình có kết nối Internet cáp quang",
    "Có {v}% người dân trưởng thành sử dụng dịch vụ thanh toán điện tử",
    "Tỷ lệ kết quả giải quyết thủ tục hành chính được số hóa đạt {v}%",
    "Phấn đấu {v}% thôn có Tổ công nghệ số cộng đồng hoạt động hiệu quả",
]
_TASKS = [
    ("Số hóa hồ sơ thủ tục hành chính", "Trung tâm Phục vụ hành chính công", "Quý II–IV/{y}", "Kho hồ sơ số", 80),
    ("Tập huấn kỹ năng số cho cán bộ", "Phòng Văn hóa - Xã hội", "Quý I/{y}", "02 lớp tập huấn", 20),
    ("Lắp đặt Wi-Fi công cộng tại nhà văn hóa thôn", "Trung tâm Dịch vụ công", "Quý III/{y}", "Điểm Wi-Fi hoạt động", 120),
    ("Hướng dẫn người dân kích hoạt định danh điện tử", "Công an xã", "Thường xuyên", "Tài khoản được kích hoạt", None),
    ("Hỗ trợ hộ kinh doanh bán hàng trực tuyến", "Phòng Kinh tế", "Quý II - III/{y}", "Gian hàng trực tuyến", 50),
    ("Lập hồ sơ sức khỏe điện tử", "Trạm Y tế", "Hoàn thành trước tháng 12 năm {y}", "Hồ sơ sức khỏe điện tử", 25),
]
TASK_HEADER = ["STT", "Tên nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian thực hiện",
               "Sản phẩm đầu ra", "Kinh phí (triệu đồng)"]


@dataclass
class SyntheticPlan:
    commune: str
    province: str
    year: int
    signer: str
    goals: list[tuple[str, int]] = field(default_factory=list)  # (text, target value)
    tasks: list[list[str]] = field(default_factory=list)  # rows under TASK_HEADER (without STT)
    filler_paragraphs: int = 0
    kind: str = "xã"  # "phường", "đặc khu": the word the title names the commune with

    def title(self) -> str:
        return f"Chuyển đổi số {self.kind} {self.commune} năm {self.year}"


def make_plan(seed: int = 1, *, commune: str = "Phúc Điền", province: str = "Minh Sơn", year: int = 2027,
              tasks: int = 6, filler_paragraphs: int = 4, kind: str = "xã") -> SyntheticPlan:
    rng = random.Random(seed)
    plan = SyntheticPlan(commune, province, year, "Nguyễn Văn Bình", filler_paragraphs=filler_paragraphs, kind=kind)
    for template in _GOALS:
        value = rng.choice([70, 80, 85, 90, 95, 100])
        plan.goals.append((template.format(v=value), value))
    for i in range(tasks):
        name, lead, timeline, output, budget = _TASKS[i % len(_TASKS)]
        suffix = f" (đợt {i // len(_TASKS) + 1})" if i >= len(_TASKS) else ""
        plan.tasks.append([name + suffix, lead, "Các thôn", timeline.format(y=year), output,
                           "" if budget is None else str(budget)])
    return plan


def _paragraphs(plan: SyntheticPlan) -> list[tuple[str, str]]:
    """(kind, text) in document order; kind is "title", "heading", "bullet" or "body"."""
    y = plan.year
    out = [("title", "KẾ HOẠCH"), ("title", plan.title()),
           ("body", f"Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/{y} của UBND tỉnh {plan.province} về chuyển đổi số.")]
    out += [("heading", f"Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {y - 1}"),
            ("heading", f"I. TÌNH HÌNH THỰC HIỆN CÁC MỤC TIÊU, CHỈ TIÊU NĂM {y - 1}"),
            ("bullet", "80% hồ sơ thủ tục hành chính được xử lý trực tuyến. Kết quả: Đạt 86%.")]
    for i in range(plan.filler_paragraphs):
        out.append(("body", f"Nội dung đánh giá số {i + 1}: các đơn vị đã triển khai nhiệm vụ chuyển đổi số theo kế "
                            f"hoạch, bảo đảm tiến độ và chất lượng; một số nhiệm vụ còn chậm do thiếu kinh phí."))
    out += [("heading", f"Phần II. KẾ HOẠCH NĂM {y}"), ("heading", "I. MỤC TIÊU"),
            ("heading", "1. Mục tiêu chung"),
            ("body", "Phát triển chính quyền số, kinh tế số, xã hội số phục vụ người dân."),
            ("heading", "2. Mục tiêu, chỉ tiêu cụ thể")]
    out += [("bullet", text + ".") for text, _ in plan.goals]
    out += [("heading", "II. NHIỆM VỤ"), ("body", "Chi tiết tại Phụ lục kèm theo."),
            ("heading", "III. TỔ CHỨC THỰC HIỆN"),
            ("body", "Các đơn vị báo cáo kết quả hằng quý về Phòng Văn hóa - Xã hội."),
            ("body", "TM. ỦY BAN NHÂN DÂN"), ("body", "CHỦ TỊCH"), ("body", plan.signer),
            ("heading", "PHỤ LỤC: DANH MỤC NHIỆM VỤ")]
    return out


def _rows(plan: SyntheticPlan) -> list[list[str]]:
    return [TASK_HEADER] + [[str(i)] + row for i, row in enumerate(plan.tasks, start=1)]


def to_docx(plan: SyntheticPlan) -> bytes:
    import docx

    document = docx.Document()
    for kind, text in _paragraphs(plan):
        if kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        elif kind in ("title", "heading"):
            document.add_paragraph().add_run(text).bold = True
        else:
            document.add_paragraph(text)
    rows = _rows(plan)
    table = document.add_table(rows=len(rows), cols=len(TASK_HEADER))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def to_markdown(plan: SyntheticPlan) -> str:
    lines = []
    for kind, text in _paragraphs(plan):
        lines.append(f"- {text}" if kind == "bullet" else f"**{text}**" if kind in ("title", "heading") else text)
        lines.append("")
    lines += ["\t".join(row) for row in _rows(plan)]
    return "\n".join(lines) + "\n"


def to_xlsx(plan: SyntheticPlan) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in _rows(plan):
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
]


def to_pdf(plan: SyntheticPlan) -> bytes:
    """A PDF with a text layer and a ruled task table, as Word prints it (needs reportlab, a dev dependency)."""
    from pathlib import Path

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font_path = next((p for p in FONT_CANDIDATES if Path(p).exists()), None)
    if font_path is None:
        raise RuntimeError("Cần phông chữ DejaVu Sans hoặc Liberation Sans để viết tiếng Việt vào PDF.")
    if "XasoSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("XasoSans", font_path))
    body = ParagraphStyle("body", fontName="XasoSans", fontSize=11, leading=14, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName="XasoSans", fontSize=8, leading=10)
    story = []
    for kind, text in _paragraphs(plan):
        story.append(Paragraph(("- " if kind == "bullet" else "") + text, body))
    rows = [[Paragraph(value, cell) for value in row] for row in _rows(plan)]
    table = Table(rows, repeatRows=1, colWidths=[32, 110, 80, 60, 65, 85, 50])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()
