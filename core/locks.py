"""Locks that are not a row: a named key held until the transaction ends."""

import hashlib

from django.db import connection


def serialize_on(*keys: str) -> None:
    """Make check-then-insert atomic per key (call inside a transaction). PostgreSQL:
    transaction-scoped advisory locks, taken in sorted order so two callers never deadlock;
    SQLite already serializes writers (transactions begin IMMEDIATE)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for key in sorted(keys):
            number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])
