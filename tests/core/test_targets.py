from decimal import Decimal

import pytest

from xaso.core.targets import AT_LEAST, AT_MOST, is_met, parse_target

# (as written, value, comparator, unit, span)
CASES = [
    ("≥ 95%", Decimal("95"), AT_LEAST, "%", None),
    (">=95%", Decimal("95"), AT_LEAST, "%", None),
    ("trên 80%", Decimal("80"), AT_LEAST, "%", None),
    ("tối thiểu 90%", Decimal("90"), AT_LEAST, "%", None),
    ("ít nhất 30%", Decimal("30"), AT_LEAST, "%", None),
    ("từ 85% trở lên", Decimal("85"), AT_LEAST, "%", None),
    ("đạt 100%", Decimal("100"), AT_LEAST, "%", None),
    ("phấn đấu đạt 95%", Decimal("95"), AT_LEAST, "%", None),
    ("100%", Decimal("100"), AT_LEAST, "%", None),
    ("100% (2025-2027)", Decimal("100"), AT_LEAST, "%", (2025, 2027)),
    ("≥02 hộ có gian hàng trực tuyến", Decimal("2"), AT_LEAST, "hộ", None),
    ("82,78%", Decimal("82.78"), AT_LEAST, "%", None),
    ("99.3%", Decimal("99.3"), AT_LEAST, "%", None),
    ("1.000 tài khoản", Decimal("1000"), AT_LEAST, "tài khoản", None),
    ("03 lớp", Decimal("3"), AT_LEAST, "lớp", None),
    ("12 tin/năm", Decimal("12"), AT_LEAST, "tin/năm", None),
    ("không quá 5%", Decimal("5"), AT_MOST, "%", None),
    ("tối đa 3 ngày", Decimal("3"), AT_MOST, "ngày", None),
    ("dưới 10%", Decimal("10"), AT_MOST, "%", None),
    ("≤ 2%", Decimal("2"), AT_MOST, "%", None),
    ("Cấp độ 2 hoặc 3", None, None, None, None),
    ("Hoàn thành", None, None, None, None),
    ("", None, None, None, None),
]


@pytest.mark.parametrize("text,value,comparator,unit,span", CASES)
def test_parse_target(text, value, comparator, unit, span):
    target = parse_target(text)
    assert (target.value, target.comparator, target.unit, target.span) == (value, comparator, unit, span)
    assert target.qualitative == (value is None)


def test_frequency_is_read_as_a_frequency():
    target = parse_target("1 tuần/lần")
    assert target.frequency
    assert target.value == 1


MET_CASES = [
    ("≥ 95%", Decimal("96"), True),
    ("≥ 95%", Decimal("95"), True),
    ("≥ 95%", Decimal("94.9"), False),
    ("không quá 5%", Decimal("4"), True),
    ("không quá 5%", Decimal("6"), False),
    ("Cấp độ 2 hoặc 3", Decimal("2"), None),
    ("≥ 95%", None, None),
]


@pytest.mark.parametrize("text,value,expected", MET_CASES)
def test_is_met(text, value, expected):
    assert is_met(parse_target(text), value) is expected
