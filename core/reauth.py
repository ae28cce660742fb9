"""Re-authentication before sensitive actions: role changes, banking submissions and
decisions, changing e-mail or secret answers.

A person who signed in (or confirmed their password) less than `REAUTH_MAX_AGE_SECONDS` ago
may go ahead; anyone else is asked for their password first. Use the decorator on page views
and `require_recent_authentication` where a view cannot redirect (the JSON API).
"""

import functools
import time
from urllib.parse import urlencode, urlparse

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from core.errors import Forbidden

AUTHENTICATED_AT = "accounts.authenticated_at"


def mark_authenticated(request) -> None:
    """The person has just proved who they are (signed in, or confirmed their password)."""
    request.session[AUTHENTICATED_AT] = time.time()


def is_recent(request) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    at = session.get(AUTHENTICATED_AT)
    return at is not None and time.time() - at <= settings.REAUTH_MAX_AGE_SECONDS


def require_recent_authentication(request) -> None:
    """Refuse (403, code `reauth_required`) unless the password was entered recently."""
    if not is_recent(request):
        raise Forbidden(
            "Confirm your password to continue: this change needs a recent sign-in.",
            code="reauth_required",
        )


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
            messages.info(
                request,
                "For your security, confirm your password to continue. Nothing has been "
                "changed yet.",
            )
            return redirect(reauthentication_url(request))
        return view(request, *args, **kwargs)

    return wrapper
