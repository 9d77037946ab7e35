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
