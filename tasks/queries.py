"""Read-side questions about tasks, each answered in a fixed number of queries."""

from tasks import rules
from tasks.kinds import get_kind
from tasks.models import Task, TaskEvent


def open_tasks_for(user, *, limit: int = 200) -> list[Task]:
    """The user's pending assignments, each with the booleans its buttons need (one query)."""
    tasks = list(
        Task.objects.open_for(user)
        .select_related("organization", "accepted_by__person")
        .order_by("due", "id")[:limit]
    )
    for task in tasks:
        annotate(user, task)
    return tasks


def annotate(user, task: Task) -> Task:
    task.own_change = rules.is_own_change(user, task)
    task.can_accept = rules.can_accept(user, task)
    task.can_release = rules.can_release(user, task)
    task.can_decide = rules.can_decide(user, task)
    task.can_reject = task.can_decide and get_kind(task.kind).rejectable
    task.taken_by_other = rules.taken_by_other(user, task)
    return task


def history(task: Task) -> list[TaskEvent]:
    return list(task.events.order_by("at", "id"))
