"""Remind the Authorized Representatives of open certifications, and escalate those past their
deadline to operator staff. Run daily."""

from django.core.management.base import BaseCommand

from certification.services import escalate_overdue, send_reminders


class Command(BaseCommand):
    help = (
        "E-mail the group of each open certification 30, 14, 7 and 1 days before its deadline; "
        "address the ones still unattested after it to operator staff (nothing is removed)."
    )

    def handle(self, *args, **options):
        reminded = send_reminders()
        escalated = escalate_overdue()
        self.stdout.write(
            f"{reminded} reminder(s) sent, {escalated} certification(s) escalated to operator "
            "staff."
        )
