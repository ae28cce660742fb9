"""The last-holder rule under real concurrency: two Primary Contacts remove each other at the
same instant, on PostgreSQL, with one connection per thread."""

import threading

import pytest
from django.db import close_old_connections, connection

from core.errors import DomainError
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
        barrier = threading.Barrier(2)
        results: list[str] = []

        def remove(actor, target):
            try:
                barrier.wait()
                services.remove_contact(org, target, pc, actor=actor)
                results.append("removed")
            except DomainError as exc:
                results.append(exc.code)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=remove, args=(p.alice, p.person("erin"))),
            threading.Thread(target=remove, args=(p.erin, p.person("alice"))),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        close_old_connections()
        outcomes.append(sorted(results))
        assert _primary_contacts(org) == 1
        # Put the removed one back for the next round.
        for name in ("alice", "erin"):
            person = p.person(name)
            if not RoleAssignment.objects.filter(
                membership__organization=org, membership__person=person, role_type=pc
            ).exists():
                services.add_contact(org, person, pc, actor=p.staff)

    assert all(o == ["last_holder", "removed"] or o == ["forbidden", "removed"] for o in outcomes)
    assert len(outcomes) == ROUNDS
