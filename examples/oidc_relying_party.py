"""A small relying party: one of the operator's systems signing people in with the portal.

    python examples/oidc_relying_party.py ISSUER CLIENT_ID CLIENT_SECRET [PORT]

Open http://127.0.0.1:PORT/login: the portal signs you in (its own page, lockout and all) and
sends you back here with a code; this app exchanges it (PKCE), verifies the ID token against
the provider's published keys, and shows the claims: who you are, your organizations, your
roles, and the level this system may let you use on behalf of each. Authlib does the OAuth
work, joserfc (Authlib's JOSE library) checks the token.
"""

import json
import secrets
import sys
from urllib.parse import parse_qs
from wsgiref.simple_server import make_server

import requests
from authlib.integrations.requests_client import OAuth2Session
from joserfc import jwt
from joserfc.jwk import KeySet


class RelyingParty:
    def __init__(self, issuer: str, client_id: str, client_secret: str | None, redirect_uri: str):
        self.meta = requests.get(f"{issuer}/.well-known/openid-configuration", timeout=10).json()
        self.client_id, self.client_secret = client_id, client_secret
        self.redirect_uri = redirect_uri
        self.pending: dict[str, tuple[str, str]] = {}  # state -> (code verifier, nonce)

    def _session(self) -> OAuth2Session:
        return OAuth2Session(
            self.client_id, self.client_secret, scope="openid profile email organizations",
            redirect_uri=self.redirect_uri, code_challenge_method="S256",
        )  # fmt: skip

    def login_url(self) -> str:
        verifier, nonce = secrets.token_urlsafe(48), secrets.token_urlsafe(16)
        url, state = self._session().create_authorization_url(
            self.meta["authorization_endpoint"], code_verifier=verifier, nonce=nonce
        )
        self.pending[state] = (verifier, nonce)
        return url

    def callback(self, url: str, state: str) -> dict:
        verifier, nonce = self.pending.pop(state)
        tokens = self._session().fetch_token(
            self.meta["token_endpoint"], authorization_response=url, code_verifier=verifier,
            state=state,
        )  # fmt: skip
        keys = KeySet.import_key_set(requests.get(self.meta["jwks_uri"], timeout=10).json())
        claims = jwt.decode(tokens["id_token"], keys, algorithms=["RS256"]).claims
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": self.meta["issuer"]},
            aud={"essential": True, "value": self.client_id},
            nonce={"essential": True, "value": nonce},
        ).validate(claims)
        return {"id_token": claims, "tokens": tokens}


def make_app(rp: RelyingParty):
    """The system's pages: /login starts single sign-on, /callback shows who signed in."""

    def app(environ, start_response):
        path, query = environ["PATH_INFO"], environ.get("QUERY_STRING", "")
        if path == "/login":
            start_response("302 Found", [("Location", rp.login_url())])
            return [b""]
        if path == "/callback":
            state = parse_qs(query).get("state", [""])[0]
            if state not in rp.pending:
                start_response("400 Bad Request", [("Content-Type", "text/plain")])
                return [b"Unknown or reused sign-in attempt."]
            result = rp.callback(f"{rp.redirect_uri}?{query}", state)
            start_response("200 OK", [("Content-Type", "application/json")])
            return [json.dumps(result["id_token"]).encode()]
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"Try /login"]

    return app


if __name__ == "__main__":
    issuer, client_id, secret, *rest = sys.argv[1:]
    port = int(rest[0]) if rest else 8001
    relying_party = RelyingParty(issuer, client_id, secret, f"http://127.0.0.1:{port}/callback")
    print(f"Open http://127.0.0.1:{port}/login")
    make_server("127.0.0.1", port, make_app(relying_party)).serve_forever()
