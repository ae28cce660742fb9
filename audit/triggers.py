"""The append-only triggers' SQL, for the places that must lift them: the test suite's flush
between transactional tests on SQLite and `manage.py reset_demo` (PostgreSQL flushes with
TRUNCATE, which row triggers do not see). Production never flushes."""

import importlib


def sqlite_trigger_sql() -> tuple[list[str], list[str]]:
    """(drop, create) statements of the SQLite triggers, from the migration that made them."""
    migration = importlib.import_module("audit.migrations.0003_append_only_triggers")
    return migration.SQLITE_DROP, migration.SQLITE
