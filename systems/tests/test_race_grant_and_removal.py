"""Access invariants under real concurrency, on PostgreSQL, one connection per thread:
nobody holds a grant in an organization they do not belong to, and a Rights Administrator
whose role is being removed grants nothing after losing it."""

import pytest

from core.testing import race
from registry import services as registry_services
from registry.models import Membership, RoleType
from systems import services
from systems.models import AccessGrant
from systems.tests.helpers import system

ROUNDS = 30


def _orphan_grants() -> int:
    """Grants whose holder no longer belongs to the granting organization."""
    return sum(
        1
        for g in AccessGrant.objects.all()
        if not Membership.objects.filter(organization=g.organization, person=g.person).exists()
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_grant_racing_the_holders_removal_never_outlives_the_membership(live_personas):
    p = live_personas
    org, erin, metering = p.northwind, p.person("erin"), system("metering")
    outcomes = []
    for _ in range(ROUNDS):
        outcomes.append(
            race(
                lambda: services.grant_access(org, erin, metering, actor=p.dave),
                lambda: registry_services.remove_member(org, erin, actor=p.alice),
            )
        )
        assert _orphan_grants() == 0
        AccessGrant.objects.filter(person=erin).delete()
        if not Membership.objects.filter(organization=org, person=erin).exists():
            registry_services.add_member(org, erin, actor=p.staff)
    # Either order happens; whichever runs second sees the first one's effect.
    assert all(o in (["done", "done"], ["done", "not_found"]) for o in outcomes)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_rights_administrator_losing_the_role_grants_nothing_afterwards(live_personas):
    p = live_personas
    org, ra = p.northwind, RoleType.objects.get(code="rights_administrator")
    registry_services.add_contact(org, p.person("ivan"), ra, actor=p.alice)
    erin, mpi = p.person("erin"), system("mpi")
    for _ in range(ROUNDS):
        results = race(
            lambda: services.grant_access(org, erin, mpi, actor=p.ivan),
            lambda: registry_services.remove_contact(org, p.person("ivan"), ra, actor=p.alice),
        )
        granted = AccessGrant.objects.filter(person=erin).first()
        # Granted only if the grant took the lock before the role went.
        assert results in (["done", "done"], ["done", "forbidden"])
        if results == ["done", "forbidden"]:
            assert granted is None
        AccessGrant.objects.filter(person=erin).delete()
        registry_services.add_contact(org, p.person("ivan"), ra, actor=p.alice)
