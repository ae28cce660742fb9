"""The RSA keys that sign ID tokens. Read by config/settings.py, so nothing Django here.

Production sets OIDC_RSA_PRIVATE_KEY (a PEM, or OIDC_RSA_PRIVATE_KEY_FILE naming one). With
neither, a bare checkout generates a key once and keeps it in a private file beside the code,
as it does for SECRET_KEY, so that development and tests need no setup.

Rotation: put the new key in OIDC_RSA_PRIVATE_KEY and list the retired ones' files in
OIDC_RSA_PRIVATE_KEYS_INACTIVE_FILES (comma-separated). The JWKS keeps publishing the retired
keys, so tokens signed before the rotation stay verifiable until they expire; then drop them.
"""

import contextlib
import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def generate_private_key_pem() -> str:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def local_private_key(path: Path) -> str:
    """The development key kept in `path` (created, readable by its owner only, if missing)."""
    if not path.exists():
        # Written aside, then linked into place: two processes starting at once (app
        # servers, a test run) end up with the one key that won, never a half-written file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".oidc_key.")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(generate_private_key_pem())
            with contextlib.suppress(FileExistsError):
                os.link(tmp, path)
        finally:
            os.unlink(tmp)
    return path.read_text().strip()


def read_key_files(paths: list[str]) -> list[str]:
    return [Path(p).read_text().strip() for p in paths if p]
