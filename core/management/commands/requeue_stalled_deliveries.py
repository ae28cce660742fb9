"""Requeue e-mail deliveries left RUNNING by a worker that was killed. Run every few minutes
(cron or a scheduler) beside the workers, or once after an incident."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from core.mail import STALLED_AFTER, requeue_stalled_deliveries


class Command(BaseCommand):
    help = (
        "Put back on the queue the e-mail deliveries still RUNNING long after they started "
        "(their worker was killed); they are then delivered at least once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=int(STALLED_AFTER.total_seconds() // 60),
            metavar="MINUTES",
            help="only deliveries started more than this many minutes ago (default %(default)s)",
        )

    def handle(self, *args, older_than: int, **options):
        if older_than < 1:
            self.stderr.write("--older-than must be at least 1 minute.")
            raise SystemExit(2)
        count = requeue_stalled_deliveries(older_than=timedelta(minutes=older_than))
        self.stdout.write(f"{count} stalled e-mail deliveries requeued.")
