"""The OAuth steps a relying party takes, driven through Django's test client."""

import base64
import hashlib
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlparse

from oidc.services import register_client
from systems.models import InformationSystem

REDIRECT_URI = "http://rp.example/callback"
LOGOUT_URI = "http://rp.example/signed-out"


@dataclass
class Client:
    client_id: str
    secret: str | None
    system: InformationSystem


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    return verifier, challenge.rstrip(b"=").decode()


def register(system_code: str, *, actor, confidential: bool = True, redirect=REDIRECT_URI):
    system = InformationSystem.objects.get(code=system_code)
    client, secret = register_client(
        system,
        redirect_uris=[redirect],
        post_logout_redirect_uris=[LOGOUT_URI],
        confidential=confidential,
        actor=actor,
    )
    return Client(client.application.client_id, secret, system)


def authorize_params(client: Client, **overrides) -> dict:
    verifier, challenge = pkce_pair()
    params = {
        "response_type": "code",
        "client_id": client.client_id,
        "redirect_uri": REDIRECT_URI,
        "scope": "openid profile email organizations",
        "state": secrets.token_urlsafe(8),
        "nonce": secrets.token_urlsafe(8),
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        "_verifier": verifier,
    }
    params.update(overrides)
    return {k: v for k, v in params.items() if v is not None}


def authorize(http, client: Client, **overrides):
    """GET the authorization endpoint; returns (response, verifier)."""
    params = authorize_params(client, **overrides)
    verifier = params.pop("_verifier")
    return http.get("/o/authorize/?" + urlencode(params)), verifier


def code_from(response) -> str:
    assert response.status_code == 302, response.content[:500]
    location = urlparse(response["Location"])
    assert f"{location.scheme}://{location.netloc}{location.path}" == REDIRECT_URI
    return parse_qs(location.query)["code"][0]


def exchange(http, client: Client, code: str, verifier: str | None, **more):
    data = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": REDIRECT_URI,
        "client_id": client.client_id,
        **({"client_secret": client.secret} if client.secret else {}),
        **({"code_verifier": verifier} if verifier else {}),
        **more,
    }
    return http.post("/o/token/", data)


def sign_in(http, client: Client, user) -> dict:
    """The whole code flow for `user`; returns the token response."""
    http.force_login(user)
    response, verifier = authorize(http, client)
    answer = exchange(http, client, code_from(response), verifier)
    assert answer.status_code == 200, answer.content
    return answer.json()


def refresh(http, client: Client, refresh_token: str):
    return http.post(
        "/o/token/",
        {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": client.client_id,
            **({"client_secret": client.secret} if client.secret else {}),
        },
    )
