"""Sealing data at rest with AES-256-GCM, one way for every app that stores secrets (banking
numbers, documents): what is bound in as associated data is each caller's, so a value copied
to another row fails to open instead of being read as that row's.

Sealed form: b"\\x01" (key version) + 12-byte random nonce + ciphertext-and-tag. A key is a
setting (32 bytes, base64); in development and tests a fixed key derived from a constant is
used, never in production (DEBUG off and not testing).
"""

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"\x01"


def key(setting: str, *, development: bytes, stores: str) -> bytes:
    """The 32-byte key in `setting`; outside production, derived from `development` when it is
    not set (production refuses to `stores` without it)."""
    configured = getattr(settings, setting, None)
    if configured:
        value = base64.b64decode(configured)
        if len(value) != 32:
            raise ImproperlyConfigured(f"{setting} must be 32 bytes, base64-encoded.")
        return value
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return hashlib.sha256(development).digest()
    raise ImproperlyConfigured(f"Set {setting} (32 random bytes, base64) to store {stores}.")


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(12)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def unseal(key: bytes, stored: bytes, aad: bytes, *, failed, unknown: str, mismatch: str) -> bytes:
    """The plaintext sealed under `aad`; otherwise the exception `failed` saying `unknown` (not
    a sealed value) or `mismatch` (sealed for another row, or altered)."""
    if stored[:1] != VERSION or len(stored) < 13 + 16:
        raise failed(unknown)
    try:
        return AESGCM(key).decrypt(stored[1:13], stored[13:], aad)
    except InvalidTag as exc:
        raise failed(mismatch) from exc
