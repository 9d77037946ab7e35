"""Vietnamese numbers as plans write them.

Documents use a decimal comma and a thousands dot ("82,78%", "1.000", "35.870.000đồng"),
but some write a decimal point ("99.3%", "57.5 %"). GLOSSARY's rule: a dot followed by
exactly three digits is a thousands separator; a dot followed by one or two digits is a
decimal point. This module is the one place that rule lives.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

# A number as written: digits with dots/commas inside, never starting or ending with one.
NUMBER_RE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)*(?![\d])")


def parse_number(text: str | None) -> Decimal | None:
    """Read one number written the Vietnamese way; None when the text is not one number.

    Surrounding spaces, a percent sign and a trailing unit word are ignored
    ("95 %", "6.876 hồ sơ"); anything else ambiguous is refused rather than guessed.
    """
    if text is None:
        return None
    cleaned = str(text).strip().replace("\u00a0", " ")
    match = re.fullmatch(r"([+-]?)\s*(\d[\d., ]*?)\s*(%|[^\d\s.,%][^\d]*)?", cleaned)
    if not match:
        return None
    sign, digits, _ = match.groups()
    # Thousands grouped by spaces, as a spreadsheet copies them: "1 000", "1 234,5".
    digits = digits.replace(" ", "") if re.fullmatch(r"\d{1,3}( \d{3})+([.,]\d+)?", digits) else digits
    if " " in digits:
        return None
    value = _digits_to_decimal(digits)
    if value is None:
        return None
    return -value if sign == "-" else value


def _digits_to_decimal(digits: str) -> Decimal | None:
    if not re.fullmatch(r"\d+(?:[.,]\d+)*", digits):
        return None
    dots, commas = digits.count("."), digits.count(",")
    if dots and commas:
        # Both separators: the last one is the decimal mark ("1.234,5" or "1,234.5").
        decimal_mark = "," if digits.rfind(",") > digits.rfind(".") else "."
        group_mark = "." if decimal_mark == "," else ","
        whole, _, frac = digits.rpartition(decimal_mark)
        if decimal_mark in whole or not _is_grouped(whole, group_mark):
            return None
        normal = whole.replace(group_mark, "") + "." + frac
    elif dots > 1:
        if not _is_grouped(digits, "."):
            return None
        normal = digits.replace(".", "")
    elif dots == 1:
        whole, frac = digits.split(".")
        normal = whole + frac if len(frac) == 3 else whole + "." + frac
    elif commas > 1:
        if not _is_grouped(digits, ","):
            return None
        normal = digits.replace(",", "")
    elif commas == 1:
        normal = digits.replace(",", ".")
    else:
        normal = digits
    try:
        return Decimal(normal)
    except InvalidOperation:
        return None


def _is_grouped(text: str, mark: str) -> bool:
    head, *groups = text.split(mark)
    return 1 <= len(head) <= 3 and all(len(g) == 3 for g in groups)


def find_numbers(text: str) -> list[tuple[Decimal, int, int]]:
    """Every number in a running text with its position: (value, start, end)."""
    found = []
    for m in NUMBER_RE.finditer(text):
        value = _digits_to_decimal(m.group())
        if value is not None:
            found.append((value, m.start(), m.end()))
    return found


def format_number(value, decimals: int | None = None) -> str:
    """Write a number the Vietnamese way: 1.234,5 (thousands dot, decimal comma)."""
    if value is None or value == "":
        return ""
    return _format(str(value), decimals)


@lru_cache(maxsize=8192)  # the text of the number decides: a dashboard writes the same few hundred numbers again
def _format(value: str, decimals: int | None) -> str:
    number = Decimal(value)
    if decimals is None:
        number = number.normalize() if number == number.to_integral() else number
        text = f"{number:,f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        text = f"{number:,.{decimals}f}"
    return text.replace(",", "\u0001").replace(".", ",").replace("\u0001", ".")
