"""Every number field takes what Vietnamese users type ("9,5", "1.234,5", "85%") and writes stored numbers back
the same way; no form anywhere uses a browser's <input type=number>, which misreads the decimal comma."""

import importlib
import pkgutil
from decimal import Decimal

import pytest
from django import forms

import xaso
from xaso.plans.fields import VietnameseNumberField
from xaso.plans.forms import BudgetField, YearField
from xaso.tracking.forms import IndicatorValueForm, TaskReportForm

PERCENT = TaskReportForm.base_fields["percent"]
VALUE = IndicatorValueForm.base_fields["value"]
BUDGET = BudgetField(label="Kinh phí (triệu đồng)")
YEAR = YearField(label="Năm kế hoạch")

# (field, as typed, the number kept, or the message shown)
TYPED = [
    (PERCENT, "9,5", Decimal("9.5")),
    (PERCENT, "85%", Decimal(85)),
    (PERCENT, " 85 % ", Decimal(85)),
    (PERCENT, "99.3", Decimal("99.3")),  # a decimal point, as some type it
    (PERCENT, "0,25", Decimal("0.25")),
    (PERCENT, "100", Decimal(100)),
    (PERCENT, "100,5", "Tỷ lệ hoàn thành phải từ 0 đến 100."),
    (PERCENT, "-1", "Tỷ lệ hoàn thành phải từ 0 đến 100."),
    (PERCENT, "9,555", "Tỷ lệ hoàn thành chỉ ghi tối đa 2 chữ số sau dấu phẩy."),
    (PERCENT, "abc", "Tỷ lệ hoàn thành phải là một số, ví dụ 40 hoặc 9,5."),
    (PERCENT, "12abc", "Tỷ lệ hoàn thành phải là một số, ví dụ 40 hoặc 9,5."),
    (PERCENT, "1e2", "Tỷ lệ hoàn thành phải là một số, ví dụ 40 hoặc 9,5."),
    (VALUE, "1.234,5", Decimal("1234.5")),
    (VALUE, "1 234,5", Decimal("1234.5")),
    (VALUE, "6.876", Decimal(6876)),
    (VALUE, "1.000.000.000.000", "Giá trị quá lớn (tối đa 999.999.999.999,99)."),
    (VALUE, "-3", "Giá trị không được âm."),
    (VALUE, "1,2,3", "Giá trị phải là một số, ví dụ 85,5 hoặc 1.234,5."),
    (BUDGET, "1.250,5", Decimal("1250.5")),
    (BUDGET, "-5", "Kinh phí không được âm."),
    (BUDGET, "abc", "Kinh phí phải là một số, ví dụ 150 hoặc 1.250,5."),
    (YEAR, "2026", 2026),
    (YEAR, "2026,5", "Năm phải là số nguyên."),
    (YEAR, "1999", "Năm phải từ 2000 đến 2100."),
    (YEAR, "hai nghìn", "Năm phải là một số, ví dụ 2026."),
]


@pytest.mark.parametrize("field,typed,expected", TYPED, ids=[f"{f.label}:{t}" for f, t, _ in TYPED])
def test_a_number_as_typed(field, typed, expected):
    if isinstance(expected, str):
        with pytest.raises(forms.ValidationError) as caught:
            field.clean(typed)
        assert caught.value.messages == [expected]
    else:
        kept = field.clean(typed)
        assert kept == expected and type(kept) is type(expected)


@pytest.mark.parametrize("field,stored,shown", [
    (PERCENT, Decimal("9.50"), "9,5"),
    (PERCENT, Decimal("40.00"), "40"),
    (VALUE, Decimal("1234.50"), "1.234,5"),
    (BUDGET, Decimal("1250000"), "1.250.000"),
    (YEAR, 2026, "2026"),
])
def test_a_stored_number_is_shown_the_vietnamese_way(field, stored, shown):
    html = field.widget.render("n", field.prepare_value(stored))
    assert f'value="{shown}"' in html and 'type="text"' in html
    assert f'inputmode="{"numeric" if field.decimal_places == 0 else "decimal"}"' in html


def _every_form_class():
    for module in pkgutil.walk_packages(xaso.__path__, "xaso."):
        if module.name.rsplit(".", 1)[-1].endswith("forms"):
            importlib.import_module(module.name)
    seen, todo = set(), [forms.BaseForm]
    while todo:
        for cls in todo.pop().__subclasses__():
            if cls not in seen:
                seen.add(cls)
                todo.append(cls)
    return [cls for cls in seen if cls.__module__.startswith("xaso.") and getattr(cls, "base_fields", None)]


def test_every_number_field_of_every_form_is_a_vietnamese_number_field():
    classes = _every_form_class()
    assert {"TaskReportForm", "IndicatorValueForm", "TaskForm", "PlanForm", "ReviewTaskForm"} <= {c.__name__ for c in classes}
    plain = [f"{cls.__name__}.{name}" for cls in classes for name, field in cls.base_fields.items()
             if isinstance(field, (forms.IntegerField, forms.DecimalField, forms.FloatField))
             and not isinstance(field.widget, forms.HiddenInput)]
    number_inputs = [f"{cls.__name__}.{name}" for cls in classes for name, field in cls.base_fields.items()
                     if isinstance(field.widget, forms.NumberInput) and not isinstance(field.widget, forms.HiddenInput)]
    assert plain == [] and number_inputs == []
    assert isinstance(TaskReportForm.base_fields["percent"], VietnameseNumberField)
