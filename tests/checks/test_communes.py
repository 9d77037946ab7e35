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
    ("Lắp đặt Wi-Fi công cộng tại đặc khu Côn Đảo theo chương trình của tỉnh.", ["đặc khu Côn Đảo"]),
    ("Ủy ban nhân dân ĐẶC KHU PHÚ QUỐC chỉ đạo các đơn vị thực hiện.", ["ĐẶC KHU PHÚ QUỐC"]),
    ("Hỗ trợ người dân Đặc khu Vân Đồn cài đặt ứng dụng VNeID.", ["Đặc khu Vân Đồn"]),
    ("Trước khi sắp xếp, đặc khu Côn Đảo là huyện Côn Đảo.", []),  # history
    ("Phối hợp với đặc khu Phú Quốc trong chia sẻ dữ liệu.", []),  # joint work
    ("Các phường cũ Hòa Khánh, Hòa Minh đã số hóa hồ sơ.", []),  # former phường: history
]

OWN_PHUONG = "KẾ HOẠCH\nChuyển đổi số phường Bến Nghé năm 2027\n\n"


@pytest.mark.parametrize("body,flagged", CASES)
def test_other_commune_names(findings_of, body, flagged):
    found = findings_of(body, "wrong_name")
    assert len(found) == len(flagged)
    for finding, name in zip(found, flagged):
        # The quote is the words around the name, so a person finds it; never the name alone.
        assert name in finding.quote and len(finding.quote.split()) >= len(name.split()) + 3


@pytest.mark.parametrize("body,flagged", [
    ("Xây dựng chính quyền số phường Bến Nghé.", []),  # its own name
    ("Hỗ trợ người dân phường Bến Nghé và xã Tân Phú Đông dùng dịch vụ công.", ["xã Tân Phú Đông"]),
])
def test_a_phuongs_plan_is_checked_the_same_way(findings_of, body, flagged):
    found = findings_of(body, "wrong_name", head=OWN_PHUONG)
    assert [f.quote for f in found if any(name in f.quote for name in flagged)] == [f.quote for f in found]
    assert len(found) == len(flagged)
    for finding in found:
        assert finding.explanation.startswith("Kế hoạch của phường Bến Nghé nhưng câu này ghi “xã Tân Phú Đông”")
