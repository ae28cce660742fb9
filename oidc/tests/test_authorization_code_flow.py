"""Conformance of the authorization code flow: PKCE, redirect URIs, codes, sign-in reuse,
and the refusal of a person without access."""

import json
from urllib.parse import parse_qs, urlparse

import pytest
from jwcrypto import jwk, jwt

from audit.models import AuditEntry
from conftest import DEMO_PASSWORD
from oidc.tests.flows import REDIRECT_URI, authorize, code_from, exchange, register, sign_in

pytestmark = pytest.mark.django_db


def id_token_claims(client, token: str, audience: str) -> dict:
    keys = jwk.JWKSet.from_json(client.get("/o/jwks/").content)
    verified = jwt.JWT(
        jwt=token, key=keys, algs=["RS256"], expected_type="JWS",
        check_claims={"iss": "http://testserver", "aud": audience, "exp": None},
    )  # fmt: skip
    return json.loads(verified.claims)


def test_an_anonymous_visitor_is_sent_to_the_portals_own_sign_in_page(
    client, metering, grant_metering
):
    response, _ = authorize(client, metering)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=/o/authorize/")


def test_signing_in_on_the_portals_page_continues_to_the_system(
    client, personas, metering, grant_metering
):
    response, verifier = authorize(client, metering)
    next_url = parse_qs(urlparse(response["Location"]).query)["next"][0]
    signed_in = client.post(
        "/login/", {"username": "erin", "password": DEMO_PASSWORD, "next": next_url}
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == next_url
    answer = exchange(client, metering, code_from(client.get(next_url)), verifier)
    assert answer.status_code == 200
    assert {"access_token", "refresh_token", "id_token"} <= set(answer.json())


def test_a_locked_account_does_not_get_through_to_the_system(
    client, personas, metering, grant_metering, settings
):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/login/", {"username": "erin", "password": "wrong-password-here"})
    response = client.post(
        "/login/", {"username": "erin", "password": DEMO_PASSWORD, "next": "/o/authorize/"}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code != 302 or "/o/authorize/" not in response["Location"]


def test_erin_receives_her_metering_access_in_the_id_token(
    client, personas, metering, grant_metering
):
    tokens = sign_in(client, metering, personas.erin)
    claims = id_token_claims(client, tokens["id_token"], metering.client_id)
    assert claims["name"] == "Erin Walsh"
    assert claims["email"] == personas.person("erin").email
    assert claims["email_verified"] is False  # the demo accounts were not set up by e-mail
    assert claims["person_id"] == personas.person("erin").person_id
    assert claims["system"] == "metering"
    assert claims["organizations"] == [
        {
            "org_id": personas.northwind.org_id,
            "legal_name": "Northwind Power Corp.",
            "roles": [],
            "access_level": "read",
            "access_expires": None,
        }
    ]
    assert "nonce" in claims


def test_the_subject_is_stable_and_reveals_neither_account_nor_person_id(
    client, personas, metering, grant_metering
):
    first = id_token_claims(
        client, sign_in(client, metering, personas.erin)["id_token"], metering.client_id
    )
    second = id_token_claims(
        client, sign_in(client, metering, personas.erin)["id_token"], metering.client_id
    )
    assert first["sub"] == second["sub"]
    assert len(first["sub"]) >= 32
    assert str(personas.person("erin").person_id) not in first["sub"]
    assert "erin" not in first["sub"].lower()


def test_a_person_with_no_grant_is_refused_with_a_clear_page_and_no_code(
    client, personas, metering
):
    client.force_login(personas.erin)
    response, _ = authorize(client, metering)
    assert response.status_code == 403
    page = response.content.decode()
    assert "You cannot sign in to Metering Data" in page
    assert "Rights Administrator" in page and "Request Access" in page
    refusal = AuditEntry.objects.filter(action="oidc.sign_in").latest("pk")
    assert refusal.outcome == "refused" and refusal.actor == personas.erin


def test_operator_staff_without_a_person_are_refused_too(client, personas, metering):
    client.force_login(personas.staff)
    response, _ = authorize(client, metering)
    assert response.status_code == 403


def test_a_grant_for_another_system_does_not_open_this_one(
    client, personas, metering, grant_metering
):
    settlements = register("settlements", actor=personas.staff, redirect=REDIRECT_URI)
    client.force_login(personas.erin)
    response, _ = authorize(client, settlements)
    assert response.status_code == 403


def test_a_request_without_pkce_is_refused(client, personas, metering, grant_metering):
    client.force_login(personas.erin)
    response, _ = authorize(client, metering, code_challenge=None, code_challenge_method=None)
    assert response.status_code == 302
    query = parse_qs(urlparse(response["Location"]).query)
    assert query["error"] == ["invalid_request"]
    assert "code" not in query


def test_a_plain_pkce_challenge_is_refused(client, personas, metering, grant_metering):
    client.force_login(personas.erin)
    response, _ = authorize(
        client, metering, code_challenge="x" * 43, code_challenge_method="plain"
    )
    assert "code" not in parse_qs(urlparse(response.get("Location", "")).query)


def test_the_code_is_refused_with_a_wrong_or_missing_verifier(
    client, personas, metering, grant_metering
):
    client.force_login(personas.erin)
    response, _ = authorize(client, metering)
    code = code_from(response)
    assert exchange(client, metering, code, "a-wrong-verifier-" + "x" * 40).status_code == 400
    response, _ = authorize(client, metering)
    answer = exchange(client, metering, code_from(response), None)
    assert answer.status_code == 400


def test_a_redirect_uri_that_does_not_match_exactly_is_refused_at_the_provider(
    client, personas, metering, grant_metering
):
    client.force_login(personas.erin)
    for wrong in (
        "http://evil.example/callback",
        REDIRECT_URI + "/more",
        REDIRECT_URI + "?next=http://evil.example",
    ):
        response, _ = authorize(client, metering, redirect_uri=wrong)
        assert response.status_code == 400, wrong  # an error page here, never a redirect
        assert "evil.example" not in response.get("Location", "")


def test_the_token_request_must_name_the_same_redirect_uri(
    client, personas, metering, grant_metering
):
    client.force_login(personas.erin)
    response, verifier = authorize(client, metering)
    answer = exchange(
        client, metering, code_from(response), verifier, redirect_uri="http://rp.example/other"
    )
    assert answer.status_code == 400


def test_a_code_is_used_once(client, personas, metering, grant_metering):
    client.force_login(personas.erin)
    response, verifier = authorize(client, metering)
    code = code_from(response)
    assert exchange(client, metering, code, verifier).status_code == 200
    again = exchange(client, metering, code, verifier)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"


def test_a_code_is_refused_to_another_client(client, personas, metering, grant_metering):
    other = register("mpi", actor=personas.staff)
    client.force_login(personas.erin)
    response, verifier = authorize(client, metering)
    assert exchange(client, other, code_from(response), verifier).status_code in (400, 401)


def test_the_wrong_client_secret_is_refused(client, personas, metering, grant_metering):
    client.force_login(personas.erin)
    response, verifier = authorize(client, metering)
    answer = exchange(client, metering, code_from(response), verifier, client_secret="nope")
    assert answer.status_code == 401


def test_a_public_client_signs_in_with_pkce_and_no_secret(client, personas, grant_metering):
    public = register("metering", actor=personas.staff, confidential=False)
    assert public.secret is None
    tokens = sign_in(client, public, personas.erin)
    assert tokens["id_token"]


def test_a_grant_revoked_between_authorization_and_exchange_stops_the_exchange(
    client, personas, metering, grant_metering
):
    from systems.services import revoke_access

    client.force_login(personas.erin)
    response, verifier = authorize(client, metering)
    code = code_from(response)
    revoke_access(personas.northwind, grant_metering, actor=personas.dave)
    assert exchange(client, metering, code, verifier).status_code == 400


def test_a_successful_sign_in_is_audited_with_the_system_and_levels(
    client, personas, metering, grant_metering
):
    sign_in(client, metering, personas.erin)
    entry = AuditEntry.objects.filter(action="oidc.signed_in").latest("pk")
    assert entry.actor == personas.erin
    assert entry.details["system"] == "metering"
    assert entry.details["levels"] == {f"{personas.northwind.org_id}": "read"}


def test_a_sign_in_marks_the_grant_that_let_them_in_as_used(
    client, personas, metering, grant_metering
):
    from systems.models import AccessGrant

    grant = AccessGrant.objects.get(person=personas.erin.person, system__code="metering")
    assert grant.last_used_at is None
    sign_in(client, metering, personas.erin)
    grant.refresh_from_db()
    assert grant.last_used_at is not None
    others = AccessGrant.objects.exclude(pk=grant.pk).exclude(last_used_at=None)
    assert not others.exists()  # only the grant that was used
