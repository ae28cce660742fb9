"""The append-only triggers' SQL, for the places that must lift them: the test suite's flush
between transactional tests on SQLite and `manage.py reset_demo` (PostgreSQL flushes with
TRUNCATE, which row triggers do not see). Production never flushes."""

import contextlib
import importlib


def sqlite_trigger_sql() -> tuple[list[str], list[str]]:
    """(drop, create) statements of the SQLite triggers, from the migration that made them."""
    migration = importlib.import_module("audit.migrations.0003_append_only_triggers")
    return migration.SQLITE_DROP, migration.SQLITE


@contextlib.contextmanager
def lifted(connection):
    """The append-only triggers off for the block, on again after it (re-keying the chains in
    a migration; tests playing a database writer)."""
    migration = importlib.import_module("audit.migrations.0003_append_only_triggers")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in migration.SQLITE_DROP:
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                for sql in migration.SQLITE:
                    cursor.execute(sql)
            elif connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_append_only")
