"""Fetch-and-authorize for API tokens: another person's token is 404, like a missing one."""

from apitokens.models import ApiToken
from core.errors import NotFound


def get_token_for(user, token_id) -> ApiToken:
    """One of the user's own tokens (staff: any token), else NotFound."""
    try:
        number = int(str(token_id).strip())
    except (TypeError, ValueError):
        number = None
    qs = ApiToken.objects.filter(pk=number) if number and 0 < number < 2**63 else None
    if qs is not None and not user.is_staff:
        qs = qs.filter(user=user)
    token = qs.first() if qs is not None else None
    if token is None:
        raise NotFound(f"No API token with ID {token_id} is visible to you.")
    return token
