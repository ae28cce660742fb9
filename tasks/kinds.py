"""The registry of task kinds: what happens when a task of a kind is approved or rejected.

An app that needs a decision registers its kind once, in its AppConfig.ready():

    tasks.kinds.register(TaskKind(code="banking_change", label="Approve banking information
        change", on_approve=apply_change, on_reject=discard_change))

The engine (tasks.services) calls the handlers inside the decision's transaction, after it
has locked the task and checked who may decide. A handler that raises a DomainError undoes
the whole decision.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext_lazy as _

# handler(task, *, actor, comment) -> None
Handler = Callable[..., None]


def _nothing(task, *, actor, comment: str) -> None:
    return None


def _no_refusal(task) -> None:
    return None


@dataclass(frozen=True)
class TaskKind:
    code: str
    label: str
    on_approve: Handler = _nothing
    on_reject: Handler = _nothing
    # Called when the task is cancelled or expires (e.g. mark the subject withdrawn).
    on_cancel: Handler = _nothing
    due_in: timedelta = timedelta(days=5)
    # A template rendering the task's subject on the task page (context: task, subject).
    subject_template: str = ""
    # Whether the group may decide with no comment on approval (a comment is always
    # required to reject).
    approve_needs_comment: bool = False
    # Whether the task may be rejected at all (a review is completed, never rejected): the
    # Reject button is shown only where it is; the kind's on_reject still refuses with a reason.
    rejectable: bool = True
    # The organization roles (codes) whose holders decide tasks of this kind, and what that
    # lets them do in one phrase ("approve or reject ..."): the permissions explainer
    # (systems.queries.explain) reads these. Empty for kinds addressed to operator staff.
    deciders: frozenset[str] = frozenset()
    explain: str = ""
    # What each button does, in a sentence shown beside it on the task page; `{requester}` is
    # the name of whoever raised the task ("Approve: the new details replace the current ones
    # and {requester} and the group are told.").
    approve_means: str = ""
    reject_means: str = ""
    # task -> why it cannot be approved yet whoever decides (an access review with grants
    # undecided), or None: the page shows the sentence in place of Approve, and the engine
    # refuses with it before calling on_approve.
    approve_refusal: Callable[..., object] = _no_refusal
    # task -> who or what raised it, for kinds the portal raises itself (an access review
    # after a change of roles, a campaign's review): the task page says this under "Raised
    # by" instead of naming whoever made the change as if they had asked. None: a person asked.
    raised_by: Callable[..., str] | None = None


_KINDS: dict[str, TaskKind] = {}

GENERIC = TaskKind(code="generic", label=_("Task"))


def register(kind: TaskKind) -> TaskKind:
    """Register (or re-register, e.g. on autoreload) a task kind under its code."""
    _KINDS[kind.code] = kind
    return kind


def get_kind(code: str) -> TaskKind:
    """The registered kind; an unknown code behaves as a plain task with no side effects."""
    return _KINDS.get(code, GENERIC)


def is_registered(code: str) -> bool:
    return code in _KINDS


def registered_kinds() -> list[TaskKind]:
    """Every registered kind, in registration order (the apps' order in INSTALLED_APPS)."""
    return list(_KINDS.values())


register(GENERIC)
