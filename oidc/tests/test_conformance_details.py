"""Issue 22, findings 8 and 14: what a certified relying party checks. `prompt=none` answers an
error to the redirect URI (never a 500 or a page); discovery names every endpoint the portal
serves and only what it can honour; a replayed code ends the tokens of its first use."""

from urllib.parse import parse_qs, urlparse

import pytest

from oidc.tests.flows import REDIRECT_URI, authorize, code_from, exchange
from oidc.tests.test_tokens import introspect, userinfo

pytestmark = pytest.mark.django_db


def _error_at_the_redirect_uri(response) -> dict:
    assert response.status_code == 302, (response.status_code, response.content[:300])
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    query = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert "code" not in query
    return query


def test_prompt_none_for_a_person_without_a_grant_answers_access_denied_to_the_client(
    client, personas, metering
):
    client.force_login(personas.erin)
    response, _ = authorize(client, metering, prompt="none", state="s-1")
    query = _error_at_the_redirect_uri(response)
    assert query["error"] == "access_denied" and query["state"] == "s-1"
    assert "Metering Data" in query["error_description"]


def test_prompt_none_for_an_anonymous_visitor_answers_login_required_to_the_client(
    client, metering, grant_metering
):
    response, _ = authorize(client, metering, prompt="none", state="s-2")
    query = _error_at_the_redirect_uri(response)
    assert query["error"] == "login_required" and query["state"] == "s-2"


def test_prompt_none_with_a_grant_signs_in_without_a_page(
    client, personas, metering, grant_metering
):
    client.force_login(personas.erin)
    response, verifier = authorize(client, metering, prompt="none")
    assert exchange(client, metering, code_from(response), verifier).status_code == 200


def test_discovery_names_revocation_and_introspection_and_only_what_is_honoured(client):
    doc = client.get("/.well-known/openid-configuration").json()
    assert doc["revocation_endpoint"] == "http://testserver/o/revoke_token/"
    assert doc["introspection_endpoint"] == "http://testserver/o/introspect/"
    assert doc["id_token_signing_alg_values_supported"] == ["RS256"]
    assert {"sub", "name", "email", "person_id", "organizations"} <= set(doc["claims_supported"])


def test_a_replayed_code_revokes_the_tokens_of_its_first_use(
    client, personas, metering, grant_metering
):
    client.force_login(personas.erin)
    response, verifier = authorize(client, metering)
    code = code_from(response)
    first = exchange(client, metering, code, verifier).json()
    assert userinfo(client, first["access_token"]).status_code == 200
    again = exchange(client, metering, code, verifier)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"
    assert userinfo(client, first["access_token"]).status_code == 401
    assert introspect(client, metering, first["access_token"]) == {"active": False}
    refreshed = client.post(
        "/o/token/",
        {
            "grant_type": "refresh_token",
            "refresh_token": first["refresh_token"],
            "client_id": metering.client_id,
            "client_secret": metering.secret,
        },
    )
    assert refreshed.status_code == 400
