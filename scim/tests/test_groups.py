"""SCIM Groups: the role types; a group's members hold the role in the organization."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import RoleAssignment
from scim.tests.helpers import Scim, assert_scim_error, patch_op, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def scim(personas) -> Scim:
    return Scim(token_for(personas))


def holders(org, code: str) -> set[int]:
    return set(
        RoleAssignment.objects.filter(
            membership__organization=org, role_type__code=code
        ).values_list("membership__person__person_id", flat=True)
    )


def test_groups_are_the_role_types_with_this_organizations_holders(scim, personas):
    listed = scim.get("Groups").body
    by_id = {g["id"]: g for g in listed["Resources"]}
    pc = by_id["primary_contact"]
    assert pc["displayName"] == "Primary Contact"
    assert [m["value"] for m in pc["members"]] == [str(personas.person("alice").person_id)]
    # Frank is Lakeshore's Primary Contact: not a member of Northwind's group.
    everyone = {m["value"] for g in listed["Resources"] for m in g["members"]}
    assert str(personas.person("frank").person_id) not in everyone
    one = scim.get("Groups/rights_administrator").body
    assert [m["value"] for m in one["members"]] == [str(personas.person("dave").person_id)]
    found = scim.get("Groups", data={"filter": 'displayName eq "Primary Contact"'}).body
    assert [g["id"] for g in found["Resources"]] == ["primary_contact"]
    assert_scim_error(scim.get("Groups/no_such_role"), 404)


def test_the_groups_list_runs_a_fixed_number_of_queries(scim, personas):
    scim.get("Groups")
    with CaptureQueriesContext(connection) as queries:
        scim.get("Groups")
    # The token, its issuer's roles, then the count, the role types and their holders.
    assert len(queries) == 5


def test_adding_a_member_to_a_group_gives_them_the_role(scim, personas):
    erin = personas.person("erin")
    added = scim.patch(
        "Groups/invoicing_banking_contact",
        patch_op({"op": "add", "path": "members", "value": [{"value": str(erin.person_id)}]}),
    )
    assert added.status_code == 200, added.body
    assert erin.person_id in holders(personas.northwind, "invoicing_banking_contact")
    assert str(erin.person_id) in {m["value"] for m in added.body["members"]}
    removed = scim.patch(
        "Groups/invoicing_banking_contact",
        patch_op({"op": "remove", "path": f'members[value eq "{erin.person_id}"]'}),
    )
    assert removed.status_code == 200
    assert erin.person_id not in holders(personas.northwind, "invoicing_banking_contact")


def test_removing_the_last_primary_contact_is_a_scim_error_with_a_sentence(scim, personas):
    alice = personas.person("alice")
    response = scim.patch(
        "Groups/primary_contact",
        patch_op({"op": "remove", "path": f'members[value eq "{alice.person_id}"]'}),
    )
    detail = assert_scim_error(response, 409, "mutability")
    assert "Alice Martin is the only Primary Contact" in detail
    assert holders(personas.northwind, "primary_contact") == {alice.person_id}
    # A PUT replacing the holders all at once registers the new one first, then lets Alice go.
    erin = personas.person("erin")
    replaced = scim.put(
        "Groups/primary_contact",
        {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "Primary Contact",
            "members": [{"value": str(erin.person_id)}],
        },
    )
    assert replaced.status_code == 200, replaced.body
    assert holders(personas.northwind, "primary_contact") == {erin.person_id}


def test_a_refused_change_changes_nothing_at_all(scim, personas):
    alice, erin = personas.person("alice"), personas.person("erin")
    # Erin's account is disabled: she may hold the role, but never stands in for Alice.
    type(personas.erin).objects.filter(pk=personas.erin.pk).update(is_active=False)
    response = scim.put(
        "Groups/primary_contact",
        {"displayName": "Primary Contact", "members": [{"value": str(erin.person_id)}]},
    )
    assert "only Primary Contact" in assert_scim_error(response, 409, "mutability")
    # Erin's addition, done first, went with the refused removal.
    assert holders(personas.northwind, "primary_contact") == {alice.person_id}


def test_the_tokens_issuer_rights_hold(personas):
    # Dave, Rights Administrator, may not add a Primary Contact (only a PC or AR may).
    scim = Scim(token_for(personas, "dave"))
    erin = personas.person("erin")
    response = scim.patch(
        "Groups/primary_contact",
        patch_op({"op": "add", "path": "members", "value": [{"value": str(erin.person_id)}]}),
    )
    assert "Only" in assert_scim_error(response, 403)
    assert erin.person_id not in holders(personas.northwind, "primary_contact")


def test_another_organizations_person_cannot_join_a_group(scim, personas):
    frank = personas.person("frank")
    response = scim.patch(
        "Groups/settlement_contact",
        patch_op({"op": "add", "path": "members", "value": [{"value": str(frank.person_id)}]}),
    )
    assert_scim_error(response, 404)


def test_groups_are_the_operators_data(scim):
    assert_scim_error(scim.post("Groups", {"displayName": "Mine"}), 403)
    assert_scim_error(scim.delete("Groups/primary_contact"), 403)
    rename = patch_op({"op": "replace", "path": "displayName", "value": "Boss"})
    assert_scim_error(scim.patch("Groups/primary_contact", rename), 400, "mutability")


def test_the_rfc_7644_add_member_patch(scim, personas):
    erin = personas.person("erin")
    # RFC 7644 §3.5.2.1, with Erin for Babs Jensen.
    rfc = {
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
        "Operations": [
            {
                "op": "add",
                "path": "members",
                "value": [
                    {
                        "display": "Erin Walsh",
                        "$ref": f"http://testserver/scim/v2/Users/{erin.person_id}",
                        "value": str(erin.person_id),
                    }
                ],
            }
        ],
    }
    assert scim.patch("Groups/settlement_contact", rfc).status_code == 200
    assert erin.person_id in holders(personas.northwind, "settlement_contact")
    # RFC 7644 §3.5.2.2: remove all members (another member holds none: nothing else goes).
    everyone = patch_op({"op": "remove", "path": "members"})
    assert scim.patch("Groups/settlement_contact", everyone).status_code == 200
    assert holders(personas.northwind, "settlement_contact") == set()
