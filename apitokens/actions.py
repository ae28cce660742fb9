"""API tokens' audit vocabulary (see audit/actions.py). {target} is the token's name."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "api_token.created",
        organization=False,
        done=gettext_noop("{actor} created the personal API token {target}."),
        attempt=gettext_noop("create a personal API token"),
        service="api_token.create",
    ),
    Action(
        "api_token.issued",
        organization=False,
        done=gettext_noop("{actor} issued the service token {target} to a downstream system."),
        attempt=gettext_noop("issue a service token"),
        service="api_token.issue_service",
    ),
    Action(
        "api_token.revoked",
        organization=False,
        done=gettext_noop("{actor} revoked the API token {target}."),
        attempt=gettext_noop("revoke the API token {target}"),
        service="api_token.revoke",
    ),
    Action(
        "api_token.revoked_all",
        organization=False,
        done=gettext_noop("Every API token of {target} was revoked ({count} in all): {reason}."),
        attempt=gettext_noop("revoke the API tokens of {target}"),
    ),
)
