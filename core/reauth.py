"""Re-authentication before sensitive actions: role and membership changes, banking
submissions, reveals and decisions, the e-mail where resets go, secret answers, new API
tokens, an organization's second-factor rule.

A person who signed in (or confirmed their password) less than `REAUTH_MAX_AGE_SECONDS` ago
may go ahead; anyone else is asked for their password first. The check is one, in the
services, whatever the channel: `require_recent_sign_in(actor)`. The channel that hands the
actor over says when it last proved its password (`actor.authenticated_at`, seconds since the
epoch): the browser session the time of its sign-in or last confirmation (`ProofMiddleware`),
an API token the time it was made (`apitokens.auth`; making one needs a recent sign-in). Pages
turn the refusal into the password prompt: `reauth_required` before a POST reaches the view,
`ask_for_password` where a view receives the refusal.

An actor that reached a service from no request (a management command, a background job) was
handed over by no channel and is not asked: whoever runs those holds the server.
"""

import functools
import time
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.context import current
from core.errors import DomainError, Forbidden
from core.text import sentence

AUTHENTICATED_AT = "accounts.authenticated_at"
REAUTH_REQUIRED = "reauth_required"


def mark_authenticated(request) -> None:
    """The person has just proved who they are (signed in, or confirmed their password)."""
    request.session[AUTHENTICATED_AT] = time.time()


def is_recent(request) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    at = session.get(AUTHENTICATED_AT)
    return at is not None and time.time() - at <= settings.REAUTH_MAX_AGE_SECONDS


class ProofMiddleware:
    """Hand services an actor that says when the session last proved its password."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            user.authenticated_at = session.get(AUTHENTICATED_AT)
            user.authenticated_by = "session"
        return self.get_response(request)


def proved_recently(actor) -> bool:
    at = getattr(actor, "authenticated_at", None)
    return at is not None and time.time() - at <= settings.REAUTH_MAX_AGE_SECONDS


def require_recent_sign_in(actor) -> None:
    """The one check: refuse (403, code `reauth_required`) unless the actor proved their
    password recently, through whichever channel it came."""
    if not hasattr(actor, "authenticated_at") and not current.get().request_id:
        return  # not from a request: see the module's docstring
    if proved_recently(actor):
        return
    minutes = settings.REAUTH_MAX_AGE_SECONDS // 60
    if getattr(actor, "authenticated_by", "") == "token":
        raise Forbidden(
            sentence(
                _(
                    "This change needs a recent sign-in: an API token makes it only in the first "
                    "{minutes} minutes after it was created. Sign in, create a new token and retry."
                ),
                minutes=minutes,
            ),
            code=REAUTH_REQUIRED,
        )
    raise Forbidden(
        _("Confirm your password to continue: this change needs a recent sign-in."),
        code=REAUTH_REQUIRED,
    )


def second_factor_verified(actor) -> bool:
    """Whether the actor proved the second factor: a session through django-otp's
    `user.is_verified()`, an API token through the answer it was made with (`apitokens.auth`).
    An account read from the database, with neither, is not verified."""
    check = getattr(actor, "is_verified", None)
    return bool(callable(check) and check())


def console_actor(user):
    """`user` acting from the server's console (a management command, a benchmark's set-up):
    whoever runs those holds the server and its database, so the actor counts as freshly
    signed in with the second factor."""
    user.authenticated_at = time.time()
    user.authenticated_by = "console"
    user.is_verified = lambda: True
    return user


def needs_password(exc: DomainError) -> bool:
    return exc.code == REAUTH_REQUIRED


def ask_for_password(request):
    """A page's answer to a service's `reauth_required` refusal: confirm, then come back."""
    messages.info(
        request,
        gettext(
            "For your security, confirm your password to continue. Nothing has been changed yet."
        ),
    )
    return redirect(reauthentication_url(request))


def safe_next(request, candidate: str | None) -> str | None:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        parsed = urlparse(candidate)
        return parsed.path + (f"?{parsed.query}" if parsed.query else "")
    return None


def reauthentication_url(request) -> str:
    """Where to confirm the password, returning afterwards to the page the person was on."""
    if request.method == "POST":
        back = safe_next(request, request.META.get("HTTP_REFERER")) or safe_next(
            request, request.POST.get("next")
        )
    else:
        back = request.get_full_path()
    back = back or reverse(settings.LOGIN_REDIRECT_URL)
    return f"{reverse('reauthenticate')}?{urlencode({'next': back})}"


def reauth_required(view):
    """Page views: a state-changing request (POST) needs a recent password entry."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and request.user.is_authenticated and not is_recent(request):
            return ask_for_password(request)
        return view(request, *args, **kwargs)

    return wrapper
