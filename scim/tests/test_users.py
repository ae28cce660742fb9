"""SCIM Users: the organization's members, provisioned through registry.services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.models import Membership, Person
from registry.services import register_person
from scim.models import ScimIdentity
from scim.protocol import CONTENT_TYPE
from scim.tests.helpers import Scim, assert_scim_error, patch_op, token_for

pytestmark = pytest.mark.django_db

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

# RFC 7644 §3.3, "Creating Resources": the request, as printed.
RFC_7644_CREATE = {
    "schemas": [USER],
    "userName": "bjensen",
    "externalId": "bjensen",
    "name": {
        "formatted": "Ms. Barbara J Jensen III",
        "familyName": "Jensen",
        "givenName": "Barbara",
    },
}


@pytest.fixture
def scim(personas) -> Scim:
    return Scim(token_for(personas))


def bjensen(**more) -> dict:
    """RFC 7644's Barbara Jensen with what the registry needs of everyone: an e-mail and a
    telephone (as in RFC 7643 §8.2's full representation, with a number that exists)."""
    return {
        **RFC_7644_CREATE,
        "emails": [{"value": "bjensen@example.com", "type": "work", "primary": True}],
        "phoneNumbers": [{"value": "+1 416 555 0199", "type": "work"}],
        **more,
    }


def test_the_rfc_create_is_refused_with_the_registrys_sentences_for_what_it_lacks(scim):
    detail = assert_scim_error(scim.post("Users", RFC_7644_CREATE), 400, "invalidValue")
    assert "e-mail" in detail.lower() and "telephone" in detail.lower()
    assert not Person.objects.filter(last_name="Jensen").exists()


def test_the_rfc_create_with_an_email_and_telephone_registers_a_member(
    scim, personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = scim.post("Users", bjensen())
    assert created.status_code == 201, created.body
    assert created["Content-Type"] == CONTENT_TYPE
    body = created.body
    person = Person.objects.get(person_id=int(body["id"]))
    assert (person.first_name, person.last_name, person.phone) == (
        "Barbara",
        "Jensen",
        "+14165550199",
    )
    assert Membership.objects.filter(organization=personas.northwind, person=person).exists()
    assert body["userName"] == "bjensen" and body["externalId"] == "bjensen"
    assert body["emails"][0]["value"] == "bjensen@example.com" and body["active"] is True
    assert created["Location"] == body["meta"]["location"]
    assert body["meta"]["location"].endswith(f"/scim/v2/Users/{person.person_id}")
    # The registry's own invitation went out (registry.hooks.person_registered).
    assert any("bjensen@example.com" in m.to for m in mailoutbox)


def test_a_duplicate_email_is_409_uniqueness(scim, personas):
    taken = bjensen(emails=[{"value": "Erin@Northwind.example", "primary": True}])
    detail = assert_scim_error(scim.post("Users", taken), 409, "uniqueness")
    assert "already registered" in detail
    # Even when the person belongs to another organization (the registry's rule, not SCIM's).
    frank = bjensen(emails=[{"value": personas.person("frank").email}])
    assert_scim_error(scim.post("Users", frank), 409, "uniqueness")


def test_a_taken_user_name_is_409_uniqueness(scim):
    assert scim.post("Users", bjensen()).status_code == 201
    again = bjensen(
        emails=[{"value": "barbara@example.com"}], phoneNumbers=[{"value": "4165550198"}]
    )
    again["userName"] = "BJensen"
    assert "user name" in assert_scim_error(scim.post("Users", again), 409, "uniqueness")


def test_read_one_member_and_another_organizations_person_is_not_found(scim, personas):
    erin = personas.person("erin")
    one = scim.get(f"Users/{erin.person_id}")
    assert one.status_code == 200 and one.body["userName"] == erin.email
    assert one.body["groups"] == []
    frank = personas.person("frank")
    assert_scim_error(scim.get(f"Users/{frank.person_id}"), 404)
    assert_scim_error(scim.get("Users/not-a-number"), 404)
    for method in ("put", "patch"):
        assert_scim_error(getattr(scim, method)(f"Users/{frank.person_id}", bjensen()), 404)
    assert_scim_error(scim.delete(f"Users/{frank.person_id}"), 404)
    assert Membership.objects.filter(person=frank).exists()


def test_the_list_is_the_organizations_members_only(scim, personas):
    listed = scim.get("Users")
    assert listed.status_code == 200
    body = listed.body
    assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:ListResponse"]
    ids = {int(r["id"]) for r in body["Resources"]}
    members = set(
        Person.objects.filter(memberships__organization=personas.northwind).values_list(
            "person_id", flat=True
        )
    )
    assert ids == members and body["totalResults"] == len(members)
    assert personas.person("frank").person_id not in ids
    assert personas.person("ivan").person_id in ids  # a member of both


def test_paging_follows_startindex_and_count(scim):
    page = scim.get("Users?startIndex=2&count=2").body
    assert page["startIndex"] == 2 and page["itemsPerPage"] == 2 and len(page["Resources"]) == 2
    everyone = [r["id"] for r in scim.get("Users").body["Resources"]]
    assert [r["id"] for r in page["Resources"]] == everyone[1:3]
    assert scim.get("Users?count=0").body["Resources"] == []
    assert_scim_error(scim.get("Users?count=many"), 400, "invalidValue")


def test_filter_by_user_name_as_in_rfc_7644(scim, personas):
    scim.post("Users", bjensen())
    found = scim.get('Users?filter=userName eq "bjensen"').body
    assert found["totalResults"] == 1 and found["Resources"][0]["userName"] == "bjensen"
    # userName is case-insensitive (RFC 7643 §4.1.1); a member provisioned otherwise is
    # named by their e-mail.
    assert scim.get('Users?filter=userName eq "BJENSEN"').body["totalResults"] == 1
    alice = personas.person("alice")
    by_email_name = scim.get(f'Users?filter=userName eq "{alice.email.upper()}"').body
    assert [r["id"] for r in by_email_name["Resources"]] == [str(alice.person_id)]
    # Barbara's e-mail is not her userName.
    assert scim.get('Users?filter=userName eq "bjensen@example.com"').body["totalResults"] == 0


def test_filter_by_emails(scim, personas):
    erin = personas.person("erin")
    for text in (
        f'emails eq "{erin.email}"',
        f'emails.value eq "{erin.email.upper()}"',
        f'emails[value eq "{erin.email}"]',
        f'emails[type eq "work" and value eq "{erin.email}"]',
    ):
        found = scim.get("Users", data={"filter": text}).body
        assert [r["id"] for r in found["Resources"]] == [str(erin.person_id)], text
    # Another organization's person is not found by their e-mail either.
    frank = personas.person("frank")
    assert (
        scim.get("Users", data={"filter": f'emails eq "{frank.email}"'}).body["totalResults"] == 0
    )
    both = f'emails eq "{erin.email}" or userName eq "{personas.person("bob").email}"'
    assert scim.get("Users", data={"filter": both}).body["totalResults"] == 2


def test_a_filter_we_cannot_answer_is_invalid_filter(scim):
    assert_scim_error(scim.get("Users", data={"filter": 'title co "x"'}), 400, "invalidFilter")
    assert_scim_error(scim.get("Users", data={"filter": "userName eq"}), 400, "invalidFilter")


def test_the_list_runs_the_same_queries_whatever_the_number_of_members(scim, personas):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert scim.get("Users").status_code == 200
        return len(queries)

    count()  # the token's first use notes when it was used
    before = count()
    for n in range(5):
        register_person(
            personas.northwind,
            data={
                "first_name": f"Extra{n}",
                "last_name": "Member",
                "email": f"extra{n}@northwind.example",
                "phone": f"416555{1200 + n}",
            },
            actor=personas.alice,
        )
    # The token (1), its issuer's roles (1), then the members' count, the page, their roles
    # and their SCIM identities (4).
    assert count() == before == 6


def test_the_rfc_patch_replaces_what_the_identity_provider_owns(scim, personas):
    person_id = scim.post("Users", bjensen()).body["id"]
    # RFC 7644 §3.5.2.3's replace, on attributes SCIM owns here.
    patched = scim.patch(
        f"Users/{person_id}",
        patch_op(
            {"op": "replace", "path": "userName", "value": "barbara.jensen"},
            {"op": "replace", "value": {"externalId": "E-1001"}},
        ),
    )
    assert patched.status_code == 200, patched.body
    assert patched.body["userName"] == "barbara.jensen" and patched.body["externalId"] == "E-1001"
    identity = ScimIdentity.objects.get(person__person_id=int(person_id))
    assert (identity.user_name, identity.external_id) == ("barbara.jensen", "E-1001")
    removed = scim.patch(f"Users/{person_id}", patch_op({"op": "remove", "path": "externalId"}))
    assert removed.status_code == 200 and "externalId" not in removed.body
    identity.refresh_from_db()
    assert identity.external_id == ""


def test_contact_details_stay_the_persons_own(scim, personas):
    erin = personas.person("erin")
    detail = assert_scim_error(
        scim.patch(
            f"Users/{erin.person_id}",
            patch_op({"op": "replace", "path": "name.familyName", "value": "Smith"}),
        ),
        400,
        "mutability",
    )
    assert "Manage My Information" in detail and "family name" in detail
    erin.refresh_from_db()
    assert erin.last_name == "Walsh"
    # Sending them back as they are is fine (a PUT carries the whole resource).
    current = scim.get(f"Users/{erin.person_id}").body
    assert scim.put(f"Users/{erin.person_id}", current).status_code == 200


def test_a_patch_needs_the_patch_schema_and_operations(scim, personas):
    erin = personas.person("erin").person_id
    assert_scim_error(scim.patch(f"Users/{erin}", {"Operations": []}), 400, "invalidSyntax")
    assert_scim_error(scim.patch(f"Users/{erin}", patch_op()), 400, "invalidSyntax")
    bad_path = patch_op({"op": "replace", "path": 'emails[type eq "home"].value', "value": "x"})
    assert_scim_error(scim.patch(f"Users/{erin}", bad_path), 400, "invalidPath")
    groups = patch_op({"op": "add", "path": "groups", "value": [{"value": "primary_contact"}]})
    assert_scim_error(scim.patch(f"Users/{erin}", groups), 400, "mutability")
    assert_scim_error(scim.put("Users", {}), 405)


def test_attributes_the_portal_does_not_keep_are_ignored(scim, personas):
    erin = personas.person("erin")
    # RFC 7644 §3.5.2.3's replace without a path, with Erin's own e-mail.
    rfc = patch_op(
        {
            "op": "replace",
            "value": {
                "emails": [{"value": erin.email, "type": "work", "primary": True}],
                "nickname": "Babs",
            },
        },
        {
            "op": "add",
            "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
            "value": "Ops",
        },
    )
    answer = scim.patch(f"Users/{erin.person_id}", rfc)
    assert answer.status_code == 200, answer.body
    assert "nickName" not in answer.body and answer.body["emails"][0]["value"] == erin.email


def test_a_user_name_cannot_be_another_members_email(scim, personas):
    taken = bjensen(userName=personas.person("erin").email.upper())
    assert "user name" in assert_scim_error(scim.post("Users", taken), 409, "uniqueness")


def test_deactivating_a_member_removes_them_from_the_organization(scim, personas):
    erin = personas.person("erin")
    answer = scim.patch(
        f"Users/{erin.person_id}", patch_op({"op": "replace", "path": "active", "value": False})
    )
    assert answer.status_code == 200 and answer.body["active"] is False
    assert not Membership.objects.filter(organization=personas.northwind, person=erin).exists()
    assert_scim_error(scim.get(f"Users/{erin.person_id}"), 404)


def test_the_last_primary_contact_cannot_be_deprovisioned(scim, personas):
    alice = personas.person("alice")
    for response in (
        scim.patch(
            f"Users/{alice.person_id}", patch_op({"op": "replace", "value": {"active": False}})
        ),
        scim.delete(f"Users/{alice.person_id}"),
    ):
        detail = assert_scim_error(response, 409, "mutability")
        assert "only Primary Contact" in detail
    assert Membership.objects.filter(organization=personas.northwind, person=alice).exists()


def test_delete_deprovisions(scim, personas):
    erin = personas.person("erin")
    gone = scim.delete(f"Users/{erin.person_id}")
    assert gone.status_code == 204 and gone.content == b""
    assert not Membership.objects.filter(organization=personas.northwind, person=erin).exists()


def test_a_body_that_is_not_json_is_refused(scim):
    answer = scim.client.post(
        "/scim/v2/Users", data="{nope", content_type=CONTENT_TYPE, headers=scim.headers
    )
    answer.body = __import__("json").loads(answer.content)
    assert_scim_error(answer, 400, "invalidSyntax")
    form = scim.client.post("/scim/v2/Users", data={"a": "b"}, headers=scim.headers)
    form.body = __import__("json").loads(form.content)
    assert_scim_error(form, 415)
