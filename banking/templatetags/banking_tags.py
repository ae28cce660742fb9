"""Template hooks other apps' pages use: an organization's banking status (masked)."""

from django import template

from banking import queries

register = template.Library()


@register.simple_tag
def banking_status(org) -> dict:
    """The information in force and the pending change, both masked (two queries); for the
    back office's organization page (staff may view banking: `banking.rules`)."""
    return queries.banking_summary(org)
