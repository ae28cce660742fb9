"""API tokens' audit vocabulary (see audit/actions.py). {target} is the token's name."""

from audit.actions import Action, register

register(
    Action(
        "api_token.created",
        organization=False,
        done="{actor} created the personal API token {target}.",
        attempt="create a personal API token",
        service="api_token.create",
    ),
    Action(
        "api_token.issued",
        organization=False,
        done="{actor} issued the service token {target} to a downstream system.",
        attempt="issue a service token",
        service="api_token.issue_service",
    ),
    Action(
        "api_token.revoked",
        organization=False,
        done="{actor} revoked the API token {target}.",
        attempt="revoke the API token {target}",
        service="api_token.revoke",
    ),
    Action(
        "api_token.revoked_all",
        organization=False,
        done="Every API token of {target} was revoked ({count} in all): {reason}.",
        attempt="revoke the API tokens of {target}",
    ),
)
