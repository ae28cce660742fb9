import pytest

from core.errors import RuleViolation
from registry import services as registry_services
from registry.models import Membership
from systems import services
from systems.models import AccessGrant
from systems.tests.helpers import grants, system

pytestmark = pytest.mark.django_db


def test_removing_a_member_revokes_their_grants_in_that_organization(personas, mailoutbox):
    northwind, erin = personas.northwind, personas.person("erin")
    services.grant_access(northwind, erin, system("metering"), level="read", actor=personas.dave)
    services.grant_access(northwind, erin, system("mpi"), level="submit", actor=personas.dave)
    registry_services.remove_member(northwind, erin, actor=personas.alice)
    assert grants(northwind, erin) == {}
    revoked = northwind_audit(northwind, "access.revoked")
    assert sorted(e.details["system"] for e in revoked) == ["metering", "mpi"]
    assert all(e.details["reason"] == "left the organization" for e in revoked)
    assert all(e.actor_id == personas.alice.pk for e in revoked)


def test_grants_in_the_persons_other_organizations_stay(personas):
    northwind, lakeshore = personas.northwind, personas.lakeshore
    ivan = personas.person("ivan")
    services.grant_access(northwind, ivan, system("mpi"), actor=personas.dave)
    services.grant_access(lakeshore, ivan, system("mpi"), actor=personas.frank)
    registry_services.remove_member(northwind, ivan, actor=personas.alice)
    assert grants(northwind, ivan) == {}
    assert grants(lakeshore, ivan) == {"mpi": "read"}


def test_a_refused_removal_keeps_the_grants(personas):
    northwind, dave = personas.northwind, personas.person("dave")
    services.grant_access(northwind, dave, system("mpi"), actor=personas.staff)
    with pytest.raises(RuleViolation):  # Dave is the only Rights Administrator
        registry_services.remove_member(northwind, dave, actor=personas.alice)
    assert grants(northwind, dave) == {"mpi": "read"}
    assert Membership.objects.filter(organization=northwind, person=dave).exists()


def northwind_audit(org, action):
    from audit.models import AuditEntry

    return list(AuditEntry.objects.filter(org_id=org.org_id, action=action, outcome="done"))


def test_revoke_all_returns_how_many_it_revoked(personas):
    northwind, erin = personas.northwind, personas.person("erin")
    services.grant_access(northwind, erin, system("settlements"), actor=personas.dave)
    assert services.revoke_all_for_membership(northwind, erin, actor=personas.alice) == 1
    assert not AccessGrant.objects.filter(person=erin).exists()
