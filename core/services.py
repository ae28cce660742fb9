"""What every service shares: one transaction, and refusals written to the audit log (audit
registers the recorder on `refused` in its AppConfig.ready(): core imports no app)."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection, transaction

from core.errors import DomainError, RuleViolation
from core.hooks import Hook

P = ParamSpec("P")
R = TypeVar("R")

# Bad input (422) is not a refusal worth recording; permission, visibility, rule and rate-limit
# refusals are.
_AUDITED_STATUSES = {403, 404, 409, 429}

refused = Hook(
    "refused",
    "(actor, action, *, org, target, code, message): a service refused; called after the "
    "rollback (audit records it in a transaction of its own).",
)


def _context(args, kwargs) -> tuple:
    org = target = None
    for value in [*args, *kwargs.values()]:
        kind = getattr(value, "audit_type", None)
        if org is None and kind == "organization":
            org = value
        elif target is None and kind == "person":
            target = value
        elif target is None and hasattr(value, "audit_type") and hasattr(value, "organization_id"):
            # An object that belongs to an organization (a task, a banking change): the
            # refusal names it, and its organization.
            target = value
            if org is None and value.organization_id is not None:
                org = value.organization
    return org, target


# PostgreSQL's deadlock_detected and serialization_failure. Services lock in one order (the
# organization row first) so these should not happen; if one still does, the loser gets a 409
# with a sentence, not a 500, and nothing of it is kept.
LOCK_CONFLICTS = {"40P01", "40001"}
CONFLICT_MESSAGE = (
    "Someone else changed this at the same moment, so nothing was changed. Look again and "
    "try once more."
)


def _lock_conflict(exc: OperationalError) -> bool:
    return getattr(exc.__cause__, "sqlstate", None) in LOCK_CONFLICTS


def service(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run a service in one transaction; if it refuses, roll back and audit the refusal."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            outermost = not connection.in_atomic_block
            try:
                try:
                    with transaction.atomic():
                        return fn(*args, **kwargs)
                except OperationalError as exc:
                    if outermost and _lock_conflict(exc):
                        raise RuleViolation(CONFLICT_MESSAGE, code="conflict") from exc
                    raise
            except DomainError as exc:
                if exc.status in _AUDITED_STATUSES:
                    org, target = _context(args, kwargs)
                    refused(
                        kwargs.get("actor"),
                        action,
                        org=org,
                        target=target,
                        code=exc.code,
                        message=exc.message,
                    )
                raise

        return wrapper

    return decorate
