"""Helpers shared by the task engine's tests."""

from tasks import services
from tasks.kinds import TaskKind, register

BANKING_GROUP = ["authorized_representative", "invoicing_banking_contact", "primary_contact"]

calls: list[tuple[str, int, str]] = []


def _approved(task, *, actor, comment):
    calls.append(("approve", task.pk, actor.username))


def _rejected(task, *, actor, comment):
    calls.append(("reject", task.pk, actor.username))


TEST_KIND = register(
    TaskKind(code="test_kind", label="Test decision", on_approve=_approved, on_reject=_rejected)
)


def make_task(personas, *, roles=None, actor=None, **extra):
    """A test task for Northwind addressed to its banking group, raised by staff."""
    return services.create_task(
        kind="test_kind",
        summary=extra.pop("summary", "Decide something"),
        organization=extra.pop("organization", personas.northwind),
        roles=BANKING_GROUP if roles is None else roles,
        actor=actor or personas.staff,
        **extra,
    )
