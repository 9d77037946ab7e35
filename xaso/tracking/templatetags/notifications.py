"""The unread count in the header of every page: one COUNT query, only where the header is drawn."""

from django import template

from xaso.tracking.models import UNREAD

register = template.Library()


@register.simple_tag
def unread_count(user) -> int:
    return user.notifications.filter(UNREAD).count() if user.is_authenticated else 0
