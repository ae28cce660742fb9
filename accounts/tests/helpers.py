"""Small helpers shared by the accounts tests."""

import re

from django.core import mail

from core.testing import last_audit  # noqa: F401 (shared)

CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')
PASSWORD = "Market-Demo-2026"


def without_csrf(content: bytes) -> bytes:
    return CSRF.sub(b"", content)


def sign_in(client, username: str, password: str, ip: str = "127.0.0.1", **extra):
    return client.post(
        "/login/", {"username": username, "password": password}, REMOTE_ADDR=ip, **extra
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def link_from_mail(prefix: str) -> str:
    """The path of the last e-mailed link under `prefix` (e.g. /password-reset/)."""
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"[^\s]+)", body)
    assert match, body
    return match.group(1)


def _device(user):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def verified(user):
    """`user` as a session verified with the second factor hands it to services (what
    django-otp's middleware installs: `otp_device` and `is_verified()`)."""
    from django_otp.middleware import is_verified

    user.otp_device = _device(user)
    user.is_verified = lambda: is_verified(user)
    return user


def verify_session(client, user) -> None:
    """Sign `client` in as `user` with the second factor verified (as the code step does)."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = _device(user).persistent_id
    session.save()
