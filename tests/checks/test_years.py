import pytest

PARTS = "Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM {a}\n\nI. Kết quả\n\nPhần II. KẾ HOẠCH NĂM {b}\n\nI. Mục tiêu\n\n{body}"

CASES = [
    (PARTS.format(a=2026, b=2027, body="Nội dung."), []),
    (PARTS.format(a=2026, b=2026, body="Nội dung."), ["Phần II. KẾ HOẠCH NĂM 2026"]),
    (PARTS.format(a=2025, b=2027, body="Nội dung."), ["Phần I. ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN NĂM 2025"]),
    (PARTS.format(a=2026, b=2027, body="Tổ chức tập huấn, thực hiện trong quý III năm 2026."),
     ["Tổ chức tập huấn, thực hiện trong quý III năm 2026"]),
    # A deadline inside an indicator, in other forms, and a goals heading naming another year.
    (PARTS.format(a=2026, b=2027, body="- Tỷ lệ hồ sơ được số hóa đạt 100%, hoàn thành trước ngày 30/6/2026."),
     ["Tỷ lệ hồ sơ được số hóa đạt 100%, hoàn thành trước ngày 30/6/2026"]),
    (PARTS.format(a=2026, b=2027, body="- Lắp camera tại trung tâm xã, hoàn thành trước ngày 5 tháng 7 năm 2026."),
     ["Lắp camera tại trung tâm xã, hoàn thành trước ngày 5 tháng 7 năm 2026"]),
    (PARTS.format(a=2026, b=2027, body="II. MỤC TIÊU NĂM 2026\n\n- Nội dung."), ["II. MỤC TIÊU NĂM 2026"]),
    (PARTS.format(a=2026, b=2027, body="Năm 2026 đã hoàn thành trong quý IV/2026 việc lắp camera."), []),  # the past
    (PARTS.format(a=2026, b=2027, body="Hoàn thành trong quý II/2027."), []),
    (PARTS.format(a=2026, b=2027, body="Hoàn thành trong quý II/2028."), ["Hoàn thành trong quý II/2028"]),
    (PARTS.format(a=2026, b=2027, body="Căn cứ Kế hoạch số 5/KH-UBND ngày 3/9/2026 về chuyển đổi số."), []),
    (PARTS.format(a=2026, b=2027, body="Thực hiện giai đoạn 2026-2030, trong quý IV năm 2026 - 2030."), []),
    # a body task whose time the line break cut: quoted as the document writes it
    (PARTS.format(a=2026, b=2027, body="Nhiệm vụ 1: Số hóa sổ hộ tịch.\nĐơn vị chủ trì: Công an xã.\n"
                                       "Thời gian: Quý\nII/2026. Sản phẩm: 100% sổ hộ tịch được số hóa.\n"),
     ["Thời gian: Quý II/2026"]),
]


@pytest.mark.parametrize("text,flagged", CASES)
def test_years(findings_of, text, flagged):
    assert [f.quote for f in findings_of(text, "wrong_year")] == flagged


TITLED = ("KẾ HOẠCH\n\nChuyển đổi số xã Yên Lạc năm {title}\n\nUBND xã ban hành Kế hoạch chuyển đổi số năm 2027 như sau:"
          "\n\nI. MỤC TIÊU\n\n- Nội dung.\n\nII. NHIỆM VỤ NĂM 2027\n\n"
          "STT\tTên nhiệm vụ\tĐơn vị chủ trì\tThời gian\tSản phẩm\n"
          "1\tTập huấn\tPhòng VH-XH\tQuý I/2027\tLớp học\n2\tSố hóa hồ sơ\tTrung tâm PVHCC\tQuý II/2027\tKho số\n"
          "3\tLắp camera\tCông an xã\tQuý III/2027\tCamera\n4\tWi-Fi\tPhòng KT\tQuý IV/2027\tĐiểm Wi-Fi\n"
          "5\tWebsite\tVăn phòng\tQuý IV/2027\tTrang tin\n")


def test_a_title_naming_another_year_than_the_whole_plan_is_the_mistake(findings_of):
    """Five deadlines, a heading and the opening sentence say 2027, the title 2026: the plan is for 2027, its title is
    the slip. (Against the deadlines alone the title would stand: a plan copied from last year keeps old deadlines.)"""
    assert findings_of(TITLED.format(title=2027), "wrong_year", head="") == []
    found = findings_of(TITLED.format(title=2026), "wrong_year", head="")
    assert [f.quote for f in found] == ["Chuyển đổi số xã Yên Lạc năm 2026"]


@pytest.mark.parametrize("signed,expected", [
    ("Hòa An, ngày 18 tháng 11 năm 2026", []),
    ("Hòa An, ngày 05 tháng 01 năm 2027", []),
    ("Hòa An, ngày 06 tháng 01 năm 2026", [("cảnh báo", "Hòa An, ngày 06 tháng 01 năm 2026")]),
    ("Hòa An, ngày 05 tháng 01 năm 2025", [("lỗi", "Hòa An, ngày 05 tháng 01 năm 2025")]),
    ("Hòa An, ngày 05/01/2028", [("lỗi", "Hòa An, ngày 05/01/2028")]),
    ("Hòa An, ngày    tháng 12 năm 2026", []),  # left blank for the signing day
])
def test_the_date_the_plan_is_signed(findings_of, signed, expected):
    text = f"UBND XÃ HÒA AN\n\n{signed}\n\nKẾ HOẠCH\nChuyển đổi số xã Hòa An năm 2027\n\nI. MỤC TIÊU\n\n- Nội dung.\n"
    assert [(f.severity, f.quote) for f in findings_of(text, "wrong_year", head="")] == expected
