import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from audit.sentences import describe
from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from core.testing import DEMO
from systems import services
from systems.models import AccessGrant
from systems.tests.helpers import grants, last_audit, system

pytestmark = pytest.mark.django_db


def test_rights_administrator_grants_a_member_access(personas, mailoutbox):
    org, erin = personas.northwind, personas.person("erin")
    grant = services.grant_access(org, erin, system("metering"), level="read", actor=personas.dave)
    assert (grant.level, grant.expires, grant.granted_by) == ("read", None, personas.dave)
    assert grants(org, erin) == {"metering": "read"}
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.target_id) == (
        "access.granted",
        "done",
        f"{personas.person('erin').person_id}",
    )
    assert entry.details["system"] == "metering"
    assert describe(entry) == (
        "For Northwind Power Corp., Dave Okafor granted Erin Walsh "
        f"({personas.person('erin').person_id}) read "
        "access to Metering Data."
    )


def test_the_level_defaults_to_the_systems_lowest(personas):
    grant = services.grant_access(
        personas.northwind, personas.person("erin"), system("mpi"), actor=personas.dave
    )
    assert grant.level == "read"


def test_granting_again_changes_the_level_and_expiry(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.grant_access(org, erin, system("mpi"), level="read", actor=personas.dave)
    later = timezone.localdate() + datetime.timedelta(days=30)
    grant = services.grant_access(
        org, erin, system("mpi"), level="submit", expires=later, actor=personas.dave
    )
    assert (grant.level, grant.expires) == ("submit", later)
    assert AccessGrant.objects.filter(organization=org, person=erin).count() == 1
    assert last_audit().action == "access.changed"
    assert last_audit().details["previous_level"] == "read"


def test_operator_staff_may_grant(personas):
    services.grant_access(
        personas.northwind, personas.person("dave"), system("mpi"), actor=personas.staff
    )
    assert grants(personas.northwind, personas.person("dave")) == {"mpi": "read"}


@pytest.mark.parametrize("actor", ["alice", "bob", "carol", "erin", "frank", "ivan"])
def test_only_a_rights_administrator_of_the_organization_grants(personas, actor):
    org, erin = personas.northwind, personas.person("erin")
    target = personas.person("bob") if actor == "erin" else erin
    with pytest.raises(Forbidden):
        services.grant_access(org, target, system("mpi"), actor=getattr(personas, actor))
    assert not AccessGrant.objects.exists()
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.org_id) == (
        "access.grant",
        "refused",
        personas.northwind.org_id,
    )


def test_nobody_grants_access_to_themselves(personas):
    org, dave = personas.northwind, personas.person("dave")
    with pytest.raises(Forbidden) as exc:
        services.grant_access(org, dave, system("mpi"), actor=personas.dave)
    assert exc.value.code == "own_grant"
    assert "another Rights Administrator" in exc.value.message
    assert not AccessGrant.objects.exists()
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.target_id) == (
        "access.grant",
        "refused",
        f"{personas.person('dave').person_id}",
    )


def test_a_second_rights_administrator_grants_the_first_one(personas):
    from registry import services as registry_services
    from registry.models import RoleType

    org = personas.northwind
    ra = RoleType.objects.get(code="rights_administrator")
    registry_services.add_contact(org, personas.person("erin"), ra, actor=personas.alice)
    services.grant_access(org, personas.person("dave"), system("mpi"), actor=personas.erin)
    assert grants(org, personas.person("dave")) == {"mpi": "read"}


def test_granting_to_a_person_of_another_organization_is_not_found_and_audited(personas):
    """Security case 29: nothing is created, and the refusal names actor, org and target."""
    grace = personas.person("grace")
    with pytest.raises(NotFound) as exc:
        services.grant_access(personas.northwind, grace, system("mpi"), actor=personas.dave)
    assert (
        exc.value.message == f"No person with ID {personas.person('grace').person_id} belongs to "
        "Northwind Power Corp."
    )
    assert not AccessGrant.objects.exists()
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.actor_id) == (
        "access.grant",
        "refused",
        personas.dave.pk,
    )
    assert (entry.org_id, entry.target_id, entry.details["code"]) == (
        personas.northwind.org_id,
        f"{personas.person('grace').person_id}",
        "not_found",
    )


def test_an_unknown_level_is_invalid_and_changes_nothing(personas):
    count = AuditEntry.objects.count()
    with pytest.raises(Invalid) as exc:
        services.grant_access(
            personas.northwind,
            personas.person("erin"),
            system("mpi"),
            level="admin",
            actor=personas.dave,
        )
    assert "level" in exc.value.fields
    assert not AccessGrant.objects.exists()
    assert AuditEntry.objects.count() == count


def test_an_expiry_in_the_past_is_invalid(personas):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    with pytest.raises(Invalid) as exc:
        services.grant_access(
            personas.northwind,
            personas.person("erin"),
            system("mpi"),
            expires=yesterday,
            actor=personas.dave,
        )
    assert exc.value.fields["expires"] == ["The expiry date must be today or later."]


def test_an_inactive_organization_grants_nothing(personas):
    org = personas.northwind
    org.is_active = False
    org.save(update_fields=["is_active"])
    with pytest.raises((RuleViolation, NotFound, Forbidden)):
        services.grant_access(org, personas.person("erin"), system("mpi"), actor=personas.staff)
    assert not AccessGrant.objects.exists()


def test_the_grant_page_grants_and_says_so(client, personas):
    client.force_login(personas.dave)
    response = client.post(
        reverse("systems-grant-access", args=[personas.northwind.org_id]),
        {
            "person_id": f"{personas.person('erin').person_id}",
            "system": "metering",
            "level": "submit",
            "expires": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Erin Walsh may now use Metering Data (submit)" in response.content.decode()
    assert grants(personas.northwind, personas.person("erin")) == {"metering": "submit"}


def test_the_grant_page_refuses_a_stranger_with_a_message(client, personas):
    client.force_login(personas.dave)
    response = client.post(
        reverse("systems-grant-access", args=[personas.northwind.org_id]),
        {"person_id": f"{personas.person('grace').person_id}", "system": "mpi"},
        follow=True,
    )
    assert response.status_code == 200
    assert (
        f"No person with ID {personas.person('grace').person_id} belongs to Northwind Power Corp."
        in response.content.decode()
    )
    assert not AccessGrant.objects.exists()


def test_posting_a_grant_to_another_organization_is_not_found(client, personas):
    client.force_login(personas.dave)
    response = client.post(
        reverse("systems-grant-access", args=[personas.lakeshore.org_id]),
        {"person_id": f"{personas.person('grace').person_id}", "system": "mpi"},
    )
    assert response.status_code == 404
    assert not AccessGrant.objects.exists()
    assert last_audit().outcome == "refused"


@pytest.mark.parametrize(
    "data",
    [
        {"person_id": "abc", "system": "mpi"},
        {"person_id": f"{DEMO.person('erin').person_id}", "system": "nope"},
        {"person_id": f"{DEMO.person('erin').person_id}", "system": "mpi", "level": "x" * 500},
        {"person_id": f"{DEMO.person('erin').person_id}", "system": "mpi", "expires": "31/12/2020"},
        {
            "person_id": f"{DEMO.person('erin').person_id}",
            "system": "mpi",
            "expires": "2020-01-01\x00",
        },
        {},
    ],
)
def test_bad_grant_input_is_refused_without_a_server_error(client, personas, data):
    client.force_login(personas.dave)
    response = client.post(
        reverse("systems-grant-access", args=[personas.northwind.org_id]), data, follow=True
    )
    assert response.status_code in (200, 404)
    assert not AccessGrant.objects.exists()


def test_the_person_page_offers_granting_only_to_a_rights_administrator(client, personas):
    url = reverse(
        "systems-person-access", args=[personas.northwind.org_id, personas.person("erin").person_id]
    )
    client.force_login(personas.dave)
    assert "Grant access" in client.get(url).content.decode()
    client.force_login(personas.alice)
    page = client.get(url)
    assert page.status_code == 200
    assert "Grant access" not in page.content.decode()


def test_a_rights_administrator_sees_no_grant_form_on_their_own_page(client, personas):
    client.force_login(personas.dave)
    page = client.get(
        reverse(
            "systems-person-access",
            args=[personas.northwind.org_id, personas.person("dave").person_id],
        )
    ).content.decode()
    assert "Nobody grants access to themselves" in page
    assert "Grant<span" not in page
