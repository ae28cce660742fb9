"""What a recipient may do with a task, from its fields alone (no queries). The services
enforce the same conditions under a row lock; these only decide which buttons to show."""

from tasks.models import Task


def is_own_change(user, task: Task) -> bool:
    return task.excluded_user_id is not None and task.excluded_user_id == user.pk


def can_accept(user, task: Task) -> bool:
    return task.state == Task.State.OPEN and not is_own_change(user, task)


def can_release(user, task: Task) -> bool:
    return task.state == Task.State.ACCEPTED and task.accepted_by_id == user.pk


def can_decide(user, task: Task) -> bool:
    if not task.is_open or is_own_change(user, task):
        return False
    return task.state == Task.State.OPEN or task.accepted_by_id == user.pk


def taken_by_other(user, task: Task) -> bool:
    return task.state == Task.State.ACCEPTED and task.accepted_by_id != user.pk
