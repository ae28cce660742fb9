"""Delete access grants whose last day has passed. Run daily (cron or a scheduler)."""

from django.core.management.base import BaseCommand

from systems.services import expire_grants


class Command(BaseCommand):
    help = "Delete expired access grants, audit each and tell the persons concerned."

    def handle(self, *args, **options):
        count = expire_grants(actor=None)
        self.stdout.write(f"{count} expired access grant(s) removed.")
