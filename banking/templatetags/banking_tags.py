"""Template hooks other apps' pages use: the Update Banking Information card, an
organization's banking status (masked)."""

from django import template

from banking import queries
from registry.models import RoleAssignment
from registry.rules import Role

register = template.Library()


@register.simple_tag
def can_update_banking(user) -> bool:
    """Whether to offer Update Banking Information: the user is an Invoicing and Banking
    Contact of an active organization (one query)."""
    if not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        membership__person__user=user,
        membership__organization__is_active=True,
        role_type__code=Role.INVOICING_BANKING_CONTACT,
    ).exists()


@register.simple_tag
def banking_status(org) -> dict:
    """The information in force and the pending change, both masked (two queries); for the
    back office's organization page (staff may view banking: `banking.rules`)."""
    return queries.banking_summary(org)
