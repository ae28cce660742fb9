"""examples/scim_client.py, an identity provider's client, against a live portal on
127.0.0.1: provision, patch, add to a group, deprovision; each step checked in the registry."""

import sys
from pathlib import Path

import pytest

from registry.models import Membership, Person, RoleAssignment
from scim.models import ScimIdentity
from scim.services import issue_scim_token

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from scim_client import ScimClient, ScimFailure  # noqa: E402


def test_an_identity_provider_provisions_patches_groups_and_deprovisions(
    live_server, live_personas
):
    org = live_personas.northwind
    _, secret = issue_scim_token(org, data={"name": "Entra ID"}, actor=live_personas.alice)
    idp = ScimClient(live_server.url, secret)

    assert idp.find_user("jdoe") is None
    user = idp.provision("jdoe", "jordan.doe@northwind.example", "Jordan", "Doe", "416 555 0142")
    person = Person.objects.get(person_id=int(user["id"]))
    assert (person.full_name, person.email, person.phone) == (
        "Jordan Doe",
        "jordan.doe@northwind.example",
        "+14165550142",
    )
    assert Membership.objects.filter(organization=org, person=person).exists()
    # Provisioning twice (an IdP retrying) finds the same person.
    assert (
        idp.provision("jdoe", "jordan.doe@northwind.example", "Jordan", "Doe", "x")["id"]
        == user["id"]
    )

    patched = idp.patch_user(user["id"], externalId="hr-4711", userName="jordan.doe")
    assert (patched["externalId"], patched["userName"]) == ("hr-4711", "jordan.doe")
    identity = ScimIdentity.objects.get(organization=org, person=person)
    assert (identity.user_name, identity.external_id) == ("jordan.doe", "hr-4711")

    group = idp.add_to_group(idp.group_id("Settlement Contact"), user["id"])
    assert user["id"] in {m["value"] for m in group["members"]}
    assert RoleAssignment.objects.filter(
        membership__organization=org,
        membership__person=person,
        role_type__code="settlement_contact",
    ).exists()
    assert idp.find_user("jordan.doe")["groups"][0]["value"] == "settlement_contact"

    assert idp.deprovision(user["id"])["active"] is False
    assert not Membership.objects.filter(organization=org, person=person).exists()
    assert not RoleAssignment.objects.filter(membership__person=person).exists()
    assert idp.find_user("jordan.doe") is None
    person.refresh_from_db()  # the person stays in the registry, outside the organization

    # The portal's rules hold for the IdP too: Alice is the only Primary Contact.
    with pytest.raises(ScimFailure) as refused:
        idp.deprovision(str(live_personas.person("alice").person_id))
    assert refused.value.status == 409 and "only Primary Contact" in refused.value.detail
