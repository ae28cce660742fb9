"""The conversation on every task: read by the task's group, its requester and operator staff;
written while the task is open."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from conversations.threads import ThreadKind, register
from core.errors import RuleViolation
from core.text import sentence
from registry.rules import is_operator_staff
from tasks.models import Task
from tasks.queries import task_recipients


def _readable(user):
    if is_operator_staff(user):
        return Task.objects.all()
    return Task.objects.filter(
        Q(pk__in=Task.objects.visible_to(user).values("pk")) | Q(created_by=user)
    )


def _find(user, number: int):
    return (
        _readable(user)
        .select_related("organization", "created_by__person")
        .filter(pk=number)
        .first()
    )


# The task's state in the language the refusal is read in ("approved"), lower case.
_lazy_state = lazy(lambda task: str(task.get_state_display()).lower(), str)


def _write_refusal(user, task: Task):
    if not task.is_open:
        return RuleViolation(
            sentence(
                _(
                    "This task is {state}, so its conversation is closed: it is kept as it "
                    "was, and nobody can add to it."
                ),
                state=_lazy_state(task),
            ),
            code="thread_closed",
        )
    return None


def _audience(task: Task):
    User = get_user_model()
    return User.objects.filter(
        Q(pk__in=task_recipients(task).values("pk")) | Q(pk=task.created_by_id), is_active=True
    )


def _url(user, task: Task) -> str | None:
    """The task's page for those who may open it; None for its requester outside the group
    (and staff, on a task not addressed to them): the conversation page is theirs."""
    if Task.objects.visible_to(user).filter(pk=task.pk).exists():
        return reverse("tasks-detail", args=[task.pk]) + "#conversation"
    return None


def _title(task: Task) -> str:
    return f"{task.kind_label}: {task.summary}"[:200]


register(
    ThreadKind(
        code="task",
        label=_("task"),
        find=_find,
        organization=lambda task: task.organization,
        title=_title,
        write_refusal=_write_refusal,
        audience=_audience,
        url=_url,
        readable_ids=lambda user: _readable(user).values("pk"),
        readers=_(
            "the people of {org} who decide this task, whoever asked for it, and operator staff"
        ),
    )
)
