"""Name-order indexes behind a one-word person search (registry.queries._search_one_word).

SQLite: `last_name LIKE 'car%'` (Django's `istartswith`) is a range of a NOCASE index, and the
search's ORDER BY (names COLLATE NOCASE, then the Person ID) is that index's own order, so the
first 20 matches are read and nothing else, whether the prefix matches twenty persons or fifty
thousand. PostgreSQL keeps the trigram indexes of 0003_person_search. Creating an index does
not rebuild the table, so the person table's triggers stay.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE INDEX IF NOT EXISTS person_last_first_nocase ON registry_person "
    "(last_name COLLATE NOCASE, first_name COLLATE NOCASE, person_id)",
    "CREATE INDEX IF NOT EXISTS person_first_last_nocase ON registry_person "
    "(first_name COLLATE NOCASE, last_name COLLATE NOCASE, person_id)",
]
SQLITE_BACKWARD = [
    "DROP INDEX IF EXISTS person_last_first_nocase",
    "DROP INDEX IF EXISTS person_first_last_nocase",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0004_person_email_key")]
    operations = [migrations.RunPython(_run(SQLITE_FORWARD), _run(SQLITE_BACKWARD))]
