"""Who hears about a task, and in what words. Queued with the change, sent after commit."""

from django.conf import settings
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from audit.log import actor_label
from core.mail import send_after_commit
from core.text import sentence
from tasks.models import Task
from tasks.queries import task_recipients


def _addresses(users) -> list[str]:
    """E-mail addresses of a group in one query: the person's business e-mail, else the
    account's."""
    rows = users.values_list("person__email", "email")
    return sorted({person_email or email for person_email, email in rows if person_email or email})


def _link(task: Task) -> str:
    return f"{settings.SITE_URL}/tasks/{task.pk}/"


def _due(task: Task) -> str:
    """The due date as both languages write it in Canada (2026-12-09)."""
    return date_format(task.due, "Y-m-d")


def task_created(task: Task) -> None:
    group = task_recipients(task)
    if task.excluded_user_id:
        group = group.exclude(pk=task.excluded_user_id)
    values = {
        "org": task.organization.legal_name if task.organization_id else "",
        "kind": task.kind_label,
        "summary": task.summary,
        "link": _link(task),
        "due": _due(task),
    }
    if task.organization_id:
        subject = sentence(_("New task for {org}: {kind}"), **values)
        body = sentence(
            _(
                "A task has been addressed to your group for {org}:\n\n{summary}\n\n"
                "Anyone in the group can accept it, then approve or reject it, on the Tasks "
                "page: {link}\nDue: {due}."
            ),
            **values,
        )
    else:
        subject = sentence(_("New task: {kind}"), **values)
        body = sentence(
            _(
                "A task has been addressed to your group:\n\n{summary}\n\n"
                "Anyone in the group can accept it, then approve or reject it, on the Tasks "
                "page: {link}\nDue: {due}."
            ),
            **values,
        )
    send_after_commit(_addresses(group), subject, body)


# Subject and first line of the decision's e-mail, per outcome.
_DECIDED = {
    Task.State.APPROVED: (
        _("Task approved: {kind}"),
        _("{actor} approved this task:\n\n{summary}{reason}\n\n{link}"),
    ),
    Task.State.REJECTED: (
        _("Task rejected: {kind}"),
        _("{actor} rejected this task:\n\n{summary}{reason}\n\n{link}"),
    ),
}


def task_decided(task: Task, *, comment: str) -> None:
    group = task_recipients(task)
    to = _addresses(group)
    if task.created_by_id and task.created_by.email:
        creator = getattr(task.created_by, "person", None)
        to.append(creator.email if creator else task.created_by.email)
    subject, body = _DECIDED[task.state]
    reason = sentence(_("\n\nComment: {comment}"), comment=comment) if comment else ""
    values = {
        "kind": task.kind_label,
        "actor": actor_label(task.decided_by),
        "summary": task.summary,
        "reason": reason,
        "link": _link(task),
    }
    send_after_commit(to, sentence(subject, **values), sentence(body, **values))


# Whom an overdue task was escalated to (services.remind_overdue_task), as the e-mail says it.
ESCALATED_TO = {
    "operator staff": _("operator staff"),
    "the organization's Authorized Representatives": _(
        "the organization's Authorized Representatives"
    ),
}


def task_reminder(task: Task, *, escalated_to: str) -> None:
    group = task_recipients(task)
    if task.excluded_user_id:
        group = group.exclude(pk=task.excluded_user_id)
    values = {
        "kind": task.kind_label,
        "due": _due(task),
        "summary": task.summary,
        "link": _link(task),
        "to": ESCALATED_TO.get(escalated_to, escalated_to),
    }
    if escalated_to:
        body = _(
            "This task was due on {due} and is still waiting for a decision. It has now also "
            "been sent to {to}.\n\n{summary}\n\n{link}"
        )
    else:
        body = _(
            "This task was due on {due} and is still waiting for a decision.\n\n{summary}\n\n{link}"
        )
    send_after_commit(
        _addresses(group),
        sentence(_("Reminder: task overdue: {kind}"), **values),
        sentence(body, **values),
    )
