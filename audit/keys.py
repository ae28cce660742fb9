"""The audit chain's key. No Django models here: the benchmark's server environment reads
the development key without setting Django up."""

import os
import secrets
from pathlib import Path

from django.conf import settings

DEVELOPMENT_KEY = b"development audit key: never in production"


def audit_key() -> bytes:
    """The chain's HMAC key, kept outside the database (AUDIT_HMAC_KEY or _FILE): a database
    writer cannot recompute a valid hash for a row they changed. DEBUG and tests use a fixed
    key, anything else without it a local file's (production: `check --deploy` fails)."""
    configured = getattr(settings, "AUDIT_HMAC_KEY", "")
    if configured:
        return configured.encode()
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return DEVELOPMENT_KEY
    return _local_key()


def _local_key() -> bytes:
    """As for SECRET_KEY: without AUDIT_HMAC_KEY outside DEBUG, a random key in a private file
    beside the code (AUDIT_HMAC_KEY_PATH), so a bare checkout works; `check --deploy` reports
    its absence in production (audit.E001)."""
    path = Path(os.environ.get("AUDIT_HMAC_KEY_PATH", str(settings.BASE_DIR / ".audit_key")))
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()
