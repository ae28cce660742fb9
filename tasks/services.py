"""Every change to a task. Each locks the task row, checks that the actor is in the task's
group, changes the state, appends to the task's history, writes the audit record and queues
the e-mail. The kind's handler (tasks.kinds) runs inside the same transaction."""

from collections.abc import Iterable
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import actor_label, record
from core.errors import Forbidden, Invalid, NotFound, require
from core.services import service
from core.text import sentence
from registry.models import Organization, RoleType
from registry.rules import Role, is_operator_staff
from tasks import notifications, rules
from tasks.kinds import get_kind
from tasks.models import Task, TaskEvent
from tasks.queries import recipients, task_recipients

__all__ = ["recipients", "task_recipients"]  # the group's queries, importable from here too

COMMENT_MAX = 2000
NOT_FOUND = _("That task does not exist or is not addressed to you.")


def _event(task: Task, action: str, actor, comment: str = "") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task, action=action, actor=actor, actor_label=actor_label(actor), comment=comment
    )


def _audit(task: Task, action: str, actor, **details) -> None:
    record(
        actor,
        action,
        org=task.organization,
        target=task,
        details={"kind": task.kind, "task_id": task.pk, **details},
    )


# What a missing comment is refused with: the sentence, and the field's error.
_REASONS = {
    "approve": (
        _("Give a reason to approve."),
        _("Enter a comment explaining why you approve."),
    ),
    "reject": (
        _("Give a reason to reject."),
        _("Enter a comment explaining why you reject."),
    ),
    "comment": (
        _("Give a reason to comment."),
        _("Enter a comment explaining why you comment."),
    ),
}


def _clean_comment(comment: str | None, *, required: bool, what: str) -> str:
    text = (comment or "").strip()
    if "\x00" in text:
        raise Invalid(
            _("The comment cannot be saved."),
            fields={"comment": [_("Remove NUL chars.")]},
        )
    if required and not text:
        why, field = _REASONS[what]
        raise Invalid(why, fields={"comment": [field]})
    if len(text) > COMMENT_MAX:
        raise Invalid(
            _("The comment is too long."),
            fields={
                "comment": [
                    sentence(_("Keep the comment under {max} characters."), max=COMMENT_MAX)
                ]
            },
        )
    return text


def lock_task(task: Task) -> Task | None:
    """Lock the task's row, its organization's row first. One lock order everywhere (the
    organization, then the task, then what the task decides): a submission that supersedes
    a banking change locks the organization, the change and then its task, and a decision
    used to lock the task and then the change, which deadlocked on PostgreSQL."""
    if task.organization_id is not None:
        list(
            Organization.objects.select_for_update()
            .filter(pk=task.organization_id)
            .values_list("pk", flat=True)
        )
    return Task.objects.select_for_update().filter(pk=task.pk).first()


def _lock_for(task: Task, actor) -> Task:
    """Lock the task's row, then check the actor is in its group (outsiders: not found)."""
    locked = lock_task(task)
    if locked is None or not Task.objects.visible_to(actor).filter(pk=task.pk).exists():
        raise NotFound(NOT_FOUND)
    return locked


def _refuse(refusal) -> None:
    if refusal is not None:
        raise refusal


@service("task.create", org="organization", target=None)
def create_task(
    *,
    kind: str,
    summary: str,
    actor,
    organization: Organization | None = None,
    roles: Iterable[str] = (),
    to_staff: bool = False,
    subject: models.Model | None = None,
    details: dict | None = None,
    excluded_user=None,
    due: datetime | None = None,
) -> Task:
    """Address a new task to the holders of `roles` in `organization` and/or operator staff.

    With `excluded_user` (four eyes), that account may never decide it; if nobody else in
    the group could, the task goes to operator staff as well.
    """
    if actor is not None and not is_operator_staff(actor):
        require(
            organization is not None
            and Organization.objects.visible_to(actor).filter(pk=organization.pk).exists(),
            _("You can only raise tasks for your own organizations."),
        )
    codes = sorted(set(roles))
    role_types = list(RoleType.objects.filter(code__in=codes))
    if len(role_types) != len(codes) or (codes and organization is None):
        raise Invalid(_("The task's group is not valid."), fields={"roles": [_("Unknown role.")]})
    if not role_types and not to_staff:
        raise Invalid(
            _("A task must be addressed to someone."), fields={"roles": [_("Choose one.")]}
        )
    role_ids = [r.pk for r in role_types]
    if excluded_user is not None and not to_staff:
        others = recipients(organization=organization, role_ids=role_ids, to_staff=False)
        if not others.exclude(pk=excluded_user.pk).exists():
            to_staff = True
    kind_def = get_kind(kind)
    task = Task.objects.create(
        kind=kind,
        organization=organization,
        to_staff=to_staff,
        excluded_user=excluded_user,
        subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
        subject_id=subject.pk if subject is not None else None,
        summary=summary[:300],
        details=details or {},
        created_by=actor,
        due=due or timezone.now() + kind_def.due_in,
    )
    task.roles.set(role_ids)
    _event(task, TaskEvent.Action.CREATED, actor)
    _audit(task, "task.created", actor, roles=codes, to_staff=to_staff)
    notifications.task_created(task)
    return task


@service("task.accept", org="task.organization", target="task")
def accept_task(task: Task, *, actor) -> Task:
    """Take the task: it becomes the actor's (first come, first served)."""
    task = _lock_for(task, actor)
    _refuse(rules.accept_refusal(actor, task))
    if task.accepted_by_id == actor.pk:
        return task
    task.state, task.accepted_by = Task.State.ACCEPTED, actor
    task.save(update_fields=["state", "accepted_by"])
    _event(task, TaskEvent.Action.ACCEPTED, actor)
    _audit(task, "task.accepted", actor)
    return task


@service("task.release", org="task.organization", target="task")
def release_task(task: Task, *, actor) -> Task:
    """Give an accepted task back to the group."""
    task = _lock_for(task, actor)
    _refuse(rules.release_refusal(actor, task))
    task.state, task.accepted_by = Task.State.OPEN, None
    task.save(update_fields=["state", "accepted_by"])
    _event(task, TaskEvent.Action.RELEASED, actor)
    _audit(task, "task.released", actor)
    return task


def _decide(task: Task, *, actor, comment: str | None, approve: bool) -> Task:
    task = _lock_for(task, actor)
    _refuse(rules.approve_refusal(actor, task) if approve else rules.decide_refusal(actor, task))
    kind = get_kind(task.kind)
    required = not approve or kind.approve_needs_comment
    text = _clean_comment(comment, required=required, what="approve" if approve else "reject")
    (kind.on_approve if approve else kind.on_reject)(task, actor=actor, comment=text)
    task.state = Task.State.APPROVED if approve else Task.State.REJECTED
    task.accepted_by = task.accepted_by or actor
    task.decided_by, task.decided_at = actor, timezone.now()
    task.save(update_fields=["state", "accepted_by", "decided_by", "decided_at"])
    _event(task, task.state, actor, text)
    _audit(task, f"task.{task.state}", actor)
    notifications.task_decided(task, comment=text)
    return task


@service("task.approve", org="task.organization", target="task")
def approve_task(task: Task, *, actor, comment: str = "") -> Task:
    """Approve: the kind's change is applied. Only once; only by someone in the group."""
    return _decide(task, actor=actor, comment=comment, approve=True)


@service("task.reject", org="task.organization", target="task")
def reject_task(task: Task, *, actor, comment: str) -> Task:
    """Reject with a reason: nothing the task proposed is applied."""
    return _decide(task, actor=actor, comment=comment, approve=False)


@service("task.comment", org="task.organization", target="task")
def comment_task(task: Task, *, actor, comment: str) -> Task:
    task = _lock_for(task, actor)
    _refuse(rules.decided_refusal(task))
    text = _clean_comment(comment, required=True, what="comment")
    _event(task, TaskEvent.Action.COMMENTED, actor, text)
    return task


@service("task.cancel", org="task.organization", target="task")
def cancel_task(task: Task, *, actor, reason: str, expire: bool = False) -> Task:
    """Withdraw an undecided task (its creator, operator staff, or the portal itself when a
    later submission supersedes it: actor None). `expire` marks it stale instead."""
    locked = lock_task(task)
    if locked is None:
        raise NotFound(NOT_FOUND)
    refusal = rules.cancel_refusal(actor, locked)
    if (
        isinstance(refusal, Forbidden)
        and not Task.objects.visible_to(actor).filter(pk=task.pk).exists()
    ):
        raise NotFound(NOT_FOUND)
    _refuse(refusal)
    get_kind(locked.kind).on_cancel(locked, actor=actor, comment=reason)
    locked.state = Task.State.EXPIRED if expire else Task.State.CANCELLED
    locked.decided_at, locked.decided_by = timezone.now(), actor
    locked.save(update_fields=["state", "decided_at", "decided_by"])
    _event(locked, locked.state, actor, reason)
    _audit(locked, f"task.{locked.state}", actor, reason=reason)
    return locked


REMIND_EVERY = timedelta(days=1)


def escalate_to_staff(task: Task, *, actor=None, why: str) -> bool:
    """Address an open task to operator staff as well, now (a certification undecided at its
    deadline): the event says `why`, the group and staff are told. False if already theirs.
    Runs inside the caller's transaction."""
    task = lock_task(task)
    if task is None or not task.is_open or task.to_staff:
        return False
    task.to_staff, task.escalation = True, 2
    task.save(update_fields=["escalation", "to_staff"])
    _event(task, TaskEvent.Action.ESCALATED, actor, f"{why} Now also sent to operator staff.")
    _audit(task, "task.escalated", actor, escalated_to="operator staff")
    notifications.task_reminder(task, escalated_to="operator staff")
    return True


@service("task.remind", org="task.organization", target="task")
def remind_overdue_task(task: Task, *, actor=None, now: datetime | None = None) -> str:
    """Remind the group of an overdue task, escalating one step each day it stays overdue:
    first to the organization's Authorized Representatives, then to operator staff.
    Returns what was done ("" when nothing was due)."""
    now = now or timezone.now()
    task = lock_task(task)
    if task is None or not task.is_open or task.due > now:
        return ""
    if task.reminded_at is not None and now - task.reminded_at < REMIND_EVERY:
        return ""
    escalated_to = ""
    if task.escalation == 0 and task.organization_id:
        representative = RoleType.objects.filter(code=Role.AUTHORIZED_REPRESENTATIVE).first()
        if representative is not None and not task.roles.filter(pk=representative.pk).exists():
            task.roles.add(representative)
            escalated_to = "the organization's Authorized Representatives"
        task.escalation = 1
    elif task.escalation <= 1:
        task.to_staff, task.escalation = True, 2
        escalated_to = "operator staff"
    task.reminded_at = now
    task.save(update_fields=["escalation", "to_staff", "reminded_at"])
    action = TaskEvent.Action.ESCALATED if escalated_to else TaskEvent.Action.REMINDED
    _event(
        task,
        action,
        actor,
        f"Overdue since {task.due:%Y-%m-%d}."
        + (f" Now also sent to {escalated_to}." if escalated_to else ""),
    )
    _audit(task, f"task.{action}", actor, escalated_to=escalated_to)
    notifications.task_reminder(task, escalated_to=escalated_to)
    return action
