"""Who hears about a task, and in what words. Queued with the change, sent after commit."""

from django.conf import settings

from audit.log import actor_label
from core.mail import send_after_commit
from tasks.models import Task
from tasks.queries import task_recipients


def _addresses(users) -> list[str]:
    """E-mail addresses of a group in one query: the person's business e-mail, else the
    account's."""
    rows = users.values_list("person__email", "email")
    return sorted({person_email or email for person_email, email in rows if person_email or email})


def _link(task: Task) -> str:
    return f"{settings.SITE_URL}/tasks/{task.pk}/"


def task_created(task: Task) -> None:
    group = task_recipients(task)
    if task.excluded_user_id:
        group = group.exclude(pk=task.excluded_user_id)
    org = f" for {task.organization.legal_name}" if task.organization_id else ""
    send_after_commit(
        _addresses(group),
        f"New task{org}: {task.kind_label}",
        f"A task has been addressed to your group{org}:\n\n{task.summary}\n\n"
        f"Anyone in the group can accept it, then approve or reject it, on the Tasks page: "
        f"{_link(task)}\nDue: {task.due:%Y-%m-%d}.",
    )


def task_decided(task: Task, *, comment: str) -> None:
    group = task_recipients(task)
    to = _addresses(group)
    if task.created_by_id and task.created_by.email:
        creator = getattr(task.created_by, "person", None)
        to.append(creator.email if creator else task.created_by.email)
    outcome = task.get_state_display().lower()
    reason = f"\n\nComment: {comment}" if comment else ""
    send_after_commit(
        to,
        f"Task {outcome}: {task.kind_label}",
        f"{actor_label(task.decided_by)} {outcome} this task:\n\n{task.summary}{reason}\n\n"
        f"{_link(task)}",
    )


def task_reminder(task: Task, *, escalated_to: str) -> None:
    group = task_recipients(task)
    if task.excluded_user_id:
        group = group.exclude(pk=task.excluded_user_id)
    note = f" It has now also been sent to {escalated_to}." if escalated_to else ""
    send_after_commit(
        _addresses(group),
        f"Reminder: task overdue: {task.kind_label}",
        f"This task was due on {task.due:%Y-%m-%d} and is still waiting for a decision.{note}"
        f"\n\n{task.summary}\n\n{_link(task)}",
    )
