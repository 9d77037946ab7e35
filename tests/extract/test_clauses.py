import pytest

from xaso.extract.clauses import clauses, find_target

CLAUSE_CASES = [
    ("100% cán bộ có tài khoản định danh; 100% có chữ ký số.", ["100% cán bộ có tài khoản định danh", "100% có chữ ký số"]),
    ("Nâng cấp hạ tầng (mạng, máy tính). Đảm bảo 100% cán bộ có máy tính.",
     ["Nâng cấp hạ tầng (mạng, máy tính)", "Đảm bảo 100% cán bộ có máy tính"]),
    ("Tỷ lệ hồ sơ trực tuyến đạt 70% trở lên", ["Tỷ lệ hồ sơ trực tuyến đạt 70% trở lên"]),
]


@pytest.mark.parametrize("text,expected", CLAUSE_CASES)
def test_clauses(text, expected):
    assert clauses(text) == expected


# (clause, value, comparator, unit, baseline)
TARGET_CASES = [
    ("Tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt 70% trở lên", 70, ">=", "%", None),
    ("Tối thiểu 90% người dân hài lòng", 90, ">=", "%", None),
    ("Trên 80% người dùng điện thoại thông minh tiếp cận dịch vụ", 80, ">=", "%", None),
    ("Có từ 85% người dân trở lên có tài khoản", 85, ">=", "%", None),
    ("Tỷ lệ hồ sơ trễ hạn không quá 2%", 2, "<=", "%", None),
    ("Tỷ lệ hồ sơ trễ hạn dưới 5%", 5, "<=", "%", None),
    ("Nâng tỷ lệ hồ sơ trực tuyến từ 82,78% lên 95%", 95, ">=", "%", "82,78%"),
    ("Tỷ lệ số hóa đạt 99.3%", 99.3, ">=", "%", None),
    ("≥02 hộ có gian hàng trực tuyến", 2, ">=", "hộ", None),
    ("Tổ chức ít nhất 4 buổi tuyên truyền", 4, ">=", "buổi", None),
]


@pytest.mark.parametrize("clause,value,comparator,unit,baseline", TARGET_CASES)
def test_find_target(clause, value, comparator, unit, baseline):
    found = find_target(clause)
    assert (found.value, found.comparator, found.unit, found.baseline) == (value, comparator, unit, baseline)


@pytest.mark.parametrize("clause", [
    "Triển khai mạng viễn thông 5G theo kế hoạch của cấp trên",
    "Thực hiện các nhiệm vụ Đề án 06 về dữ liệu dân cư",
    "Hoàn thành trong năm 2026",
    "Cấp độ 2 hoặc 3",
])
def test_no_target_is_invented(clause):
    assert find_target(clause) is None
