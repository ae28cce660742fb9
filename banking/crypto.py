"""Banking numbers at rest: AES-256-GCM, with the organization bound in as associated data,
so a value copied into another organization's row fails to decrypt instead of being read
as theirs.

Stored form: b"\\x01" (key version) + 12-byte random nonce + ciphertext-and-tag. The key is
`BANKING_KEY` (32 bytes, base64; or `BANKING_KEY_FILE`); in development and tests a fixed
key derived from a constant is used, never in production (DEBUG off and not testing).
"""

import base64
import hashlib
import json
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"\x01"
FIELD = "banking-numbers"


class DecryptionFailed(Exception):
    """The stored value was not written for this organization, or was tampered with."""


def _key() -> bytes:
    configured = getattr(settings, "BANKING_KEY", None)
    if configured:
        key = base64.b64decode(configured)
        if len(key) != 32:
            raise ImproperlyConfigured("BANKING_KEY must be 32 bytes, base64-encoded.")
        return key
    if settings.DEBUG or getattr(settings, "TESTING", False):
        return hashlib.sha256(b"development banking key: never in production").digest()
    raise ImproperlyConfigured("Set BANKING_KEY (32 random bytes, base64) to store banking data.")


def _aad(org_id: int) -> bytes:
    return f"org:{org_id}|field:{FIELD}".encode()


def encrypt(org_id: int, numbers: dict) -> bytes:
    plaintext = json.dumps(numbers, sort_keys=True).encode()
    nonce = os.urandom(12)
    return VERSION + nonce + AESGCM(_key()).encrypt(nonce, plaintext, _aad(org_id))


def decrypt(org_id: int, stored: bytes) -> dict:
    stored = bytes(stored)
    if stored[:1] != VERSION or len(stored) < 13 + 16:
        raise DecryptionFailed("Unknown banking ciphertext format.")
    try:
        plaintext = AESGCM(_key()).decrypt(stored[1:13], stored[13:], _aad(org_id))
    except InvalidTag as exc:
        raise DecryptionFailed("Banking data does not belong to this organization.") from exc
    return json.loads(plaintext)


def fingerprint(stored: bytes) -> str:
    """A digest that binds an approval to exactly the version submitted."""
    return hashlib.sha256(bytes(stored)).hexdigest()


def mask(account_number: str) -> str:
    return f"****{account_number[-4:]}"
