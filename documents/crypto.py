"""Documents at rest: AES-256-GCM, with the organization and the stored name bound in as
associated data, so a file copied to another name or organization fails to decrypt.

Stored form: as `core.crypto` seals it. The key is
`DOCUMENTS_KEY` (32 bytes, base64; or `DOCUMENTS_KEY_FILE`); in development and tests a fixed
key derived from a constant is used, never in production (DEBUG off and not testing).
"""

from core import crypto


class DecryptionFailed(Exception):
    """The stored file was not written under this name and organization, or was altered."""


def _key() -> bytes:
    return crypto.key(
        "DOCUMENTS_KEY",
        development=b"development documents key: never in production",
        stores="documents",
    )


def _aad(org_id: int, name: str) -> bytes:
    return f"org:{org_id}|document:{name}".encode()


def encrypt(org_id: int, name: str, plaintext: bytes) -> bytes:
    return crypto.seal(_key(), plaintext, _aad(org_id, name))


def decrypt(org_id: int, name: str, stored: bytes) -> bytes:
    return crypto.unseal(
        _key(),
        stored,
        _aad(org_id, name),
        failed=DecryptionFailed,
        unknown="Unknown document ciphertext format.",
        mismatch="The stored document does not match its record.",
    )
