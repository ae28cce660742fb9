"""The triggers the schema relies on are in place after every migration. On SQLite a migration
that rebuilds a table drops its triggers, so a new migration touching these tables must
re-install them; this test says so when one forgets."""

import pytest
from django.db import connection

SQLITE_TRIGGERS = {
    "audit_no_update",
    "audit_no_delete",
    "registry_person_fts_ai",
    "registry_person_fts_ad",
    "registry_person_fts_au",
}


@pytest.mark.django_db
def test_the_append_only_and_search_triggers_exist(personas):
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            assert {row[0] for row in cursor.fetchall()} >= SQLITE_TRIGGERS
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditentry'::regclass"
            )
            assert "audit_append_only" in {row[0] for row in cursor.fetchall()}


@pytest.mark.django_db
def test_demo_persons_are_found_by_name(personas):
    from registry.queries import search_persons

    assert [p.person_id for p in search_persons("Grace Kim")] == [
        personas.person("grace").person_id
    ]
