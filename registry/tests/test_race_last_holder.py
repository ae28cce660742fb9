"""The last-holder rule under real concurrency: two Primary Contacts remove each other at the
same instant, on PostgreSQL, with one connection per thread."""

import pytest

from core.testing import race
from registry import services
from registry.models import RoleAssignment
from registry.tests.helpers import role

ROUNDS = 50


def _primary_contacts(org) -> int:
    return RoleAssignment.objects.filter(
        membership__organization=org, role_type__code="primary_contact"
    ).count()


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_primary_contacts_removing_each_other_at_once_never_leave_none(live_personas):
    p = live_personas
    org, pc = p.northwind, role("primary_contact")
    services.add_contact(org, p.person("erin"), pc, actor=p.staff)
    outcomes: list[list[str]] = []

    for _ in range(ROUNDS):
        outcomes.append(
            race(
                lambda: services.remove_contact(org, p.person("erin"), pc, actor=p.alice),
                lambda: services.remove_contact(org, p.person("alice"), pc, actor=p.erin),
            )
        )
        assert _primary_contacts(org) == 1
        # Put the removed one back for the next round.
        for name in ("alice", "erin"):
            person = p.person(name)
            if not RoleAssignment.objects.filter(
                membership__organization=org, membership__person=person, role_type=pc
            ).exists():
                services.add_contact(org, person, pc, actor=p.staff)

    # The loser has just lost the role that allowed the removal (forbidden), or, had the
    # removals been of a third holder, would meet the rule itself (last_holder).
    assert all(o in (["done", "forbidden"], ["done", "last_holder"]) for o in outcomes)
    assert len(outcomes) == ROUNDS
