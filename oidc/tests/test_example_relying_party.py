"""The example relying party (examples/oidc_relying_party.py) signs Erin in through the
provider, both running for real on 127.0.0.1."""

import re
import sys
import threading
from pathlib import Path
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
import requests

from conftest import DEMO_PASSWORD
from oidc.services import register_client
from systems.models import InformationSystem
from systems.services import grant_access, revoke_access

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples"))
from oidc_relying_party import RelyingParty, make_app  # noqa: E402


class _Quiet(WSGIRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def relying_party_server():
    """The example's pages on a free port of 127.0.0.1; the app is set once registered."""
    holder = {}
    server = make_server(
        "127.0.0.1", 0, lambda env, start: holder["app"](env, start), handler_class=_Quiet
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server, holder
    server.shutdown()
    server.server_close()


def sign_in_through_the_system(rp_base: str, username: str) -> requests.Response:
    """A browser: opens the system, lands on the portal's sign-in page, signs in."""
    browser = requests.Session()
    page = browser.get(f"{rp_base}/login", timeout=30)
    assert page.status_code == 200 and "/login/" in page.url, page.url
    next_url = re.search(r'name="next" value="([^"]+)"', page.text).group(1).replace("&amp;", "&")
    return browser.post(
        page.url.split("?")[0],
        {
            "username": username,
            "password": DEMO_PASSWORD,
            "next": next_url,
            "csrfmiddlewaretoken": browser.cookies["csrftoken"],
        },
        timeout=30,
    )


@pytest.mark.django_db(transaction=True)
def test_erin_signs_in_to_metering_and_is_refused_once_her_grant_is_revoked(
    live_server, live_personas, relying_party_server
):
    server, holder = relying_party_server
    issuer = live_server.url.replace("localhost", "127.0.0.1")
    rp_base = f"http://127.0.0.1:{server.server_port}"
    metering = InformationSystem.objects.get(code="metering")
    client, secret = register_client(
        metering, redirect_uris=[f"{rp_base}/callback"], actor=live_personas.staff
    )
    rp = RelyingParty(issuer, client.application.client_id, secret, f"{rp_base}/callback")
    holder["app"] = make_app(rp)
    grant = grant_access(
        live_personas.northwind,
        live_personas.person("erin"),
        metering,
        level="read",
        actor=live_personas.dave,
    )

    landed = sign_in_through_the_system(rp_base, "erin")
    assert landed.status_code == 200, landed.text[:500]
    assert landed.url.startswith(f"{rp_base}/callback")
    claims = landed.json()
    assert claims["iss"] == issuer and claims["aud"] == client.application.client_id
    assert claims["name"] == "Erin Walsh"
    assert claims["system"] == "metering"
    assert claims["organizations"] == [
        {
            "org_id": live_personas.northwind.org_id,
            "legal_name": "Northwind Power Corp.",
            "roles": [],
            "access_level": "read",
            "access_expires": None,
        }
    ]

    revoke_access(live_personas.northwind, grant, actor=live_personas.dave)
    refused = sign_in_through_the_system(rp_base, "erin")
    assert refused.status_code == 403
    assert refused.url.startswith(f"{issuer}/o/authorize/")
    assert "You cannot sign in to Metering Data" in refused.text
    assert len(rp.pending) == 1  # the second attempt never came back to the system with a code
