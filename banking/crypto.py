"""Banking numbers at rest: AES-256-GCM, with the organization bound in as associated data,
so a value copied into another organization's row fails to decrypt instead of being read
as theirs.

Stored form: as `core.crypto` seals it. The key is
`BANKING_KEY` (32 bytes, base64; or `BANKING_KEY_FILE`); in development and tests a fixed
key derived from a constant is used, never in production (DEBUG off and not testing).
"""

import hashlib
import json

from core import crypto

FIELD = "banking-numbers"


class DecryptionFailed(Exception):
    """The stored value was not written for this organization, or was tampered with."""


def _key() -> bytes:
    return crypto.key(
        "BANKING_KEY",
        development=b"development banking key: never in production",
        stores="banking data",
    )


def _aad(org_id: int) -> bytes:
    return f"org:{org_id}|field:{FIELD}".encode()


def encrypt(org_id: int, numbers: dict) -> bytes:
    plaintext = json.dumps(numbers, sort_keys=True).encode()
    return crypto.seal(_key(), plaintext, _aad(org_id))


def decrypt(org_id: int, stored: bytes) -> dict:
    plaintext = crypto.unseal(
        _key(),
        bytes(stored),
        _aad(org_id),
        failed=DecryptionFailed,
        unknown="Unknown banking ciphertext format.",
        mismatch="Banking data does not belong to this organization.",
    )
    return json.loads(plaintext)


def fingerprint(stored: bytes) -> str:
    """A digest that binds an approval to exactly the version submitted."""
    return hashlib.sha256(bytes(stored)).hexdigest()


def mask(account_number: str) -> str:
    return f"****{account_number[-4:]}"
