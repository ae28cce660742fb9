"""A certification's whole life in Chromium, at desktop and phone widths: operator staff start
one for Northwind through the back office; Bob (its Authorized Representative) opens the task,
follows it to the list, confirms one entry, removes Ivan Petrov's membership on the registry's
own page and comes back to the list, confirms the rest, attests, and downloads the attested
list as a PDF. After every offered click: no refusal, no sideways scrolling."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certification.models import Certification
from core.testing import browser_sign_in, browser_sign_out
from registry.models import Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}
NAME = "2027 registration certification"
REFUSALS = ".message-error, .error-summary, [role=alert]"


@pytest.fixture(params=list(WIDTHS))
def width(request, page) -> str:
    page.set_viewport_size({"width": WIDTHS[request.param], "height": 900})
    return request.param


def settled(page) -> None:
    """The page an offered click led to: not a refusal, and no sideways scrolling."""
    page.wait_for_load_state()
    refusals = page.locator(REFUSALS)
    if refusals.count():
        text = " | ".join(refusals.all_inner_texts())
        raise AssertionError(f"refused after an offered action at {page.url}: {text}")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.viewport_size["width"], f"{page.url} is {wide} px wide"


def click(page, locator) -> None:
    expect(locator).to_be_visible()
    locator.click()
    settled(page)


def test_staff_start_and_bob_certifies_northwind(
    live_server, live_personas, page, artifacts, width
):
    base = live_server.url
    northwind = live_personas.northwind
    ivan = live_personas.person("ivan")

    def shot(name: str) -> None:
        page.screenshot(path=artifacts / f"certification-{name}-{width}.png", full_page=True)

    # Operator staff start a certification for Northwind only.
    browser_sign_in(page, base, "staff")
    page.goto(f"{base}/backoffice/certifications/")
    expect(page.get_by_role("heading", level=1, name="Certifications")).to_be_visible()
    settled(page)
    click(page, page.get_by_role("link", name="Start a certification"))
    page.get_by_label("Name").fill(NAME)
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_label("Organization IDs").fill(str(northwind.org_id))
    shot("start")
    click(page, page.get_by_role("button", name="Start the certification"))
    expect(page.get_by_role("status")).to_contain_text(
        f"Certification “{NAME}” started: 1 organization received a task"
    )
    expect(page.get_by_role("heading", level=1, name=NAME)).to_be_visible()
    expect(page.get_by_role("link", name="Northwind Power Corp.")).to_be_visible()
    cert = Certification.objects.get(campaign__name=NAME)
    assert cert.organization == northwind
    browser_sign_out(page)

    # Bob opens the task from Tasks and follows it to the list.
    browser_sign_in(page, base, "bob")
    click(page, page.get_by_role("navigation", name="Main").get_by_role("link", name="Tasks"))
    click(page, page.get_by_role("link", name=re.compile("^Certify registration")).first)
    shot("task")
    click(page, page.get_by_role("link", name="Open the list to certify"))
    expect(
        page.get_by_role("heading", level=1, name="Certify Northwind Power Corp.'s registration")
    ).to_be_visible()
    shot("list")

    # One entry confirmed with its own button.
    first = page.get_by_role("button", name=re.compile(r"^Confirm\b(?! all)")).first
    click(page, first)
    expect(page.get_by_role("status")).to_contain_text("is confirmed.")
    expect(page.get_by_text("Confirmed by").first).to_be_visible()

    # Ivan Petrov's membership removed on the registry's page, and back to the list.
    click(page, page.get_by_role("link", name=re.compile(r"^Remove Ivan Petrov")).first)
    expect(
        page.get_by_role("heading", level=1, name=re.compile("^Remove Ivan Petrov"))
    ).to_be_visible()
    click(page, page.get_by_role("button", name="Yes, remove from the organization"))
    expect(page).to_have_url(re.compile(rf"/certifications/{cert.pk}/$"))
    expect(page.get_by_role("status")).to_contain_text("Ivan Petrov has been removed")
    removed = page.locator("h2#removed + ul")
    expect(
        page.get_by_role("heading", name="Removed since the certification began")
    ).to_be_visible()
    expect(removed).to_contain_text("Ivan Petrov")
    assert not Membership.objects.filter(person=ivan, organization=northwind).exists()

    # The rest confirmed at once, then the attestation.
    click(page, page.get_by_role("button", name=re.compile("^Confirm all")))
    expect(page.get_by_role("status")).to_contain_text("confirmed as they read now.")
    click(page, page.get_by_role("link", name="Attest the registration"))
    expect(
        page.get_by_role("heading", level=1, name=re.compile("^Attest Northwind"))
    ).to_be_visible()
    shot("attest")
    click(page, page.get_by_role("button", name="Yes, attest"))
    expect(page.get_by_role("status")).to_contain_text(
        "You attested Northwind Power Corp.'s registration"
    )
    cert.refresh_from_db()
    assert cert.state == "attested" and len(cert.digest) == 64
    assert cert.task.state == "approved"
    expect(page.locator("code.digest")).to_have_text(cert.digest)
    expect(page.get_by_role("link", name="CSV")).to_be_visible()
    shot("attested")

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf = download.value
    assert pdf.suggested_filename == f"certification-{northwind.org_id}-{cert.pk}.pdf"
    with open(pdf.path(), "rb") as f:
        assert f.read(4) == b"%PDF"
