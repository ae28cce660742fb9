import pytest
from django.urls import reverse

from core.errors import Forbidden, NotFound
from systems import services
from systems.models import AccessGrant
from systems.tests.helpers import grants, last_audit, system

pytestmark = pytest.mark.django_db


def _grant(personas, name="erin", code="metering"):
    return services.grant_access(
        personas.northwind, personas.person(name), system(code), actor=personas.staff
    )


def test_rights_administrator_revokes_a_members_access(personas, mailoutbox):
    grant = _grant(personas)
    services.revoke_access(personas.northwind, grant, actor=personas.dave)
    assert grants(personas.northwind, personas.person("erin")) == {}
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.target_id) == (
        "access.revoked",
        "done",
        f"{personas.person('erin').person_id}",
    )


@pytest.mark.parametrize("actor", ["alice", "bob", "carol", "erin", "frank"])
def test_only_a_rights_administrator_revokes(personas, actor):
    grant = _grant(personas)
    with pytest.raises(Forbidden):
        services.revoke_access(personas.northwind, grant, actor=getattr(personas, actor))
    assert AccessGrant.objects.filter(pk=grant.pk).exists()
    assert (last_audit().action, last_audit().outcome) == ("access.revoke", "refused")


@pytest.mark.parametrize("holder", ["alice", "bob"])
def test_a_rights_administrator_cannot_revoke_a_primary_contacts_or_representatives_grant(
    personas, holder
):
    """Security case 33: only operator staff revoke the grants of PCs and ARs."""
    grant = _grant(personas, holder)
    with pytest.raises(Forbidden) as exc:
        services.revoke_access(personas.northwind, grant, actor=personas.dave)
    assert "only operator staff can revoke their access" in exc.value.message
    assert AccessGrant.objects.filter(pk=grant.pk).exists()
    services.revoke_access(personas.northwind, grant, actor=personas.staff)
    assert not AccessGrant.objects.filter(pk=grant.pk).exists()


def test_a_grant_of_another_organization_cannot_be_revoked_through_this_one(personas):
    grant = services.grant_access(
        personas.lakeshore, personas.person("grace"), system("mpi"), actor=personas.frank
    )
    with pytest.raises(NotFound):
        services.revoke_access(personas.northwind, grant, actor=personas.dave)
    assert AccessGrant.objects.filter(pk=grant.pk).exists()


def test_revoking_twice_says_it_is_already_revoked(personas):
    grant = _grant(personas)
    services.revoke_access(personas.northwind, grant, actor=personas.dave)
    with pytest.raises(NotFound) as exc:
        services.revoke_access(personas.northwind, grant, actor=personas.dave)
    assert exc.value.message == "That access has already been revoked."


def test_the_revoke_page_asks_for_confirmation_then_revokes(client, personas):
    grant = _grant(personas)
    client.force_login(personas.dave)
    url = reverse("systems-revoke-access", args=[personas.northwind.org_id, grant.pk])
    page = client.get(url)
    assert "Revoke Erin Walsh's access to Metering Data?" in page.content.decode()
    assert AccessGrant.objects.filter(pk=grant.pk).exists()
    response = client.post(url, follow=True)
    assert "Erin Walsh no longer has access to Metering Data" in response.content.decode()
    assert not AccessGrant.objects.filter(pk=grant.pk).exists()


def test_the_revoke_page_shows_a_refusal(client, personas):
    grant = _grant(personas, "alice")
    client.force_login(personas.dave)
    response = client.post(
        reverse("systems-revoke-access", args=[personas.northwind.org_id, grant.pk]), follow=True
    )
    assert "only operator staff can revoke their access" in response.content.decode()
    assert AccessGrant.objects.filter(pk=grant.pk).exists()


def test_another_organizations_grant_is_not_found_on_the_revoke_page(client, personas):
    grant = services.grant_access(
        personas.lakeshore, personas.person("grace"), system("mpi"), actor=personas.frank
    )
    client.force_login(personas.dave)
    for url in [
        reverse("systems-revoke-access", args=[personas.northwind.org_id, grant.pk]),
        reverse("systems-revoke-access", args=[personas.lakeshore.org_id, grant.pk]),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
    assert AccessGrant.objects.filter(pk=grant.pk).exists()
