"""SCIM tokens: issued and revoked by the organization's Primary Contacts and Rights
Administrators (service and page), scoped to SCIM and to one organization."""

import time

import pytest
from django.test import Client

from apitokens.services import create_api_token
from core.errors import Forbidden, NotFound
from core.reauth import AUTHENTICATED_AT
from core.testing import last_audit
from registry.models import RoleType
from registry.services import add_contact, remove_contact
from scim.models import ScimToken
from scim.services import issue_scim_token, revoke_scim_token
from scim.tests.helpers import Scim, assert_scim_error, token_for

pytestmark = pytest.mark.django_db


def signed_in(personas, name: str) -> Client:
    client = Client()
    client.force_login(getattr(personas, name))
    session = client.session
    session[AUTHENTICATED_AT] = time.time()
    session.save()
    return client


@pytest.mark.parametrize("issuer", ["alice", "dave"])
def test_a_primary_contact_or_rights_administrator_issues_a_token(personas, issuer):
    token, secret = issue_scim_token(
        personas.northwind, data={"name": "Entra ID"}, actor=getattr(personas, issuer)
    )
    assert secret.startswith("oscim_") and token.prefix == secret[:12]
    assert secret not in token.digest and len(token.digest) == 64
    entry = last_audit("scim_token.issued")
    assert entry.org_id == personas.northwind.org_id and "Entra ID" in entry.target_label


@pytest.mark.parametrize("persona", ["bob", "carol", "erin"])
def test_other_members_may_not_issue_one(personas, persona):
    with pytest.raises(Forbidden, match="Only the Primary Contacts and Rights Administrators"):
        issue_scim_token(personas.northwind, data={"name": "x"}, actor=getattr(personas, persona))
    assert not ScimToken.objects.exists()


def test_the_page_issues_a_token_shows_it_once_and_revokes_it(personas):
    org = personas.northwind.org_id
    client = signed_in(personas, "alice")
    page = client.get(f"/organizations/{org}/scim/")
    assert page.status_code == 200 and "Issue token" in page.content.decode()
    issued = client.post(f"/organizations/{org}/scim/issue/", {"name": "Okta"})
    assert issued.status_code == 200
    secret = next(
        w
        for w in issued.content.decode().replace("<", " ").replace(">", " ").split()
        if w.startswith("oscim_")
    )
    assert Scim(secret).get("Users").status_code == 200
    token = ScimToken.objects.get(organization=personas.northwind)
    listing = client.get(f"/organizations/{org}/scim/").content.decode()
    assert secret not in listing and token.prefix in listing  # shown once
    revoked = client.post(f"/organizations/{org}/scim/{token.pk}/revoke/")
    assert revoked.status_code == 302
    assert_scim_error(Scim(secret).get("Users"), 401)


def test_the_page_says_why_to_other_members_and_is_hidden_from_outsiders(personas):
    org = personas.northwind.org_id
    page = signed_in(personas, "bob").get(f"/organizations/{org}/scim/").content.decode()
    assert "Only the Primary Contacts and Rights Administrators" in page
    assert signed_in(personas, "frank").get(f"/organizations/{org}/scim/").status_code == 404
    assert signed_in(personas, "bob").post(f"/organizations/{org}/scim/issue/", {"name": "x"})
    assert not ScimToken.objects.exists()


def test_an_empty_name_is_shown_on_the_page(personas):
    org = personas.northwind.org_id
    page = signed_in(personas, "alice").post(f"/organizations/{org}/scim/issue/", {"name": " "})
    assert page.status_code == 422 and "Give the token a name." in page.content.decode()


def test_another_organizations_token_cannot_be_revoked(personas):
    token, _ = issue_scim_token(personas.lakeshore, data={"name": "x"}, actor=personas.frank)
    assert (
        signed_in(personas, "alice")
        .post(f"/organizations/{personas.lakeshore.org_id}/scim/{token.pk}/revoke/")
        .status_code
        == 404
    )
    assert (
        signed_in(personas, "alice")
        .post(f"/organizations/{personas.northwind.org_id}/scim/{token.pk}/revoke/")
        .status_code
        == 404
    )
    with pytest.raises(Forbidden):
        revoke_scim_token(token, actor=personas.alice)
    token.refresh_from_db()
    assert token.revoked_at is None


def test_no_token_a_wrong_one_or_a_revoked_one_is_401(personas):
    assert_scim_error(Scim(None).get("Users"), 401)
    assert Scim(None).get("Users")["WWW-Authenticate"].startswith("Bearer")
    assert_scim_error(Scim("oscim_nope").get("Users"), 401)
    token, secret = issue_scim_token(personas.northwind, data={"name": "x"}, actor=personas.alice)
    revoke_scim_token(token, actor=personas.dave)
    assert_scim_error(Scim(secret).get("Groups"), 401)


def test_a_token_stops_when_its_issuer_loses_the_role(personas):
    primary_contact = RoleType.objects.get(code="primary_contact")
    add_contact(personas.northwind, personas.person("erin"), primary_contact, actor=personas.alice)
    secret = token_for(personas, "erin")
    assert Scim(secret).get("Users").status_code == 200
    remove_contact(
        personas.northwind, personas.person("erin"), primary_contact, actor=personas.alice
    )
    assert_scim_error(Scim(secret).get("Users"), 401)


def test_a_scim_token_is_not_an_api_token_and_the_reverse(personas):
    secret = token_for(personas)
    api = Client().get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert api.status_code == 401
    _, personal = create_api_token(personas.alice, data={"name": "mine"}, actor=personas.alice)
    assert_scim_error(Scim(personal).get("Users"), 401)


def test_each_organizations_token_sees_its_own_members(personas):
    lakeshore = Scim(token_for(personas, "frank", "lakeshore"))
    ids = {r["id"] for r in lakeshore.get("Users").body["Resources"]}
    assert str(personas.person("frank").person_id) in ids
    assert str(personas.person("alice").person_id) not in ids
    assert_scim_error(lakeshore.get(f"Users/{personas.person('alice').person_id}"), 404)


def test_a_missing_token_id_is_not_found(personas):
    from scim.access import get_scim_token_for

    with pytest.raises(NotFound):
        get_scim_token_for(personas.alice, personas.northwind, 999999)


@pytest.mark.parametrize(("persona", "offered"), [("alice", True), ("dave", True), ("bob", False)])
def test_the_organization_page_offers_scim_provisioning_to_those_who_issue_tokens(
    personas, persona, offered
):
    page = signed_in(personas, persona).get(f"/organizations/{personas.northwind.org_id}/")
    assert page.status_code == 200
    assert ("SCIM provisioning" in page.content.decode()) is offered


def test_lakeshores_token_finds_and_changes_nothing_of_northwind(personas):
    from audit.models import AuditEntry
    from scim.tests.helpers import patch_op

    lakeshore = Scim(token_for(personas, "frank", "lakeshore"))
    erin = personas.person("erin").person_id
    deactivate = patch_op({"op": "replace", "path": "active", "value": False})
    join = patch_op({"op": "add", "path": "members", "value": [{"value": str(erin)}]})
    done_before = AuditEntry.objects.filter(outcome="done").count()
    for response in (
        lakeshore.get(f"Users/{erin}"),
        lakeshore.put(f"Users/{erin}", {"userName": "mine", "active": False}),
        lakeshore.patch(f"Users/{erin}", deactivate),
        lakeshore.delete(f"Users/{erin}"),
        lakeshore.patch("Groups/settlement_contact", join),
    ):
        assert_scim_error(response, 404)
    assert AuditEntry.objects.filter(outcome="done").count() == done_before
    listed = lakeshore.get("Groups/primary_contact").body
    assert [m["value"] for m in listed["members"]] == [str(personas.person("frank").person_id)]
