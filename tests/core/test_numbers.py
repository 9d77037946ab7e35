from decimal import Decimal

import pytest

from xaso.core.numbers import find_numbers, format_number, parse_number

PARSE_CASES = [
    ("82,78", Decimal("82.78")),
    ("82,78%", Decimal("82.78")),
    ("1.000", Decimal("1000")),
    ("6.876", Decimal("6876")),
    ("6.876 hồ sơ", Decimal("6876")),
    ("35.870.000", Decimal("35870000")),
    ("35.870.000đồng", Decimal("35870000")),
    ("99.3%", Decimal("99.3")),
    ("57.5 %", Decimal("57.5")),
    ("1.234,5", Decimal("1234.5")),
    ("1,234.5", Decimal("1234.5")),
    ("100", Decimal("100")),
    ("02", Decimal("2")),
    ("-5", Decimal("-5")),
    ("1 000", Decimal("1000")),
    ("1 234,5", Decimal("1234.5")),
    ("12 345 678,25", Decimal("12345678.25")),
    ("1 23,5", None),
    ("9,5", Decimal("9.5")),
    ("85%", Decimal("85")),
    ("0,25 %", Decimal("0.25")),
    ("", None),
    ("abc", None),
    ("1.2.3", None),
    ("12.34.567", None),
    (None, None),
]


@pytest.mark.parametrize("text,expected", PARSE_CASES)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


FORMAT_CASES = [
    (Decimal("1234.5"), None, "1.234,5"),
    (1000, None, "1.000"),
    (Decimal("82.78"), None, "82,78"),
    (Decimal("600"), None, "600"),
    (Decimal("0.5"), 2, "0,50"),
    (None, None, ""),
]


@pytest.mark.parametrize("value,decimals,expected", FORMAT_CASES)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_find_numbers_reads_each_number_with_its_place():
    found = find_numbers("đạt 14.775/16.545 hồ sơ, tỷ lệ 89,3%")
    assert [v for v, _, _ in found] == [Decimal("14775"), Decimal("16545"), Decimal("89.3")]
    assert found[0][1:] == (4, 10)
