"""Fetch-and-authorize for tasks: a task not addressed to the user is not found."""

from core.access import as_id
from core.errors import NotFound
from tasks.models import Task


def get_task_for(user, task_id) -> Task:
    """A task addressed to one of the user's groups (any state), else NotFound."""
    number = as_id(task_id)
    task = (
        Task.objects.visible_to(user)
        .select_related(
            "organization", "accepted_by__person", "decided_by__person", "created_by__person"
        )
        .filter(pk=number)
        .first()
        if number is not None
        else None
    )
    if task is None:
        raise NotFound("That task does not exist or is not addressed to you.")
    return task
