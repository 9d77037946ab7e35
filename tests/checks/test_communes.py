import pytest

CASES = [
    ("Tiếp tục xây dựng chính quyền số xã Đông Hòa tổng thể, toàn diện.", ["chính quyền số xã Đông Hòa"]),
    ("Xây dựng chính quyền số xã Phúc Điền.", []),
    ("Trước khi sáp nhập xã Phúc Điền, xã Yên Bình đã được công nhận xã chuyển đổi số.", []),
    ("Các xã cũ Yên Bình, Hòa Lạc đã ban hành kế hoạch. Xã Hòa Lạc có 3 thôn.", []),  # history, named twice
    ("Theo Kế hoạch số 5/KH-UBND của UBND xã Yên Bình, phối hợp thực hiện.", []),  # a cited document
    ("Phối hợp với xã Yên Bình giáp ranh để lắp trạm.", []),
    ("Truyền hình cấp xã UBND xã Xây dựng kế hoạch.", []),  # no name after "xã"
]


@pytest.mark.parametrize("body,flagged", CASES)
def test_other_commune_names(findings_of, body, flagged):
    assert [f.quote for f in findings_of(body, "wrong_name")] == flagged
