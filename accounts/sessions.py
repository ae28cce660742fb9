"""Session lifetime: an idle timeout and an absolute timeout, both configurable, and what
happens when one ends under a person's hands.

The session key itself is rotated by Django's `login()` and flushed by `logout()`; changing the
password changes the session's auth hash, which ends every other session of the account.

When a session ends, the sign-in page says why (`reason`), and returns the person to where they
were. A form posted into an ended session is not lost silently: its fields (never passwords,
codes, secret answers, tokens or banking numbers; size-bounded) are kept in the fresh session
for the same account, and after signing in again the page shows them re-filled
(static/js/session-timeout.js) with a warning that they are not saved yet.
"""

import re
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

SIGNED_IN_AT = "accounts.signed_in_at"
SEEN_AT = "accounts.seen_at"
STASH = "accounts.unsaved_form"
# Writing the session on every request would cost a write per page; a minute's precision on
# a 30-minute idle timeout is plenty.
SEEN_PRECISION_SECONDS = 60
# What a kept form may hold: enough for any of the portal's forms, never a large upload.
STASH_MAX_FIELDS = 60
STASH_MAX_VALUE = 2000
STASH_MAX_TOTAL = 16000
STASH_SECONDS = 3600
# Fields never kept: secrets, one-time codes, anti-forgery tokens and banking numbers.
NEVER_KEPT = re.compile(
    r"password|passphrase|secret|answer|token|code|otp|csrf|account_number|institution|transit",
    re.I,
)
UNSAVED = gettext_lazy("Your changes were not saved yet: check them and save again.")


def start(session) -> None:
    """Called on every sign-in (see accounts.signals)."""
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[SEEN_AT] = now


def touch(session) -> None:
    """The person is still here ("Stay signed in")."""
    session[SEEN_AT] = time.time()


def reason(session, now: float | None = None) -> str | None:
    """Why the session has ended: "idle", "absolute", or None while it lasts."""
    now = time.time() if now is None else now
    signed_in_at = session.get(SIGNED_IN_AT)
    seen_at = session.get(SEEN_AT, signed_in_at)
    if signed_in_at is None or seen_at is None:
        return "idle"
    if now - signed_in_at > settings.SESSION_ABSOLUTE_SECONDS:
        return "absolute"
    if now - seen_at > settings.SESSION_IDLE_SECONDS:
        return "idle"
    return None


def expired(session, now: float | None = None) -> bool:
    return reason(session, now) is not None


def seconds_left(session, now: float | None = None) -> tuple[int, bool]:
    """(seconds until the session ends, whether that is the absolute limit)."""
    now = time.time() if now is None else now
    signed_in_at = session.get(SIGNED_IN_AT, now)
    idle = settings.SESSION_IDLE_SECONDS - (now - session.get(SEEN_AT, signed_in_at))
    absolute = settings.SESSION_ABSOLUTE_SECONDS - (now - signed_in_at)
    return max(0, int(min(idle, absolute))), absolute <= idle


def duration(seconds: int) -> str:
    if seconds % 3600 == 0:
        hours = seconds // 3600
        return ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours}
    minutes = max(1, round(seconds / 60))
    return ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes}


def signed_out_message(why: str) -> str:
    if why == "absolute":
        seconds = settings.SESSION_ABSOLUTE_SECONDS
        count = seconds // 3600 if seconds % 3600 == 0 else max(1, round(seconds / 60))
        return ngettext(
            "You were signed out because %(limit)s has passed since you signed in. Sign in "
            "again to continue.",
            "You were signed out because %(limit)s have passed since you signed in. Sign in "
            "again to continue.",
            count,
        ) % {"limit": duration(seconds)}
    return _("You were signed out after %(idle)s without activity. Sign in again to continue.") % {
        "idle": duration(settings.SESSION_IDLE_SECONDS)
    }


def _kept_fields(post) -> tuple[dict[str, list[str]], bool]:
    """The posted fields worth giving back, and whether some were left out."""
    kept: dict[str, list[str]] = {}
    total, left_out = 0, False
    for name in post:
        values = post.getlist(name)
        if NEVER_KEPT.search(name):
            left_out = left_out or any(values) and "csrf" not in name
            continue
        size = len(name) + sum(len(v) for v in values)
        if (
            len(kept) >= STASH_MAX_FIELDS
            or any(len(v) > STASH_MAX_VALUE for v in values)
            or total + size > STASH_MAX_TOTAL
        ):
            left_out = True
            continue
        kept[name] = values
        total += size
    return kept, left_out


def _page_of(request) -> str:
    """Where the person was: the page that showed the form (same site only), else the path."""
    from core.reauth import safe_next

    if request.method == "POST":
        return safe_next(request, request.META.get("HTTP_REFERER")) or request.path
    return request.get_full_path()


def restore(request) -> dict | None:
    """The kept form for this page and account, once (called on a signed-in GET)."""
    stash = request.session.get(STASH)
    if not stash:
        return None
    if stash["user"] != request.user.pk or time.time() - stash["at"] > STASH_SECONDS:
        del request.session[STASH]  # never shown to another account, nor days later
        return None
    if request.get_full_path() != stash["page"]:
        return None
    del request.session[STASH]
    text = str(UNSAVED)
    if stash["left_out"]:
        text += " " + _("Passwords, codes and banking numbers are never kept: type them again.")
    messages.warning(request, text)
    return {"action": stash["action"], "fields": stash["fields"]}


class SessionTimeoutMiddleware:
    """Sign out a session idle for too long, or older than the absolute limit; say why on the
    sign-in page, return the person to where they were, and keep what they were posting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            now = time.time()
            why = reason(request.session, now)
            if why is not None:
                return self._signed_out(request, user, why)
            if now - request.session.get(SEEN_AT, 0) > SEEN_PRECISION_SECONDS:
                request.session[SEEN_AT] = now
            if request.method == "GET" and STASH in request.session:
                request.restored_form = restore(request)
        return self.get_response(request)

    def _signed_out(self, request, user, why: str):
        page = _page_of(request)
        stash = None
        if request.method == "POST":
            fields, left_out = _kept_fields(request.POST)
            if fields:
                stash = {
                    "user": user.pk,
                    "page": page,
                    "action": request.path,
                    "fields": fields,
                    "left_out": left_out,
                    "at": time.time(),
                }
        logout(request)
        if stash is not None:
            request.session[STASH] = stash  # the fresh session, for the same account only
        messages.info(request, signed_out_message(why))
        sign_in = reverse(settings.LOGIN_URL)
        if (
            request.method != "POST"
            or request.path in (sign_in, reverse("logout"))
            or request.path.startswith("/api/")
            or request.headers.get("Accept", "").startswith("application/json")
        ):
            # Pages redirect to sign-in with `next` (LoginRequiredMiddleware); the API and the
            # keep-alive answer 401; signing in or out goes ahead.
            return self.get_response(request)
        # A form posted into the ended session: back to the page that showed it, not to the
        # address it posted to (often a POST-only one).
        return redirect(f"{sign_in}?{urlencode({'next': page}, safe='/')}")
