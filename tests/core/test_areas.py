import pytest

from xaso.core import areas
from xaso.core.text import fold, roman_to_int

CASES = [
    ("CHÍNH QUYỀN SỐ", areas.GOVERNMENT),
    ("Về chính quyền số", areas.GOVERNMENT),
    ("KINH TẾ SỐ", areas.ECONOMY),
    ("Xã hội số", areas.SOCIETY),
    ("Phát triển hạ tầng số", areas.INFRASTRUCTURE),
    ("Công tác lãnh đạo, chỉ đạo, điều hành; kiểm tra, giám sát", areas.LEADERSHIP),
    ("Hoàn thiện thể chế, chính sách", areas.INSTITUTIONS),
    ("Phát triển nhân lực số", areas.HUMAN_RESOURCES),
    ("Dữ liệu số", areas.DATA),
    ("Bảo đảm an toàn thông tin mạng", areas.SECURITY),
    ("Tuyên truyền, nâng cao nhận thức", areas.AWARENESS),
    ("Phát triển thương mại điện tử", areas.ECONOMY),
    ("Nội dung khác", areas.OTHER),
    ("", areas.OTHER),
]


@pytest.mark.parametrize("heading,expected", CASES)
def test_classify(heading, expected):
    assert areas.classify(heading) == expected


def test_every_area_has_a_vietnamese_label():
    assert set(areas.LABELS) == {code for code, _ in areas.AREAS}


def test_fold_removes_diacritics_and_folds_d():
    assert fold("Chuyển Đổi Số") == "chuyen doi so"


@pytest.mark.parametrize("text,value", [("I", 1), ("IV", 4), ("IX", 9), ("XII", 12), ("ABC", None), ("", None)])
def test_roman_to_int(text, value):
    assert roman_to_int(text) == value


# (the item's own text, when its heading names no area; the area a reader would file it under)
TEXT_CASES = [
    ("Tỷ lệ hồ sơ thủ tục hành chính được xử lý trực tuyến đạt 70%", areas.GOVERNMENT),
    ("100% lãnh đạo UBND, các phòng sử dụng có hiệu quả Chứng thư số", areas.GOVERNMENT),
    ("Rà soát, triển khai mở rộng mạng viễn thông 4G và Internet cáp quang bảo đảm 100% thôn", areas.INFRASTRUCTURE),
    ("Có 80% người dân trưởng thành sử dụng dịch vụ thanh toán điện tử", areas.SOCIETY),
    ("85% hộ gia đình trở lên tham gia mua sắm trực tuyến trên sàn thương mại điện tử", areas.ECONOMY),
    ("Tỷ lệ người dân có Sổ sức khỏe điện tử đạt 92%", areas.SOCIETY),
    ("100% máy tính được cài phần mềm phòng chống mã độc", areas.SECURITY),
    ("Tổ chức 02 lớp tập huấn kỹ năng số cho cán bộ", areas.HUMAN_RESOURCES),
    ("Nội dung khác", areas.OTHER),
]


@pytest.mark.parametrize("text,expected", TEXT_CASES)
def test_an_item_without_a_heading_is_filed_by_its_own_words(text, expected):
    assert areas.classify(None, text) == expected
    assert areas.classify("Về hạ tầng số", text) == areas.INFRASTRUCTURE  # the document's heading decides first
