"""Documents at rest: AES-256-GCM, with the organization and the stored name bound in as
associated data, so a file copied to another name or organization fails to decrypt.

Stored form: b"\\x01" (key version) + 12-byte random nonce + ciphertext-and-tag. The key is
`DOCUMENTS_KEY` (32 bytes, base64; or `DOCUMENTS_KEY_FILE`); in development and tests a fixed
key derived from a constant is used, never in production (DEBUG off and not testing).
"""

import base64
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"\x01"


class DecryptionFailed(Exception):
    """The stored file was not written under this name and organization, or was altered."""


def _key() -> bytes:
    configured = getattr(settings, "DOCUMENTS_KEY", None)
    if configured:
        key = base64.b64decode(configured)
        if len(key) != 32:
            raise ImproperlyConfigured("DOCUMENTS_KEY must be 32 bytes, base64-encoded.")
        return key
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return hashlib.sha256(b"development documents key: never in production").digest()
    raise ImproperlyConfigured("Set DOCUMENTS_KEY (32 random bytes, base64) to store documents.")


def _aad(org_id: int, name: str) -> bytes:
    return f"org:{org_id}|document:{name}".encode()


def encrypt(org_id: int, name: str, plaintext: bytes) -> bytes:
    nonce = os.urandom(12)
    return VERSION + nonce + AESGCM(_key()).encrypt(nonce, plaintext, _aad(org_id, name))


def decrypt(org_id: int, name: str, stored: bytes) -> bytes:
    if stored[:1] != VERSION or len(stored) < 13 + 16:
        raise DecryptionFailed("Unknown document ciphertext format.")
    try:
        return AESGCM(_key()).decrypt(stored[1:13], stored[13:], _aad(org_id, name))
    except InvalidTag as exc:
        raise DecryptionFailed("The stored document does not match its record.") from exc
