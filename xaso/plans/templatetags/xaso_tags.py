from django import template

from xaso.core.areas import LABELS
from xaso.core.numbers import format_number

register = template.Library()


@register.filter
def vn_number(value, decimals=None):
    """1.234,5: the one way numbers are written on pages."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def area_label(code):
    return LABELS.get(code, code)
