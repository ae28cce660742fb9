"""Indexes behind registry.queries.search_persons, one per database engine.

PostgreSQL: trigram (pg_trgm) GIN indexes on UPPER(first_name) and UPPER(last_name), the very
expressions Django's `istartswith` compares, so a name-word search is an index scan.
SQLite: an FTS5 table over the names (external content, kept current by triggers); the search
narrows to its matches first, then applies the same `istartswith` condition.
"""

from django.db import migrations

PG_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_first_name_trgm ON registry_person "
    "USING gin (UPPER(first_name::text) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS person_last_name_trgm ON registry_person "
    "USING gin (UPPER(last_name::text) gin_trgm_ops)",
]
PG_BACKWARD = [
    "DROP INDEX IF EXISTS person_first_name_trgm",
    "DROP INDEX IF EXISTS person_last_name_trgm",
]

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE registry_person_fts USING fts5("
    "first_name, last_name, content='registry_person', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2', prefix='2 3')",
    "CREATE TRIGGER registry_person_fts_ai AFTER INSERT ON registry_person BEGIN "
    "INSERT INTO registry_person_fts(rowid, first_name, last_name) "
    "VALUES (new.id, new.first_name, new.last_name); END",
    "CREATE TRIGGER registry_person_fts_ad AFTER DELETE ON registry_person BEGIN "
    "INSERT INTO registry_person_fts(registry_person_fts, rowid, first_name, last_name) "
    "VALUES ('delete', old.id, old.first_name, old.last_name); END",
    "CREATE TRIGGER registry_person_fts_au AFTER UPDATE OF first_name, last_name "
    "ON registry_person BEGIN "
    "INSERT INTO registry_person_fts(registry_person_fts, rowid, first_name, last_name) "
    "VALUES ('delete', old.id, old.first_name, old.last_name); "
    "INSERT INTO registry_person_fts(rowid, first_name, last_name) "
    "VALUES (new.id, new.first_name, new.last_name); END",
    "INSERT INTO registry_person_fts(registry_person_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS registry_person_fts_ai",
    "DROP TRIGGER IF EXISTS registry_person_fts_ad",
    "DROP TRIGGER IF EXISTS registry_person_fts_au",
    "DROP TABLE IF EXISTS registry_person_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_role_types")]
    operations = [
        migrations.RunPython(
            _run({"postgresql": PG_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": PG_BACKWARD, "sqlite": SQLITE_BACKWARD}),
        )
    ]
