"""Operator data in the reader's language (core.bilingual):

{% localized role_type "description" %}       the French, or the English with a note
{% with body=notice|in_language:"body" %}     the text itself (`body.lang`, `body.missing`)
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from core import bilingual

register = template.Library()


@register.simple_tag
def localized(entry, field: str):
    text = bilingual.localized(entry, field)
    if not text.missing:
        return text
    return format_html(
        '<span lang="en">{}</span> <span class="hint">{}</span>',
        text,
        gettext("(in English only)"),
    )


@register.filter
def in_language(entry, field: str) -> bilingual.Localized:
    return bilingual.localized(entry, field)
