"""Single sign-on's audit vocabulary (see audit/actions.py)."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "oidc.signed_in",
        organization=False,
        done=gettext_noop("{actor} signed in to {system}."),
        attempt=gettext_noop("sign in to {system}"),
        service="oidc.sign_in",
    ),
    Action(
        "oidc.client_registered",
        organization=False,
        done=gettext_noop("{actor} registered {system} for single sign-on."),
        attempt=gettext_noop("register a system for single sign-on"),
        service="oidc.register_client",
    ),
)
