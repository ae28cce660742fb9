"""Reads the token pages and operations list, each in one query."""

from apitokens.models import ApiToken


def tokens_of(user):
    """The user's personal tokens, newest first (one query; the account is read with them
    because a token's status depends on its password)."""
    return (
        ApiToken.objects.filter(user=user, kind=ApiToken.Kind.PERSONAL)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


def service_tokens():
    return ApiToken.objects.filter(kind=ApiToken.Kind.SERVICE).order_by("-created_at", "-id")
