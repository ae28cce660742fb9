"""How sign-in failures are counted (django-axes) and where a request comes from.

- One counter per account, whatever its spelling (case, surrounding spaces, or the account's
  e-mail address), from whatever client address: `AXES_FAILURE_LIMIT` failures in a row lock
  the account until `AXES_COOLOFF_TIME` has passed.
- One counter per client address, with a much higher limit (`ACCOUNTS_IP_FAILURE_LIMIT`),
  so one office's typos do not lock its colleagues while a single address guessing across
  many accounts is still stopped.
- The client address is REMOTE_ADDR, or the last address before a trusted proxy in
  X-Forwarded-For when (and only when) REMOTE_ADDR is one of `TRUSTED_PROXIES`.
"""

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render

from accounts.usernames import normalize_username
from core.network import client_ip  # noqa: F401 (AXES_CLIENT_IP_CALLABLE names it here)

log = logging.getLogger(__name__)


# --- Account names ------------------------------------------------------------------------


def _account_for(name: str) -> str:
    """An e-mail address counts against the account that has it."""
    if "@" not in name:
        return name
    from accounts.models import User

    usernames = list(User.objects.filter(email__iexact=name).values_list("username", flat=True)[:2])
    return usernames[0] if len(usernames) == 1 else name


def username_from_request(request, credentials) -> str:
    raw = None
    if credentials:
        raw = credentials.get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username")
    return _account_for(normalize_username(raw))


# --- The counters -------------------------------------------------------------------------


def ip_failure_limit() -> int:
    return settings.ACCOUNTS_IP_FAILURE_LIMIT


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits: per account, and (higher) per address.

    `AXES_LOCKOUT_PARAMETERS` is ["username", "ip_address"], so axes keeps one row per
    (account, address, user agent); this handler sums them both ways."""

    def get_failures(self, request, credentials=None) -> int:
        by_account, by_address = self.get_user_attempts(request, credentials)
        account = by_account.aggregate(n=Sum("failures_since_start"))["n"] or 0
        address = by_address.aggregate(n=Sum("failures_since_start"))["n"] or 0
        if address >= ip_failure_limit():
            # The address is throttled: every account behind it counts as locked.
            return max(account, get_failure_limit(request, credentials))
        return account

    def reset_user_attempts(self, request, credentials=None) -> int:
        # A success clears the account's own run only: signing in with one good account must
        # not wipe the failures of its address (that would let a guesser reset the IP limit).
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count


def reset_account(username: str) -> None:
    """Forget an account's failures (after its owner proved themselves by a password reset)."""
    AccessAttempt.objects.filter(username=normalize_username(username)).delete()


# --- The answer -----------------------------------------------------------------------------


def lockout_response(request, response=None, credentials=None, *args, **kwargs):
    """A locked account gets the same answer as a wrong password: no account enumeration."""
    from accounts.forms import SignInForm

    form = SignInForm(request, data=request.POST or None)
    form.cleaned_data = {}
    form._errors = {}
    form.add_error(None, SignInForm.error_messages["invalid_login"])
    return render_sign_in(request, form)


def render_sign_in(request, form, status: int = 200):
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=status,
    )
