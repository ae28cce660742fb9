"""What every service shares: one transaction, and refusals written to the audit log."""

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.db import transaction

from audit.log import record_refusal
from core.errors import DomainError

P = ParamSpec("P")
R = TypeVar("R")

# Bad input (422) is not a refusal worth recording; permission, visibility and rule refusals are.
_AUDITED_STATUSES = {403, 404, 409}


def _context(args, kwargs) -> tuple:
    from registry.models import Organization, Person

    org = target = None
    for value in [*args, *kwargs.values()]:
        if org is None and isinstance(value, Organization):
            org = value
        elif target is None and isinstance(value, Person):
            target = value
        elif target is None and hasattr(value, "audit_type") and hasattr(value, "organization_id"):
            # An object that belongs to an organization (a task, a banking change): the
            # refusal names it, and its organization.
            target = value
            if org is None and value.organization_id is not None:
                org = value.organization
    return org, target


def service(action: str) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Run a service in one transaction; if it refuses, roll back and audit the refusal."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        @functools.wraps(fn)
        def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
            try:
                with transaction.atomic():
                    return fn(*args, **kwargs)
            except DomainError as exc:
                if exc.status in _AUDITED_STATUSES:
                    org, target = _context(args, kwargs)
                    record_refusal(
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
