"""Session lifetime: an idle timeout and an absolute timeout, both configurable.

The session key itself is rotated by Django's `login()` and flushed by `logout()`; changing the
password changes the session's auth hash, which ends every other session of the account.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

SIGNED_IN_AT = "accounts.signed_in_at"
SEEN_AT = "accounts.seen_at"
# Writing the session on every request would cost a write per page; a minute's precision on
# a 30-minute idle timeout is plenty.
SEEN_PRECISION_SECONDS = 60


def start(session) -> None:
    """Called on every sign-in (see accounts.signals)."""
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


def expired(session, now: float | None = None) -> bool:
    now = time.time() if now is None else now
    signed_in_at = session.get(SIGNED_IN_AT)
    seen_at = session.get(SEEN_AT, signed_in_at)
    if signed_in_at is None or seen_at is None:
        return True
    return (
        now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS
        or now - seen_at > settings.SESSION_IDLE_SECONDS
    )


class SessionTimeoutMiddleware:
    """Sign out a session idle for too long, or older than the absolute limit."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            if expired(request.session, now):
                logout(request)
                messages.info(
                    request, "You were signed out because your session ended. Sign in again."
                )
            elif now - request.session.get(SEEN_AT, 0) > SEEN_PRECISION_SECONDS:
                request.session[SEEN_AT] = now
        return self.get_response(request)
