"""Discovery at the site root, the published keys, and key rotation."""

import base64
import json

import pytest
from jwcrypto import jwk, jwt

from oidc.keys import generate_private_key_pem
from oidc.tests.flows import sign_in

pytestmark = pytest.mark.django_db


def test_discovery_is_served_at_the_site_root_with_the_portals_endpoints(client):
    response = client.get("/.well-known/openid-configuration")
    assert response.status_code == 200
    doc = response.json()
    assert doc["issuer"] == "http://testserver"
    assert doc["authorization_endpoint"] == "http://testserver/o/authorize/"
    assert doc["token_endpoint"] == "http://testserver/o/token/"
    assert doc["userinfo_endpoint"] == "http://testserver/o/userinfo/"
    assert doc["jwks_uri"] == "http://testserver/o/jwks/"
    assert doc["end_session_endpoint"] == "http://testserver/o/logout/"
    assert doc["code_challenge_methods_supported"] == ["S256"]
    assert "RS256" in doc["id_token_signing_alg_values_supported"]
    assert "code" in doc["response_types_supported"]


def test_the_jwks_publishes_the_signing_key_without_its_private_part(client):
    keys = client.get("/o/jwks/").json()["keys"]
    assert len(keys) == 1
    assert keys[0]["kty"] == "RSA" and keys[0]["alg"] == "RS256" and keys[0]["kid"]
    assert "d" not in keys[0] and "p" not in keys[0]


def kid(token: str) -> str:
    header = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(header + "=" * (-len(header) % 4)))["kid"]


def _verify(client, token: str) -> dict:
    keys = jwk.JWKSet.from_json(client.get("/o/jwks/").content)
    return json.loads(jwt.JWT(jwt=token, key=keys, algs=["RS256"]).claims)


def test_after_key_rotation_old_tokens_stay_verifiable_and_new_ones_use_the_new_key(
    client, personas, metering, grant_metering, settings
):
    old_key, new_key = generate_private_key_pem(), generate_private_key_pem()
    settings.OAUTH2_PROVIDER = {**settings.OAUTH2_PROVIDER, "OIDC_RSA_PRIVATE_KEY": old_key}
    before = sign_in(client, metering, personas.erin)["id_token"]

    settings.OAUTH2_PROVIDER = {
        **settings.OAUTH2_PROVIDER,
        "OIDC_RSA_PRIVATE_KEY": new_key,
        "OIDC_RSA_PRIVATE_KEYS_INACTIVE": [old_key],
    }
    assert len(client.get("/o/jwks/").json()["keys"]) == 2
    assert _verify(client, before)["name"] == "Erin Walsh"
    after = sign_in(client, metering, personas.erin)["id_token"]
    assert kid(after) != kid(before)
    assert kid(after) == jwk.JWK.from_pem(new_key.encode()).thumbprint()
    assert _verify(client, after)["name"] == "Erin Walsh"

    settings.OAUTH2_PROVIDER = {
        **settings.OAUTH2_PROVIDER,
        "OIDC_RSA_PRIVATE_KEYS_INACTIVE": [],
    }
    with pytest.raises(Exception):  # the retired key dropped: its tokens no longer verify
        _verify(client, before)
