"""What every service shares: one transaction, and refusals written to the audit log (audit
registers the recorder on `refused` in its AppConfig.ready(): core imports no app)."""

import functools
import inspect
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext_lazy as _

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


def _resolver(
    fn: Callable, what: str, path: str | None
) -> Callable[[inspect.BoundArguments], object]:
    """`path` names a parameter of `fn`, optionally followed by attributes ("task.organization");
    None names nothing. Checked when the service is defined, so a typo fails at import."""
    if path is None:
        return lambda bound: None
    name, *attributes = path.split(".")
    if name not in inspect.signature(fn).parameters:
        raise TypeError(f"@service of {fn.__qualname__}: {what}={path!r} names no parameter.")

    def resolve(bound: inspect.BoundArguments):
        value = bound.arguments.get(name)
        for attribute in attributes:
            if value is None:
                break
            value = getattr(value, attribute)
        return value

    return resolve


# PostgreSQL's deadlock_detected and serialization_failure. Services lock in one order (the
# organization row first) so these should not happen; if one still does, the loser gets a 409
# with a sentence, not a 500, and nothing of it is kept.
LOCK_CONFLICTS = {"40P01", "40001"}
CONFLICT_MESSAGE = _(
    "Someone else changed this at the same moment, so nothing was changed. Look again and "
    "try once more."
)


def _lock_conflict(exc: OperationalError) -> bool:
    return getattr(exc.__cause__, "sqlstate", None) in LOCK_CONFLICTS


def service(
    action: str, *, org: str | None, target: str | None
) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run a service in one transaction; if it refuses, roll back and audit the refusal.

    `org` and `target` declare what a refusal names: a parameter of the service, optionally
    with attributes (`org="task.organization", target="task"`), or None for nothing. The
    audit log files the refusal under that organization and names that target.
    """

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        signature = inspect.signature(fn)
        org_of = _resolver(fn, "org", org)
        target_of = _resolver(fn, "target", target)

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
                    bound = signature.bind_partial(*args, **kwargs)
                    refused(
                        kwargs.get("actor"),
                        action,
                        org=org_of(bound),
                        target=target_of(bound),
                        code=exc.code,
                        message=exc.english,
                    )
                raise

        wrapper.refusal_names = {"org": org, "target": target}
        return wrapper

    return decorate
