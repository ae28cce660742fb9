"""Conformance of what follows sign-in: userinfo, refresh rotation, revocation,
introspection, RP-initiated logout, and the claims each persona receives."""

import base64
from urllib.parse import urlencode

import pytest

from oidc.tests.flows import LOGOUT_URI, refresh, register, sign_in
from systems.models import InformationSystem
from systems.services import grant_access, revoke_access

pytestmark = pytest.mark.django_db


def basic(client_) -> str:
    pair = f"{client_.client_id}:{client_.secret}".encode()
    return "Basic " + base64.b64encode(pair).decode()


def introspect(http, caller, token: str) -> dict:
    response = http.post("/o/introspect/", {"token": token}, HTTP_AUTHORIZATION=basic(caller))
    assert response.status_code == 200, response.content
    return response.json()


def userinfo(http, access_token: str):
    return http.get("/o/userinfo/", HTTP_AUTHORIZATION=f"Bearer {access_token}")


def test_userinfo_answers_the_same_claims_as_the_id_token(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    client.logout()
    info = userinfo(client, tokens["access_token"])
    assert info.status_code == 200
    claims = info.json()
    assert claims["name"] == "Erin Walsh" and claims["system"] == "metering"
    assert claims["organizations"][0]["access_level"] == "read"


def test_an_access_token_in_the_query_string_is_not_accepted(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    client.logout()
    response = client.get("/o/userinfo/?" + urlencode({"access_token": tokens["access_token"]}))
    assert response.status_code in (400, 401)


def test_refreshing_rotates_the_refresh_token_and_the_old_one_is_refused(
    client, personas, metering, grant_metering
):
    first = sign_in(client, metering, personas.erin)
    renewed = refresh(client, metering, first["refresh_token"])
    assert renewed.status_code == 200
    second = renewed.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert refresh(client, metering, first["refresh_token"]).status_code == 400


def test_replaying_an_old_refresh_token_ends_the_whole_family(
    client, personas, metering, grant_metering
):
    first = sign_in(client, metering, personas.erin)
    second = refresh(client, metering, first["refresh_token"]).json()
    assert refresh(client, metering, first["refresh_token"]).status_code == 400  # stolen copy
    assert refresh(client, metering, second["refresh_token"]).status_code == 400


def test_a_grant_revoked_mid_session_stops_refresh(client, personas, metering, grant_metering):
    tokens = sign_in(client, metering, personas.erin)
    revoke_access(personas.northwind, grant_metering, actor=personas.dave)
    answer = refresh(client, metering, tokens["refresh_token"])
    assert answer.status_code == 400
    assert answer.json()["error"] == "invalid_grant"


def test_a_refresh_token_is_refused_to_another_client(client, personas, metering, grant_metering):
    other = register("mpi", actor=personas.staff)
    tokens = sign_in(client, metering, personas.erin)
    assert refresh(client, other, tokens["refresh_token"]).status_code in (400, 401)


def test_a_revoked_access_token_is_refused_and_introspects_inactive(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    client.logout()
    revoked = client.post(
        "/o/revoke_token/",
        {"token": tokens["access_token"], "token_type_hint": "access_token"},
        HTTP_AUTHORIZATION=basic(metering),
    )
    assert revoked.status_code == 200
    assert userinfo(client, tokens["access_token"]).status_code == 401
    assert introspect(client, metering, tokens["access_token"]) == {"active": False}


def test_a_revoked_refresh_token_cannot_be_used(client, personas, metering, grant_metering):
    tokens = sign_in(client, metering, personas.erin)
    client.post(
        "/o/revoke_token/",
        {"token": tokens["refresh_token"], "token_type_hint": "refresh_token"},
        HTTP_AUTHORIZATION=basic(metering),
    )
    assert refresh(client, metering, tokens["refresh_token"]).status_code == 400


def test_introspection_describes_a_live_token_to_its_own_system(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    answer = introspect(client, metering, tokens["access_token"])
    assert answer["active"] is True
    assert answer["client_id"] == metering.client_id
    assert answer["username"] == "erin"
    assert set(answer["scope"].split()) >= {"openid", "organizations"}
    assert len(answer["sub"]) >= 32


def test_introspection_tells_another_system_nothing(client, personas, metering, grant_metering):
    other = register("mpi", actor=personas.staff)
    tokens = sign_in(client, metering, personas.erin)
    assert introspect(client, other, tokens["access_token"]) == {"active": False}


def test_introspection_needs_client_credentials(client, personas, metering, grant_metering):
    tokens = sign_in(client, metering, personas.erin)
    client.logout()
    response = client.post("/o/introspect/", {"token": tokens["access_token"]})
    assert response.status_code in (401, 403)


def test_a_token_of_a_person_whose_grant_was_revoked_introspects_inactive(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    revoke_access(personas.northwind, grant_metering, actor=personas.dave)
    assert introspect(client, metering, tokens["access_token"]) == {"active": False}


def test_rp_initiated_logout_signs_the_person_out_of_the_portal(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    assert "_auth_user_id" in client.session
    response = client.get(
        "/o/logout/?"
        + urlencode(
            {
                "id_token_hint": tokens["id_token"],
                "post_logout_redirect_uri": LOGOUT_URI,
                "client_id": metering.client_id,
                "state": "bye",
            }
        )
    )
    assert response.status_code == 302
    assert response["Location"].startswith(LOGOUT_URI)
    assert "_auth_user_id" not in client.session
    assert userinfo(client, tokens["access_token"]).status_code == 401


def test_logout_refuses_an_unregistered_post_logout_redirect(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    response = client.get(
        "/o/logout/?"
        + urlencode(
            {
                "id_token_hint": tokens["id_token"],
                "post_logout_redirect_uri": "http://evil.example/",
                "client_id": metering.client_id,
            }
        )
    )
    assert "evil.example" not in response.get("Location", "")


def test_claims_list_every_organization_with_roles_and_the_level_granted_in_each(
    client, personas, metering
):
    """Ivan is a member of Northwind and Rights Administrator of Lakeshore; Frank grants him
    metering submit for Lakeshore, and Northwind gives him nothing there."""
    grant_access(
        personas.lakeshore,
        personas.person("ivan"),
        InformationSystem.objects.get(code="metering"),
        level="submit",
        actor=personas.frank,
    )
    tokens = sign_in(client, metering, personas.ivan)
    orgs = {
        o["org_id"]: o for o in userinfo(client, tokens["access_token"]).json()["organizations"]
    }
    assert orgs[personas.lakeshore.org_id]["access_level"] == "submit"
    assert orgs[personas.lakeshore.org_id]["roles"] == ["rights_administrator"]
    assert orgs[personas.northwind.org_id]["access_level"] is None
    assert orgs[personas.northwind.org_id]["roles"] == []


def test_claims_carry_a_primary_contacts_roles(client, personas, metering):
    grant_access(
        personas.northwind,
        personas.person("alice"),
        InformationSystem.objects.get(code="metering"),
        level="read",
        actor=personas.dave,
    )
    tokens = sign_in(client, metering, personas.alice)
    claims = userinfo(client, tokens["access_token"]).json()
    assert claims["organizations"] == [
        {
            "org_id": personas.northwind.org_id,
            "legal_name": "Northwind Power Corp.",
            "roles": ["primary_contact"],
            "access_level": "read",
            "access_expires": None,
        }
    ]
    assert claims["person_id"] == personas.person("alice").person_id


def test_a_system_open_to_all_members_admits_members_at_its_lowest_level(
    client, personas, metering
):
    InformationSystem.objects.filter(code="metering").update(open_to_all=True)
    tokens = sign_in(client, metering, personas.erin)
    claims = userinfo(client, tokens["access_token"]).json()
    assert claims["organizations"][0]["access_level"] == "read"


def test_without_the_organizations_scope_the_access_claims_are_left_out(
    client, personas, metering, grant_metering
):
    from oidc.tests.flows import authorize, code_from, exchange

    client.force_login(personas.erin)
    response, verifier = authorize(client, metering, scope="openid")
    tokens = exchange(client, metering, code_from(response), verifier).json()
    claims = userinfo(client, tokens["access_token"]).json()
    assert set(claims) == {"sub"}


def test_userinfo_is_refused_once_the_grant_is_revoked(client, personas, metering, grant_metering):
    tokens = sign_in(client, metering, personas.erin)
    revoke_access(personas.northwind, grant_metering, actor=personas.dave)
    assert userinfo(client, tokens["access_token"]).status_code == 401
