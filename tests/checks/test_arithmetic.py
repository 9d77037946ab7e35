import pytest

CASES = [
    ("Đã giải quyết 6129/6190 hồ sơ phát sinh thanh toán đạt 99,82%.", ["6129/6190 hồ sơ phát sinh thanh toán đạt 99,82%"]),
    ("Đã giải quyết 6129/6190 hồ sơ, đạt 99,01%.", []),
    ("Khối lượng đã số hóa: 82/165 mét giá (đạt 49,7%).", []),
    ("Có 19/33 doanh nghiệp sử dụng hợp đồng điện tử đạt 57.5 %", []),  # 57,58 truncated: the document's rounding
    ("Tỷ lệ hồ sơ trực tuyến 95% (1200/1500).", ["95% (1200/1500)"]),
    ("Chuẩn hóa đảng viên: 917/917 = 100%.", []),
    ("Chuẩn hóa đảng viên: 900/917 = 100%.", ["900/917 = 100%"]),
    ("Tỷ lệ hài lòng đạt 90% (450 trên 600 phiếu).", ["90% (450 trên 600 phiếu)"]),
    ("Kế hoạch số 12/2025 ngày 3/4/2025 đạt 100%.", []),
    ("Tổng số thửa đã thu thập: 8731 thửa, trong đó: Số thửa làm giàu: 1227 thửa; số thửa làm sạch: 10.201 thửa.",
     ["số thửa làm sạch: 10.201 thửa"]),
    ("Tổng số hồ sơ: 100 hồ sơ, trong đó: trực tuyến: 70 hồ sơ; trực tiếp: 50 hồ sơ.", ["trực tiếp: 50 hồ sơ"]),
    ("Tổng số hồ sơ: 100 hồ sơ, trong đó: trực tuyến: 70 hồ sơ; trực tiếp: 30 hồ sơ.", []),
    # words between the counts and the percentage
    ("Năm 2025, Bộ phận một cửa tiếp nhận 6.874 hồ sơ thủ tục hành chính, trong đó 5.915 hồ sơ nộp trực tuyến, "
     "đạt 89,1%.", ["6.874 hồ sơ thủ tục hành chính, trong đó 5.915 hồ sơ nộp trực tuyến, đạt 89,1%"]),
    ("Năm 2025, Bộ phận một cửa tiếp nhận 6.874 hồ sơ thủ tục hành chính, trong đó 5.915 hồ sơ nộp trực tuyến, "
     "đạt 86,0%.", []),
    ("Trong số 12.580 hộ gia đình trên địa bàn, 9.940 hộ đã có tài khoản thanh toán, tương đương 81%.",
     ["Trong số 12.580 hộ gia đình trên địa bàn, 9.940 hộ đã có tài khoản thanh toán, tương đương 81%"]),
    ("Trong số 12.580 hộ gia đình trên địa bàn, 9.940 hộ đã có tài khoản thanh toán, tương đương 79%.", []),
    ("Hiện có 1.920 trên 2.560 hộ có điện thoại thông minh (80%).",
     ["1.920 trên 2.560 hộ có điện thoại thông minh (80%)"]),
    ("Hiện có 1.920 trên 2.560 hộ có điện thoại thông minh (75%).", []),
    ("Đã cấp chữ ký số cho 41/58 cán bộ, công chức, bằng 72,4%.", ["41/58 cán bộ, công chức, bằng 72,4%"]),
    ("Đã cấp chữ ký số cho 41/58 cán bộ, công chức, bằng 70,7%.", []),
    ("Có 4/6 thôn có Wifi công cộng (đạt 75%).", ["4/6 thôn có Wifi công cộng (đạt 75%)"]),
    ("Có 4/6 thôn có Wifi công cộng (đạt 66,7%).", []),
    ("Giải quyết 41/50 hồ sơ, đạt tỷ lệ 86%.", ["41/50 hồ sơ, đạt tỷ lệ 86%"]),
    # a labelled total, then a labelled part
    ("Tổng số hồ sơ tiếp nhận: 3.146 hồ sơ; số hồ sơ trực tuyến: 2.704 hồ sơ (tỷ lệ 89,5%).",
     ["Tổng số hồ sơ tiếp nhận: 3.146 hồ sơ; số hồ sơ trực tuyến: 2.704 hồ sơ (tỷ lệ 89,5%)"]),
    ("Tổng số hồ sơ tiếp nhận: 3.146 hồ sơ; số hồ sơ trực tuyến: 2.704 hồ sơ (tỷ lệ 86%).", []),
    ("Tổng số hộ: 1.200; số hộ có tài khoản: 900 (chiếm 80%).", ["Tổng số hộ: 1.200; số hộ có tài khoản: 900 (chiếm 80%)"]),
    ("Tổng số thửa đã thu thập: 8731 thửa; số thửa làm sạch: 1227 thửa; đạt 100% kế hoạch.", []),
    # a part larger than its whole, quoted from the whole
    ("Toàn xã có 412 tàu cá, trong đó 436 tàu đã lắp thiết bị giám sát hành trình.",
     ["412 tàu cá, trong đó 436 tàu đã lắp thiết bị giám sát hành"]),
    ("Toàn xã có 412 tàu cá, trong đó 400 tàu đã lắp thiết bị giám sát hành trình.", []),
    # growth and plan fulfilment are no share of a count
    ("Doanh thu thương mại điện tử tăng 15% so với năm 2025, đạt 130% kế hoạch.", []),
]


@pytest.mark.parametrize("body,flagged", CASES)
def test_arithmetic(findings_of, body, flagged):
    found = findings_of(body, "arithmetic")
    assert [f.quote for f in found] == flagged


def test_the_explanation_shows_the_computation(findings_of):
    (finding,) = findings_of("Đã giải quyết 6129/6190 hồ sơ đạt 99,82%.", "arithmetic")
    assert "6129/6190 = 99,02%" in finding.explanation or "6129/6190 = 99,01%" in finding.explanation
    assert finding.severity == "lỗi"


BUDGET = ("II. NHIỆM VỤ\n\n"
          "TT\tNhiệm vụ\tChủ trì\tThời gian\tKinh phí (triệu đồng)\tKinh phí (triệu đồng)\tKinh phí (triệu đồng)\n"
          "TT\tNhiệm vụ\tChủ trì\tThời gian\tTổng\tNgân sách xã\tNguồn khác\n{rows}")


@pytest.mark.parametrize("rows,flagged", [
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t60\t60\t\n2\tLắp camera\tCông an xã\tQuý II\t150\t40\t110\n", []),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t60\t60\t\n2\tLắp camera\tCông an xã\tQuý II\t150\t40\t120\n",
     ["Lắp camera"]),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t1.250,5\t1.000\t250,5\n", []),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\tLồng ghép\t\t\n", []),
])
def test_a_total_column_is_the_sum_of_its_sources(findings_of, rows, flagged):
    found = findings_of(BUDGET.format(rows=rows), "arithmetic")
    assert [f.quote for f in found] == flagged
    for f in found:
        assert "Ngân sách xã 40 + Nguồn khác 120 = 160" in f.explanation and "Tổng (150)" in f.explanation


FLAT = ("II. NHIỆM VỤ\n\nTT\tNhiệm vụ\tChủ trì\tThời gian\tTổng kinh phí (triệu đồng)\tNgân sách xã\tNguồn khác\n{rows}")


@pytest.mark.parametrize("rows,flagged", [
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t60\t60\t\n2\tLắp camera\tCông an xã\tQuý II\t150\t40\t110\n"
     "\tTổng cộng\t\t\t210\t100\t110\n", []),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t60\t60\t\n2\tLắp camera\tCông an xã\tQuý II\t75\t30\t40\n"
     "\tTổng cộng\t\t\t135\t90\t40\n", ["Lắp camera"]),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t60\t60\t\n2\tLắp camera\tCông an xã\tQuý II\t150\t40\t110\n"
     "\tTổng cộng\t\t\t235\t100\t110\n", ["Tổng cộng 235"]),
    ("1\tSố hóa hộ tịch\tCông an xã\tQuý I\t60\t60\t\n\tCộng nhóm I\t\t\t60\t60\t\n"
     "2\tLắp camera\tCông an xã\tQuý II\t150\t40\t110\n\tCộng nhóm II\t\t\t150\t40\t110\n"
     "\tTổng cộng\t\t\t210\t100\t110\n", []),
])
def test_a_total_on_one_header_row_and_the_total_row(findings_of, rows, flagged):
    assert [f.quote for f in findings_of(FLAT.format(rows=rows), "arithmetic")] == flagged
