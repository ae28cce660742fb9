"""Small helpers shared by the accounts tests."""

import re

from django.core import mail

from audit.models import AuditEntry

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


def last_audit(action: str | None = None) -> AuditEntry | None:
    qs = AuditEntry.objects.order_by("-id")
    if action:
        qs = qs.filter(action=action)
    return qs.first()


def link_from_mail(prefix: str) -> str:
    """The path of the last e-mailed link under `prefix` (e.g. /password-reset/)."""
    body = mail.outbox[-1].body
    match = re.search(r"https?://[^/\s]+(" + re.escape(prefix) + r"[^\s]+)", body)
    assert match, body
    return match.group(1)
