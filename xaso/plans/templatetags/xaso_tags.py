from django import template

from xaso.core.areas import LABELS
from xaso.core.numbers import format_number
from xaso.core.periods import HALF, QUARTER, YEAR, Period, label_of

register = template.Library()


@register.filter
def vn_number(value, decimals=None):
    """1.234,5: the one way numbers are written on pages."""
    return format_number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def period_label(period):
    """“Quý III/2026”, never “2026-Q3”: a period or its stored code as readers write it."""
    return label_of(period)


@register.simple_tag
def report_periods(year):
    """The periods a plan's progress report can cover, in the order of the year: quarters, halves, the year."""
    year = int(year)
    return [Period(year, QUARTER, 1), Period(year, QUARTER, 2), Period(year, HALF, 1), Period(year, QUARTER, 3),
            Period(year, QUARTER, 4), Period(year, YEAR, 1)]


@register.filter
def area_label(code):
    return LABELS.get(code, code)


@register.filter
def verbose_name(obj):
    return obj._meta.verbose_name.capitalize()


@register.filter
def model_key(obj):
    """The kind name of the history and restore pages, read from xaso.plans.history_views.TRACKED."""
    from xaso.plans.history_views import TRACKED

    return next(kind for kind, (model, _) in TRACKED.items() if isinstance(obj, model))


@register.simple_tag(takes_context=True)
def allowed_url(context, page, *objects):
    """The URL of `page` (a URL name) built from `objects` (rows or plain values, in the URL's order) when
    xaso.plans.access lets the user open it, else "": `{% allowed_url "unit_tasks" unit as href %}{% if href %}…`."""
    from django.urls import reverse

    from xaso.plans import access

    if not access.can_open(context["user"], page, *objects):
        return ""
    return reverse(page, args=[getattr(obj, "pk", obj) for obj in objects])
