"""Rows of tables that several pages include, written in Python (xaso.tracking.table_rows)."""

from django import template

from xaso.tracking import table_rows

register = template.Library()


@register.simple_tag
def budget_rows(head, lines):
    return table_rows.budget_lines(head, lines)
