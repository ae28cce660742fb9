"""`{{ entry|audit_sentence }}`: an audit entry as a sentence for people (`audit.sentences`)."""

from django import template

from audit.sentences import describe

register = template.Library()


@register.filter
def audit_sentence(entry) -> str:
    return describe(entry)
