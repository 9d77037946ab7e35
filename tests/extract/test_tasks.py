import pytest

from xaso.documents import Document, Table, read_bytes
from xaso.extract.tasks import column_role, from_body, from_tables

ROLE_CASES = [
    ("STT", "index"), ("TT", "index"), ("Tên nhiệm vụ", "name"), ("Nhiệm vụ cụ thể", "name"),
    ("Nội dung công việc", "name"), ("Chi tiết nhiệm vụ", "detail"), ("Mục tiêu", "detail"),
    ("Người/Đơn vị chủ trì", "lead"), ("Đơn vị chủ trì thực hiện", "lead"), ("Cơ quan chủ trì", "lead"),
    ("Đơn vị phối hợp", "partners"), ("Thời gian thực hiện", "timeline"), ("Thời hạn hoàn thành", "timeline"),
    ("Sản phẩm/Kết quả đầu ra", "output"), ("Yêu cầu kết quả đạt được", "output"), ("Dự kiến kết quả đạt được", "output"),
    ("Dự toán kinh phí (triệu đồng)", "budget"), ("Kinh phí", "budget"), ("Nguồn kinh phí", "budget"),
    ("Nguồn vốn", "budget_source"), ("Cơ quan hướng dẫn/kiểm tra", "overseer"), ("Theo dõi", "monitor"),
    ("Ghi chú", "note"), ("", None), ("Xyz", None),
]


@pytest.mark.parametrize("header,role", ROLE_CASES)
def test_columns_are_recognised_by_meaning(header, role):
    assert column_role(header) == role


def test_a_table_with_other_headings_in_another_order_is_read():
    text = ("TT\tThời hạn\tNội dung công việc\tCơ quan chủ trì\tKết quả\tKinh phí\n"
            "<b>A. HẠ TẦNG SỐ</b>\t\t\t\t\t\n"
            "1\tQuý IV/2027\tLắp camera an ninh\tCông an xã\tHệ thống camera\t1.200\n"
            "\t\tở các ngã ba\t\t\t\n"
            "TT\tThời hạn\tNội dung công việc\tCơ quan chủ trì\tKết quả\tKinh phí\n"
            "2\tThường xuyên\tCập nhật dữ liệu\tTrung tâm PVHCC\t\tabc\n")
    tasks = from_tables(read_bytes(text.encode(), "a.md"))
    assert [(t.name, t.lead, t.timeline, t.budget_million_vnd, t.group) for t in tasks] == [
        ("Lắp camera an ninh ở các ngã ba", "Công an xã", "Quý IV/2027", 1200.0, "HẠ TẦNG SỐ"),
        ("Cập nhật dữ liệu", "Trung tâm PVHCC", "Thường xuyên", None, "HẠ TẦNG SỐ"),
    ]
    assert any("abc" in w for w in tasks[1].warnings)


def test_tasks_written_in_the_body_are_read():
    text = ("III. NHIỆM VỤ\n\n1. Xây dựng cơ sở dữ liệu đất đai\n\n+ Đơn vị chủ trì: Phòng Kinh tế\n\n"
            "+ Đơn vị phối hợp: Công an xã; Trung tâm PVHCC\n\n+ Thời gian hoàn thành: Quý III/2027\n\n"
            "+ Sản phẩm: Cơ sở dữ liệu đất đai\n\n+ Kinh phí: 150 triệu đồng\n\n"
            "2. Tuyên truyền chuyển đổi số. Đơn vị chủ trì: Trung tâm Dịch vụ công; Thời gian thực hiện: Thường xuyên\n")
    doc = read_bytes(text.encode(), "a.txt")
    tasks = from_body(doc, doc.paragraphs)
    assert [(t.name, t.lead, t.timeline) for t in tasks] == [
        ("Xây dựng cơ sở dữ liệu đất đai", "Phòng Kinh tế", "Quý III/2027"),
        ("Tuyên truyền chuyển đổi số", "Trung tâm Dịch vụ công", "Thường xuyên"),
    ]
    assert tasks[0].partners == ["Công an xã", "Trung tâm PVHCC"] and tasks[0].budget_million_vnd == 150
    assert tasks[0].output == "Cơ sở dữ liệu đất đai"


def test_an_indicator_table_gives_indicators_and_a_task_table_does_not():
    from xaso.extract.plan import extract_plan

    text = ("KẾ HOẠCH\nChuyển đổi số xã Yên Lạc năm 2027\n\n"
            "STT\tChỉ tiêu\tĐơn vị tính\tKết quả năm 2026\tMục tiêu năm 2027\n"
            "1\tTỷ lệ hồ sơ trực tuyến\t%\t82,78%\t≥ 95%\n"
            "2\tCấp độ an toàn hệ thống\t\t\tCấp độ 2 hoặc 3\n\n"
            "STT\tTên nhiệm vụ/Dự án\tMục tiêu\tDự kiến kết quả\tCơ quan chủ trì\tKinh phí (triệu đồng)\n"
            "1\tTập huấn kỹ năng số\tNâng cao năng lực\t02 lớp\tUBND xã\t100\n")
    plan = extract_plan(read_bytes(text.encode(), "a.md"))
    assert [(i.text, i.baseline, i.target_value, i.comparator) for i in plan.indicators] == [
        ("Tỷ lệ hồ sơ trực tuyến", "82,78%", 95.0, ">="), ("Cấp độ an toàn hệ thống", None, None, None)]
    assert [(t.name, t.detail, t.output, t.lead, t.budget_million_vnd) for t in plan.tasks] == [
        ("Tập huấn kỹ năng số", "Nâng cao năng lực", "02 lớp", "UBND xã", 100.0)]


@pytest.mark.parametrize("text,expected", [
    ("1. Số hóa sổ hộ tịch\n\n+ Thời gian hoàn thành: Quý\n\nII/2027; Sản phẩm: Kho dữ liệu hộ tịch\n",
     [("Số hóa sổ hộ tịch", None, "Quý II/2027", "Kho dữ liệu hộ tịch")]),
    ("1. Số hóa sổ hộ tịch\n\n+ Thời gian: Quý IV/2027\n\nTập huấn kỹ năng số. Chủ trì: Văn phòng; Thời gian: Quý I/2027\n",
     [("Số hóa sổ hộ tịch", None, "Quý IV/2027", None), ("Tập huấn kỹ năng số", "Văn phòng", "Quý I/2027", None)]),
    ("1. Lắp camera\n\n+ Chủ trì: Công an xã\n\n+ Thời gian: Quý IV/2027\n\n"
     "2. Tập huấn. Chủ trì: Phòng Văn hóa - Xã hội; Thời gian: Quý I/2027\n",
     [("Lắp camera", "Công an xã", "Quý IV/2027", None),
      ("Tập huấn", "Phòng Văn hóa - Xã hội", "Quý I/2027", None)]),
])
def test_a_value_the_line_break_cut_stays_with_its_task(text, expected):
    """"Thời gian: Quý" / "II/2027. Sản phẩm: …" is one task's time, not a task named "II/2027"."""
    doc = read_bytes(text.encode(), "a.txt")
    assert [(t.name, t.lead, t.timeline, t.output) for t in from_body(doc, doc.paragraphs)] == expected


@pytest.mark.parametrize("cell,partners", [
    ("Công an xã\nTrạm Y tế", ["Công an xã", "Trạm Y tế"]),
    ("Chi nhánh Văn phòng đăng ký\nđất đai\nCông an xã", ["Chi nhánh Văn phòng đăng ký đất đai", "Công an xã"]),
    ("- Hội Nông dân\n- Đoàn Thanh niên", ["Hội Nông dân", "Đoàn Thanh niên"]),
    ("Viettel; VNPT", ["Viettel", "VNPT"]),
    ("Ấp 1\nẤp 2", ["Ấp 1", "Ấp 2"]),
    ("Bưu điện phường; Hội\nLiên hiệp Phụ nữ phường", ["Bưu điện phường", "Hội Liên hiệp Phụ nữ phường"]),
    ("Công an xã;\nTrạm Y tế; Đoàn\nThanh niên", ["Công an xã", "Trạm Y tế", "Đoàn Thanh niên"]),
    ("Công an xã;\nTrạm Y tế", ["Công an xã", "Trạm Y tế"]),
])
def test_partners_one_per_line_and_names_a_narrow_column_wrapped(cell, partners):
    table = Table(rows=[["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian"],
                        ["1", "Tập huấn", "Văn phòng", cell, "Quý I/2027"]], line=1)
    doc = Document("phu-luc.docx", "docx", [table])
    assert [t.partners for t in from_tables(doc)] == [partners]
