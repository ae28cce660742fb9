"""Read-side questions about tasks, each answered in a fixed number of queries."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models.functions import Coalesce

from registry.models import Organization
from tasks import rules
from tasks.kinds import get_kind
from tasks.models import Task, TaskEvent


def open_tasks_for(user, *, limit: int = 200) -> list[Task]:
    """The user's pending assignments, each with the booleans its buttons need (one query)."""
    tasks = list(tasks_in_view(user, "open")[:limit])
    for task in tasks:
        annotate(user, task)
    return tasks


VIEWS = ("open", "done", "mine")


def tasks_in_view(user, view: str) -> models.QuerySet:
    """One list of Tasks, in a fixed number of queries whatever its length:
    `open`: pending assignments of the user's groups, soonest due first;
    `done`: decided (or withdrawn, expired) tasks of the user's groups, latest first;
    `mine`: every request the user started that became a task (access requests, banking
    changes, ...), open or closed, latest first: the user may not be in its group."""
    related = ("organization", "accepted_by__person", "decided_by__person")
    if view == "done":
        rows = Task.objects.visible_to(user).exclude(state__in=Task.OPEN_STATES)
        latest = Coalesce("decided_at", "created_at")
        return rows.select_related(*related).order_by(latest.desc(), "-id")
    if view == "mine":
        if not user.is_authenticated:
            return Task.objects.none()
        rows = Task.objects.filter(created_by=user)
        return rows.select_related(*related).order_by("-created_at", "-id")
    return Task.objects.open_for(user).select_related(*related).order_by("due", "id")


def mark_openable(user, tasks: list[Task]) -> list[Task]:
    """Each task's `openable`: whether the user may open its page (a requester outside the
    task's group may not). One query."""
    ids = [task.pk for task in tasks]
    visible = set(Task.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True))
    for task in tasks:
        task.openable = task.pk in visible
    return tasks


def annotate(user, task: Task) -> Task:
    task.own_change = rules.is_own_change(user, task)
    task.can_accept = rules.can_accept(user, task)
    task.can_release = rules.can_release(user, task)
    task.can_decide = rules.can_decide(user, task)
    task.can_reject = task.can_decide and get_kind(task.kind).rejectable
    # Approve only where the kind allows it now; else the sentence saying why, in its place.
    task.approve_blocked = get_kind(task.kind).approve_refusal(task) if task.can_decide else None
    task.can_approve = task.can_decide and task.approve_blocked is None
    task.taken_by_other = rules.taken_by_other(user, task)
    return task


def history(task: Task) -> list[TaskEvent]:
    return list(task.events.order_by("at", "id"))


def recipients(
    *, organization: Organization | None, role_ids: Iterable[int], to_staff: bool
) -> models.QuerySet:
    """The active accounts in a group (one query, whatever its size)."""
    User = get_user_model()
    condition = models.Q(pk__in=[])
    role_ids = list(role_ids)
    if organization is not None and role_ids and organization.is_active:
        condition |= models.Q(
            person__memberships__organization=organization,
            person__memberships__roles__role_type__in=role_ids,
        )
    if to_staff:
        condition |= models.Q(is_staff=True)
    return User.objects.filter(condition, is_active=True).distinct()


def task_recipients(task: Task) -> models.QuerySet:
    """The accounts the task is addressed to now (one query)."""
    return recipients(
        organization=task.organization,
        role_ids=task.roles.values_list("pk", flat=True),
        to_staff=task.to_staff,
    )
