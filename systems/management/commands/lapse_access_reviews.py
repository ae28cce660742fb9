"""Revoke the grants still unconfirmed in access reviews past their deadline. Run daily
(cron or a scheduler), like sweep_expired_access."""

from django.core.management.base import BaseCommand

from systems.reviews import lapse_overdue_reviews


class Command(BaseCommand):
    help = (
        "Close access reviews past their deadline: revoke every grant not confirmed, audit "
        "each and tell the persons and the Rights Administrators."
    )

    def handle(self, *args, **options):
        count = lapse_overdue_reviews()
        self.stdout.write(f"{count} unconfirmed access grant(s) revoked.")
