from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command

from tasks import services
from tasks.models import Task
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def names(task) -> set[str]:
    return {u.username for u in services.task_recipients(task)}


def run_on(day) -> None:
    with time_machine.travel(day):
        call_command("remind_overdue_tasks", verbosity=0)


def test_an_overdue_task_escalates_to_representatives_then_to_staff(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    task = make_task(personas, roles=["invoicing_banking_contact"])
    assert names(task) == {"carol"}
    start = task.due + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        run_on(start)
    task.refresh_from_db()
    assert (task.escalation, names(task)) == (1, {"carol", "bob"})
    assert any("Reminder: task overdue" in m.subject for m in mailoutbox)

    run_on(start + timedelta(hours=2))  # reminded less than a day ago: nothing
    assert Task.objects.get(pk=task.pk).escalation == 1

    run_on(start + timedelta(days=1, hours=1))
    task.refresh_from_db()
    assert (task.escalation, task.to_staff) == (2, True)
    assert names(task) == {"carol", "bob", "staff"}
    assert [e.action for e in task.events.all()] == ["created", "escalated", "escalated"]

    run_on(start + timedelta(days=2, hours=2))
    assert Task.objects.get(pk=task.pk).events.last().action == "reminded"


def test_tasks_not_yet_due_or_already_decided_are_left_alone(personas):
    open_task = make_task(personas)
    decided = make_task(personas)
    services.approve_task(decided, actor=personas.alice)
    run_on(open_task.due - timedelta(hours=1))
    assert Task.objects.get(pk=open_task.pk).escalation == 0
    run_on(open_task.due + timedelta(days=10))
    assert Task.objects.get(pk=decided.pk).escalation == 0
    assert Task.objects.get(pk=open_task.pk).escalation == 1
