"""A machine account's whole life in Chromium, at desktop and phone widths: Dave (Northwind's
Rights Administrator) requests one for Metering Data at submit level, owned by Alice; operator
staff approve the task (Dave is Northwind's only Rights Administrator, so the four eyes are
theirs); Dave issues the credentials, shown once. Then, outside the browser, the machine gets a
client-credentials token from the live server, the Metering Data system introspects it and
asks the check API: allowed, for Northwind, Metering Data, submit."""

import base64
import re

import pytest
import requests
from playwright.sync_api import expect

from apitokens import services as token_services
from core.testing import browser_sign_in, browser_sign_out
from oidc.services import register_client
from systems.models import InformationSystem, MachineAccount

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}
NAME = "Nightly meter upload"
PURPOSE = "Uploads the previous day's interval meter data every night at 02:00."


def basic(client_id: str, secret: str) -> dict:
    pair = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def http() -> requests.Session:
    """The machine's own HTTP client, straight to the live server (no proxy from the
    environment)."""
    session = requests.Session()
    session.trust_env = False
    return session


def fits(page) -> None:
    """No sideways scrolling at this width (WCAG 1.4.10)."""
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.viewport_size["width"], f"{page.url} is {wide} px wide"


def to_manage_access(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    page.get_by_role("link", name=re.compile("^Manage Access")).click()
    expect(page.get_by_role("heading", name="Machine accounts")).to_be_visible()


@pytest.fixture(params=list(WIDTHS))
def width(request, page) -> str:
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 900})
    return request.param


def test_dave_requests_staff_approve_dave_issues_and_the_machine_is_let_in(
    live_server, live_personas, page, artifacts, width
):
    base = live_server.url.replace("localhost", "127.0.0.1")
    northwind, alice = live_personas.northwind, live_personas.person("alice")

    def shot(name: str) -> None:
        page.screenshot(path=artifacts / f"machine-account-{name}-{width}.png", full_page=True)

    # Dave asks for the machine account on Manage Access.
    browser_sign_in(page, base, "dave")
    to_manage_access(page)
    page.get_by_role("link", name="Request a machine account").click()
    expect(page.get_by_role("heading", level=1, name="Request a machine account")).to_be_visible()
    page.get_by_label("Name").fill(NAME)
    page.get_by_label("Access to").select_option(label="Metering Data – submit")
    page.get_by_label("Owner's Person ID").fill(str(alice.person_id))
    page.get_by_label("Purpose").fill(PURPOSE)
    fits(page)
    shot("request")
    page.get_by_role("button", name="Send for approval").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"The machine account “{NAME}” has gone to another Rights Administrator of "
        "Northwind Power Corp. for approval."
    )
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text("Awaiting approval")
    expect(row).to_contain_text("Alice Martin")
    expect(row.get_by_role("link", name=f"Issue credentials for {NAME}")).to_have_count(0)
    account = MachineAccount.objects.get(organization=northwind, name=NAME)
    assert (account.state, account.level, account.owner) == ("requested", "submit", alice)
    browser_sign_out(page)

    # Northwind has no other Rights Administrator: operator staff decide it, from Tasks.
    browser_sign_in(page, base, "staff")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tasks").click()
    page.get_by_role("link", name=re.compile("^Approve machine account")).first.click()
    expect(page.get_by_text(PURPOSE)).to_be_visible()
    expect(page.get_by_text(f"Alice Martin (Person ID {alice.person_id})")).to_be_visible()
    fits(page)
    shot("task")
    accept = page.get_by_role("button", name=re.compile(r"^Accept\b"))
    if accept.count():
        accept.first.click()
    page.get_by_role("link", name=re.compile(r"^Approve\s*(:|task)")).first.click()
    page.get_by_role("button", name=re.compile("^Approve$")).click()
    expect(page.locator(".messages")).to_contain_text("You approved")
    account.refresh_from_db()
    assert account.state == "active" and account.client_id
    browser_sign_out(page)

    # Dave issues the credentials: the secret is on this one page, this once.
    browser_sign_in(page, base, "dave")
    to_manage_access(page)
    row = page.get_by_role("row").filter(has_text=NAME)
    expect(row).to_contain_text("Active")
    row.get_by_role("link", name=f"Issue credentials for {NAME}").click()
    expect(page.get_by_role("heading", level=1, name=f"Credentials of “{NAME}”")).to_be_visible()
    expect(page.get_by_text("No secret has been issued yet")).to_be_visible()
    page.get_by_role("button", name="Issue credentials").click()
    expect(page.get_by_text("Copy the client secret now.")).to_be_visible()
    client_id = page.locator("dt:text-is('Client ID') + dd code").inner_text()
    secret = page.locator("dt:text-is('Client secret') + dd code").inner_text()
    endpoint = page.locator("dt:text-is('Token endpoint') + dd code").first.inner_text()
    assert client_id == account.client_id and len(secret) >= 32
    assert endpoint == f"{base}/o/token/"
    fits(page)
    shot("credentials")
    page.goto(page.url)  # the same address again: the secret is not shown twice
    expect(page.get_by_text("Credentials were last issued on")).to_be_visible()
    expect(page.get_by_text(secret)).to_have_count(0)

    # The machine, outside the browser: a client-credentials token from the endpoint the page
    # names (the live server's).
    machine = http()
    answer = machine.post(
        endpoint,
        data={"grant_type": "client_credentials"},
        headers=basic(client_id, secret),
        timeout=10,
    )
    assert answer.status_code == 200, answer.text
    token = answer.json()
    assert token["token_type"] == "Bearer"

    # The Metering Data system introspects the token it was shown, with its own client.
    metering = InformationSystem.objects.get(code="metering")
    system_client, system_secret = register_client(
        metering, redirect_uris=["http://metering.example/callback"], actor=live_personas.staff
    )
    system = http()
    seen = system.post(
        f"{base}/o/introspect/",
        data={"token": token["access_token"]},
        headers=basic(system_client.application.client_id, system_secret),
        timeout=10,
    )
    assert seen.status_code == 200, seen.text
    seen = seen.json()
    assert seen["active"] is True and seen["client_id"] == client_id
    assert (seen["org_id"], seen["system"], seen["access_level"]) == (
        northwind.org_id,
        "metering",
        "submit",
    )
    assert seen["machine_account_id"] == account.pk

    # ... and asks the portal whether that client may submit for Northwind.
    _, service_token = token_services.issue_service_token(
        data={"name": "Metering Data"}, actor=live_personas.staff
    )
    check = system.get(
        f"{base}/api/v1/access/check-machine",
        params={
            "org_id": northwind.org_id,
            "client_id": seen["client_id"],
            "system": "metering",
            "level": "submit",
        },
        headers={"Authorization": f"Bearer {service_token}"},
        timeout=10,
    )
    assert check.status_code == 200, check.text
    assert check.json() == {
        "allowed": True,
        "reason": "machine_account",
        "machine_account_id": account.pk,
        "granted_level": "submit",
        "expires": account.expires.isoformat(),
    }
