"""The one form field for numbers, as Vietnamese users type them: "9,5", "1.234,5", "85%".

A browser's <input type=number> reads "9,5" by the browser's own locale (Chromium saved 95 without a word),
so every number is a text input (inputmode="decimal" brings the phone's number keyboard) read on the server
by xaso.core.numbers.parse_number, and written back the same way (9,5, never 9.5).
"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.core.exceptions import BadRequest, ValidationError

from xaso.core.numbers import format_number, parse_number

# Digits, separators, a sign and a percent sign: "85%" and "1.234,5" pass, "12abc" and "1e5" do not.
TYPED = re.compile(r"[+-]?[\d.,\s\u00a0]+%?")
LARGEST = Decimal("999999999999.99")  # what a DecimalField(max_digits=14, decimal_places=2) holds


class VietnameseNumberField(forms.Field):
    """A number typed the Vietnamese way, refused with a Vietnamese message naming the field (`noun`, else the
    label without its unit) when it is not one, out of range, or more precise than its column keeps.
    `decimal_places=0` gives an int (a year); `grouping=False` writes it back without a thousands dot."""

    def __init__(self, *, min_value: Decimal | int | None = None, max_value: Decimal | int | None = LARGEST,
                 decimal_places: int = 2, example: str = "9,5 hoặc 1.234,5", grouping: bool = True,
                 noun: str = "", **kwargs):
        attrs = {"inputmode": "decimal" if decimal_places else "numeric", "autocomplete": "off", "maxlength": "40"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)
        self.min_value = None if min_value is None else Decimal(min_value)
        self.max_value = None if max_value is None else Decimal(max_value)
        self.decimal_places, self.grouping = decimal_places, grouping
        noun = noun or re.sub(r"\s*\(.*?\)", "", str(self.label or "Giá trị")).strip()
        write = format_number if grouping else (lambda v: str(int(v)))
        low, high = (None if v is None else write(v) for v in (self.min_value, self.max_value))
        if low is not None and high is not None and self.max_value != LARGEST:
            below = above = f"{noun} phải từ {low} đến {high}."
        else:
            below = f"{noun} không được âm." if low == "0" else f"{noun} không được nhỏ hơn {low}."
            above = f"{noun} quá lớn (tối đa {high})."
        self.error_messages.update({
            "not_a_number": f"{noun} phải là một số, ví dụ {example}.",
            "below_min": below,
            "above_max": above,
            "too_many_decimals": f"{noun} chỉ ghi tối đa {decimal_places} chữ số sau dấu phẩy." if decimal_places
            else f"{noun} phải là số nguyên.",
            **(kwargs.get("error_messages") or {}),
        })

    def to_python(self, value):
        text = str(value).strip() if value is not None else ""
        if text in self.empty_values:
            return None
        number = parse_number(text) if len(text) <= 40 and TYPED.fullmatch(text) else None
        if number is None:
            raise ValidationError(self.error_messages["not_a_number"], code="not_a_number")
        if self.min_value is not None and number < self.min_value:
            raise ValidationError(self.error_messages["below_min"], code="below_min")
        if self.max_value is not None and number > self.max_value:
            raise ValidationError(self.error_messages["above_max"], code="above_max")
        if number != round(number, self.decimal_places):
            raise ValidationError(self.error_messages["too_many_decimals"], code="too_many_decimals")
        return int(number) if not self.decimal_places else number

    def prepare_value(self, value):
        """A stored number is shown as a Vietnamese writes it; what the user typed is shown as typed."""
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return format_number(value) if self.grouping else str(value)
        return value


MAX_ID = 2**63 - 1  # the largest id a database column holds; a larger "id" overflows the query


def posted_id(data, name: str) -> int:
    """An object's id sent by a button or a hidden field (`data` is request.POST/GET): a tampered one is a 400
    in Vietnamese (Django's BadRequest renders 400.html), never a 500."""
    text = str(data.get(name, ""))
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= MAX_ID:
        raise BadRequest(f"Mã số “{name}” gửi lên không hợp lệ.")
    return int(text)


def ids_only(field) -> None:
    """A model choice field (a select or checkboxes of objects) that refuses a value not an id before querying:
    Django's own check lets a 20-digit number through to the database, which overflows (a 500)."""
    clean = field.clean

    def checked(value):
        for item in value if isinstance(value, (list, tuple)) else [value]:
            text = str(item)
            if item not in (None, "") and not (text.isascii() and text.isdigit() and int(text) <= MAX_ID):
                raise ValidationError("Lựa chọn không hợp lệ; hãy chọn lại trong danh sách.", code="invalid_choice")
        return clean(value)

    field.clean = checked
