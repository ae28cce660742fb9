"""What a recipient may do with a task, from its fields alone (no queries). Each question is
answered once: `<action>_refusal(user, task)` is the refusal the service raises (under its row
lock), or None; the page's `can_<action>` booleans are the same function asking "None?"."""

from django.utils.translation import gettext_lazy as _

from audit.log import actor_label
from core.errors import DomainError, Forbidden, RuleViolation
from core.text import sentence
from registry.rules import is_operator_staff
from tasks.kinds import get_kind
from tasks.models import Task


def _name(user) -> str:
    return actor_label(user)


def is_own_change(user, task: Task) -> bool:
    return task.excluded_user_id is not None and task.excluded_user_id == user.pk


def taken_by_other(user, task: Task) -> bool:
    return task.state == Task.State.ACCEPTED and task.accepted_by_id != user.pk


def own_change_refusal(user, task: Task) -> DomainError | None:
    if is_own_change(user, task):
        return RuleViolation(
            _("You submitted this change, so someone else must accept and decide it."),
            code="own_change",
        )
    return None


# "This task is already ...", one sentence per state (the state's name agrees in French).
ALREADY = {
    Task.State.APPROVED: _("This task is already approved."),
    Task.State.REJECTED: _("This task is already rejected."),
    Task.State.CANCELLED: _("This task is already cancelled."),
    Task.State.EXPIRED: _("This task is already expired."),
}


def decided_refusal(task: Task) -> DomainError | None:
    if not task.is_open:
        return RuleViolation(ALREADY[task.state], code="already_decided")
    return None


def taken_refusal(user, task: Task) -> DomainError | None:
    if taken_by_other(user, task):
        return RuleViolation(
            sentence(_("{name} has already accepted this task."), name=_name(task.accepted_by)),
            code="task_taken",
        )
    return None


def accept_refusal(user, task: Task) -> DomainError | None:
    """Accepting a task you already hold is a harmless repeat (not offered, not refused)."""
    return own_change_refusal(user, task) or decided_refusal(task) or taken_refusal(user, task)


def release_refusal(user, task: Task) -> DomainError | None:
    """Whoever accepted it gives it back; operator staff may release anyone's (an absent
    colleague must not hold a staff task hostage)."""
    if refusal := decided_refusal(task):
        return refusal
    if task.state != Task.State.ACCEPTED:
        return RuleViolation(_("Nobody has accepted this task."), code="not_accepted")
    if task.accepted_by_id != user.pk and not is_operator_staff(user):
        return Forbidden(
            sentence(
                _("Only {name}, who accepted it, can release it."), name=_name(task.accepted_by)
            )
        )
    return None


def decide_refusal(user, task: Task) -> DomainError | None:
    """Approve or reject: anyone in the group but the submitter, unless another has it."""
    return own_change_refusal(user, task) or decided_refusal(task) or taken_refusal(user, task)


def approve_refusal(user, task: Task) -> DomainError | None:
    """Approve: as `decide_refusal`, and what the task's kind says stands in the way."""
    return decide_refusal(user, task) or get_kind(task.kind).approve_refusal(task)


def cancel_refusal(user, task: Task) -> DomainError | None:
    """Withdraw: whoever raised it, or operator staff (user None: the portal itself)."""
    if user is not None and not is_operator_staff(user) and task.created_by_id != user.pk:
        return Forbidden(_("Only whoever raised this task, or operator staff, can withdraw it."))
    return decided_refusal(task)


def can_accept(user, task: Task) -> bool:
    return task.state == Task.State.OPEN and accept_refusal(user, task) is None


def can_release(user, task: Task) -> bool:
    return release_refusal(user, task) is None


def can_decide(user, task: Task) -> bool:
    return decide_refusal(user, task) is None


def can_approve(user, task: Task) -> bool:
    return approve_refusal(user, task) is None


def can_cancel(user, task: Task) -> bool:
    return cancel_refusal(user, task) is None
