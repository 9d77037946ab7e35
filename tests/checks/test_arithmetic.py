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
]


@pytest.mark.parametrize("body,flagged", CASES)
def test_arithmetic(findings_of, body, flagged):
    found = findings_of(body, "arithmetic")
    assert [f.quote for f in found] == flagged


def test_the_explanation_shows_the_computation(findings_of):
    (finding,) = findings_of("Đã giải quyết 6129/6190 hồ sơ đạt 99,82%.", "arithmetic")
    assert "6129/6190 = 99,02%" in finding.explanation or "6129/6190 = 99,01%" in finding.explanation
    assert finding.severity == "lỗi"
