import pytest

CASES = [
    ("Tiếp tục xây dựng chính quyền số xã Đông Hòa tổng thể, toàn diện.", ["xã Đông Hòa"]),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", []),  # the national motto
    ("Vận hành hệ thống quản lý văn bản, bảo đảm 100% văn bản được ký số của UBND xã Tân Phú.", ["xã Tân Phú"]),
    ("Hỗ trợ người dân phường Hòa Khánh sử dụng dịch vụ công trực tuyến.", ["phường Hòa Khánh"]),
    ("Xây dựng chính quyền số xã Phúc Điền.", []),
    ("Trước khi sáp nhập xã Phúc Điền, xã Yên Bình đã được công nhận xã chuyển đổi số.", []),
    ("Các xã cũ Yên Bình, Hòa Lạc đã ban hành kế hoạch. Xã Hòa Lạc có 3 thôn.", []),  # history, named twice
    ("Theo Kế hoạch số 5/KH-UBND của UBND xã Yên Bình, phối hợp thực hiện.", []),  # a cited document
    ("Phối hợp với xã Yên Bình giáp ranh để lắp trạm.", []),
    ("Truyền hình cấp xã UBND xã Xây dựng kế hoạch.", []),  # no name after "xã"
]


@pytest.mark.parametrize("body,flagged", CASES)
def test_other_commune_names(findings_of, body, flagged):
    found = findings_of(body, "wrong_name")
    assert len(found) == len(flagged)
    for finding, name in zip(found, flagged):
        # The quote is the words around the name, so a person finds it; never the name alone.
        assert name in finding.quote and len(finding.quote.split()) >= len(name.split()) + 3
