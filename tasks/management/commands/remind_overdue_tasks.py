"""Run periodically (e.g. hourly from cron): remind and escalate overdue tasks."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from tasks.models import Task
from tasks.services import remind_overdue_task


class Command(BaseCommand):
    help = (
        "Remind the groups of overdue open tasks, at most once a day, escalating to the "
        "organization's Authorized Representatives, then to operator staff."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        done = {"reminded": 0, "escalated": 0}
        for task in Task.objects.open().filter(due__lt=now).order_by("due", "id").iterator():
            action = remind_overdue_task(task, now=now)
            if action:
                done[action] += 1
        self.stdout.write(
            f"{done['escalated']} overdue tasks escalated, {done['reminded']} reminded."
        )
