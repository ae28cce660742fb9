"""`make demo-reset`: erase the whole database and load the demo data again (development)."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from audit.triggers import sqlite_trigger_sql


class Command(BaseCommand):
    help = "Erase every row of the database and load the demo data again (DEBUG only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "reset_demo erases every row of the database, so it runs only in development "
                "(DEBUG=true, as `make demo-reset` sets)."
            )
        # SQLite flushes with DELETE, which the audit log's append-only triggers refuse (they
        # are lifted for the flush only); PostgreSQL flushes with TRUNCATE, which they allow.
        drop, create = sqlite_trigger_sql() if connection.vendor == "sqlite" else ([], [])
        with connection.cursor() as cursor:
            for sql in drop:
                cursor.execute(sql)
        try:
            call_command("flush", interactive=False, verbosity=0)
        finally:
            with connection.cursor() as cursor:
                for sql in create:
                    cursor.execute(sql)
        call_command("seed_demo", verbosity=options["verbosity"])
