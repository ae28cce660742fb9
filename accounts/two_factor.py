"""The second factor (django-otp): a TOTP authenticator app, with single-use recovery codes.

Optional for everyone; required for operator staff before staff pages (the back office and
the admin) when `ACCOUNTS_STAFF_REQUIRE_OTP` is on (the default outside the test suite).
"""

import time
from base64 import b32encode

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.backends import BACKEND

PENDING = "accounts.pending_sign_in"
PENDING_SECONDS = 5 * 60
MAX_CODE_TRIES = 5
RECOVERY_CODES = 10
APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
STAFF_PREFIXES = ("/admin/", "/backoffice/")
# Set at sign-in when one of the person's organizations requires a second factor they lack.
ORG_REQUIRES = "accounts.org_requires_two_factor"
SET_UP_PATHS = ("/account/two-factor/", "/logout/", "/static/", "/login/")


def is_enrolled(user) -> bool:
    return user.is_authenticated and user_has_device(user, confirmed=True)


def app_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def setup_details(device: TOTPDevice | None) -> dict | None:
    """What the person types (or scans) into their app: the key in base32 and its otpauth URL."""
    if device is None:
        return None
    secret = b32encode(device.bin_key).decode().rstrip("=")
    spaced = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return {"secret": spaced, "url": device.config_url}


def recovery_codes_left(user) -> int:
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    return device.token_set.count() if device else 0


def match(user, code: str):
    """The confirmed device (app or a recovery code) that accepts `code`, else None. TOTP
    devices throttle repeated failures themselves."""
    code = "".join((code or "").split())
    if not code:
        return None
    for device in devices_for_user(user, confirmed=True):
        if device.verify_token(code):
            return device
    return None


# --- The sign-in's second step ------------------------------------------------------------


def hold_sign_in(request, user, next_url: str) -> None:
    """The password was right; keep the account aside until the code is given."""
    request.session.cycle_key()
    request.session[PENDING] = {
        "user": user.pk,
        "backend": getattr(user, "backend", BACKEND),
        "at": time.time(),
        "next": next_url,
        "tries": 0,
    }


def pending_sign_in(request) -> dict | None:
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None
    return pending


def organizations_require(user) -> bool:
    from accounts.models import OrganizationSecurity

    return OrganizationSecurity.objects.filter(
        require_two_factor=True,
        organization__memberships__person__user=user,
        organization__is_active=True,
    ).exists()


def note_requirement(request, user) -> None:
    """At sign-in: remember (in the session, so pages cost no query) whether the person must
    set up a second factor before going on."""
    if not is_enrolled(user) and organizations_require(user):
        request.session[ORG_REQUIRES] = True
    else:
        request.session.pop(ORG_REQUIRES, None)


# --- Staff pages --------------------------------------------------------------------------


class StaffSecondFactorMiddleware:
    """Operator staff reach staff pages only in a session verified with the second factor;
    a person whose organization requires one sets it up before anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.get(ORG_REQUIRES)
            and user is not None
            and user.is_authenticated
            and not request.path.startswith(SET_UP_PATHS)
        ):
            messages.info(
                request,
                _(
                    "Your organization requires a second factor: set up an authenticator app "
                    "to continue."
                ),
            )
            return redirect("two-factor")
        if (
            settings.ACCOUNTS_STAFF_REQUIRE_OTP
            and user is not None
            and user.is_authenticated
            and user.is_staff
            and request.path.startswith(STAFF_PREFIXES)
            and not user.is_verified()
        ):
            if is_enrolled(user):
                messages.info(request, _("Confirm your second factor to open staff pages."))
                return redirect(f"{reverse('reauthenticate')}?next={request.path}")
            messages.info(
                request,
                _(
                    "Operator staff must set up a second factor (an authenticator app) before "
                    "using staff pages."
                ),
            )
            return redirect("two-factor")
        return self.get_response(request)
