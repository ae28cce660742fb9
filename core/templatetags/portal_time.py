"""Machine-readable times for <time datetime>: the one way templates write them."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def datetime_attr(value) -> str:
    """A valid HTML datetime value: to the second, with the zone offset (Django's 'c' format
    carries microseconds, which HTML does not accept); a date alone as YYYY-MM-DD."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
