"""Warn, then disable, accounts nobody signed in with for DORMANT_AFTER_DAYS. Run daily."""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.services import sweep_dormant_accounts


class Command(BaseCommand):
    help = (
        "Warn by e-mail the accounts with no sign-in for DORMANT_AFTER_DAYS minus "
        "DORMANT_WARNING_DAYS days, and disable those with none for DORMANT_AFTER_DAYS "
        "(person and roles kept; their organization's Primary Contacts and Rights "
        "Administrators are told)."
    )

    def handle(self, *args, **options):
        done = sweep_dormant_accounts()
        self.stdout.write(
            f"{done['warned']} account(s) warned, {done['disabled']} disabled "
            f"(after {settings.DORMANT_AFTER_DAYS} days without a sign-in)."
        )
