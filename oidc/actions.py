"""Single sign-on's audit vocabulary (see audit/actions.py)."""

from audit.actions import Action, register

register(
    Action(
        "oidc.signed_in",
        organization=False,
        done="{actor} signed in to {system}.",
        attempt="sign in to {system}",
        service="oidc.sign_in",
    ),
    Action(
        "oidc.client_registered",
        organization=False,
        done="{actor} registered {system} for single sign-on.",
        attempt="register a system for single sign-on",
        service="oidc.register_client",
    ),
)
