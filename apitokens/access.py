"""Fetch-and-authorize for API tokens: another person's token is 404, like a missing one."""

from django.utils.translation import gettext_lazy as _

from apitokens import queries
from apitokens.models import ApiToken
from core.errors import NotFound, require
from core.text import sentence
from registry.rules import is_operator_staff


def get_token_for(user, token_id) -> ApiToken:
    """One of the user's own tokens (staff: any token), else NotFound."""
    try:
        number = int(str(token_id).strip())
    except (TypeError, ValueError):
        number = None
    qs = ApiToken.objects.filter(pk=number) if number and 0 < number < 2**63 else None
    if qs is not None and not is_operator_staff(user):
        qs = qs.filter(user=user)
    token = qs.first() if qs is not None else None
    if token is None:
        raise NotFound(
            sentence(_("No API token with ID {number} is visible to you."), number=token_id)
        )
    return token


def service_tokens_for(user):
    """The downstream systems' tokens: operator staff only (403 in the API, whose operations
    are documented to everyone; staff-only pages answer 404)."""
    require(is_operator_staff(user), _("Only operator staff can see service tokens."))
    return queries.service_tokens()
