"""Remind the owners of machine accounts about to expire, and end the expired ones. Run daily."""

from django.core.management.base import BaseCommand

from systems.machines import expire_machine_accounts, send_expiry_reminders


class Command(BaseCommand):
    help = (
        "E-mail the owner and Rights Administrators of each machine account 30, 14, 7 and 1 "
        "days before it expires; end (and audit) the accounts whose last day has passed."
    )

    def handle(self, *args, **options):
        reminded = send_expiry_reminders()
        ended = expire_machine_accounts(actor=None)
        self.stdout.write(f"{reminded} reminder(s) sent, {ended} expired machine account(s) ended.")
