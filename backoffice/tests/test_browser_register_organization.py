"""In Chromium: a submitter registers an organization, staff approve it, the new
organization appears with its contacts, and its Authorized Representative opens the
invitation, and she sets up her account and lands on News."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from backoffice.models import OrganizationApplication
from backoffice.tests.helpers import CONTACTS
from conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GROUPS = {
    "ar": "Authorized Representative",
    "pc": "Primary Contact",
    "ra": "Rights Administrator",
    "submitter": "Your details (the submitter)",
}


def test_an_organization_is_registered_approved_and_its_representative_is_invited(
    live_server, live_personas, page, artifacts
):
    base = live_server.url
    page.goto(f"{base}/register-organization/")
    expect(page.get_by_role("heading", level=1, name="Register an Organization")).to_be_visible()
    org = page.get_by_role("group", name="The organization")
    org.get_by_label("Legal name").fill("Sunridge Solar Ltd.")
    org.get_by_label("Business number").fill("123456789")
    org.get_by_label("Type of entity").select_option("corporation")
    org.get_by_label("Street address").fill("10 King Street West")
    org.get_by_label("City").fill("Toronto")
    org.get_by_label("Province or state").fill("ON")
    org.get_by_label("Postal code").fill("M5H 1A1")
    for prefix, legend in GROUPS.items():
        first, last, email, phone = CONTACTS[prefix]
        group = page.get_by_role("group", name=legend, exact=True)
        group.get_by_label("First name").fill(first)
        group.get_by_label("Last name").fill(last)
        group.get_by_label("Business e-mail").fill(email)
        group.get_by_label("Telephone").fill(phone)
    page.screenshot(path=artifacts / "register-organization.png", full_page=True)
    page.get_by_role("button", name="Submit the application").click()
    expect(page.get_by_role("heading", level=1, name="Application received")).to_be_visible()
    reference = OrganizationApplication.objects.get().reference

    # Staff review it and approve.
    page.goto(f"{base}/login/")
    page.get_by_label("Account name").fill("staff")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"{base}/backoffice/applications/")
    page.get_by_role("link", name=reference).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Sunridge Solar Ltd.")
    page.screenshot(path=artifacts / "application-review.png", full_page=True)
    page.get_by_role("button", name="Approve and register the organization").click()
    expect(page.get_by_role("status")).to_contain_text("Sunridge Solar Ltd. is registered")
    expect(page.get_by_role("heading", level=1, name="Sunridge Solar Ltd.")).to_be_visible()

    # The new organization, with its contacts: its page offers By Person directly.
    page.get_by_role("link", name=re.compile("^By Person")).click()
    for first, last, *_ in [CONTACTS["ar"], CONTACTS["pc"], CONTACTS["ra"]]:
        expect(page.get_by_text(f"{first} {last}").first).to_be_visible()
    page.screenshot(path=artifacts / "new-organization-contacts.png", full_page=True)

    # Ada, the Authorized Representative, accepts her invitation.
    [invitation] = [
        m for m in mail.outbox if m.to == ["ada@sunridge.example"] and "/invitation/" in m.body
    ]
    path = re.search(r"/invitation/[^\s/]+/", invitation.body).group(0)
    page.context.clear_cookies()  # staff's session ends; Ada comes with her own browser
    page.goto(base + path)
    expect(page.get_by_role("heading", level=1, name="Set up your account")).to_be_visible()
    page.screenshot(path=artifacts / "representative-invitation.png", full_page=True)
    page.get_by_label("Account name").fill("ada")
    page.get_by_label("Password", exact=True).fill("sunlight over the ridge at dawn")
    page.get_by_label("Password again").fill("sunlight over the ridge at dawn")
    for n, (question, answer) in enumerate(
        [("first pet", "Rex"), ("city", "Toronto"), ("colour", "Blue")], start=1
    ):
        select = page.get_by_label(f"Question {n}")
        label = next(o for o in select.locator("option").all_inner_texts() if question in o)
        select.select_option(label=label)
        page.get_by_label(f"Answer {n}").fill(answer)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.get_by_text("Signed in as")).to_contain_text(CONTACTS["ar"][0])
