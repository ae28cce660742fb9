"""The audit chain's key. No Django models here: the benchmark's server environment reads
the development key without setting Django up."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY = b"development audit key: never in production"


def audit_key() -> bytes:
    """The chain's HMAC key, kept outside the database (AUDIT_HMAC_KEY or _FILE): a database
    writer cannot recompute a valid hash for a row they changed. Development and tests use a
    fixed key; production without one is the system check audit.E001."""
    configured = getattr(settings, "AUDIT_HMAC_KEY", "")
    if configured:
        return configured.encode()
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return DEVELOPMENT_KEY
    raise ImproperlyConfigured("Set AUDIT_HMAC_KEY (or AUDIT_HMAC_KEY_FILE) to write audit.")
