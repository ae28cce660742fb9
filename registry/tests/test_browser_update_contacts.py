"""Alice walks the real pages in Chromium: sign in, News, Actions, Update Organization,
By Role (offered under Update Contact(s) on the organization's page), Rights Administrator,
search for Erin, add her."""

import re

import pytest
from playwright.sync_api import expect

from core.testing import browser_sign_in
from registry.tests.helpers import holds

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_alice_registers_erin_as_rights_administrator(live_server, live_personas, page, artifacts):
    base = live_server.url
    browser_sign_in(page, base, "alice")
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.get_by_role("heading", level=1, name="News")).to_be_visible()
    page.screenshot(path=artifacts / "news.png", full_page=True)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    expect(page.get_by_role("heading", level=1, name="Actions")).to_be_visible()
    page.screenshot(path=artifacts / "actions.png", full_page=True)
    page.get_by_role("link", name=re.compile("^Update Organization")).click()

    # Alice belongs to one organization, so the choice is skipped.
    expect(page.get_by_role("heading", level=1, name="Northwind Power Corp.")).to_be_visible()
    page.get_by_role("link", name=re.compile("^By Role")).click()
    page.screenshot(path=artifacts / "by-role.png", full_page=True)
    page.get_by_role("link", name="Rights Administrator", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Rights Administrator")).to_be_visible()

    page.get_by_label("Search by name, e-mail or Person ID").fill("Erin")
    page.get_by_role("button", name="Search").click()
    expect(
        page.get_by_role("cell", name=f"{live_personas.person('erin').person_id}")
    ).to_be_visible()
    page.screenshot(path=artifacts / "role-search.png", full_page=True)
    page.get_by_role("button", name="Add Erin Walsh as Rights Administrator").click()

    expect(page.get_by_role("status")).to_contain_text(
        f"Erin Walsh (Person ID {live_personas.person('erin').person_id}) is now Rights "
        "Administrator of Northwind Power Corp."
    )
    expect(page.get_by_role("cell", name="Erin Walsh", exact=True)).to_be_visible()
    page.screenshot(path=artifacts / "role-holders.png", full_page=True)
    assert holds(live_personas.person("erin"), live_personas.northwind, "rights_administrator")


def test_the_last_primary_contact_is_kept_with_the_reason_shown(
    live_server, live_personas, page, artifacts
):
    base = live_server.url
    browser_sign_in(page, base, "alice")
    page.goto(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-role/primary_contact/"
    )
    # Not offered, then refused: the reason stands where Remove would be.
    expect(page.get_by_role("link", name="Remove Alice Martin")).to_have_count(0)
    expect(
        page.get_by_role("cell", name="Alice Martin is the only Primary Contact")
    ).to_contain_text("register another Primary Contact first")
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=artifacts / "last-holder-refused-phone.png", full_page=True)
    assert holds(live_personas.person("alice"), live_personas.northwind, "primary_contact")


def test_alice_registers_a_new_person_by_person_after_a_search_and_corrects_her_phone(
    live_server, live_personas, page, artifacts
):
    base = live_server.url
    browser_sign_in(page, base, "alice")
    page.goto(f"{base}/organizations/{live_personas.northwind.org_id}/contacts/")
    page.get_by_role("link", name=re.compile("^By Person")).click()
    expect(page.get_by_role("heading", level=1, name="Update contacts by person")).to_be_visible()

    # Search first; nobody matches, so registering a new person is offered.
    page.get_by_label("Search by name, e-mail or Person ID").fill("Nadia Haddad")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_text("Nobody matches")).to_be_visible()
    page.get_by_role("link", name="Register a new person").click()
    expect(page.get_by_role("heading", level=1, name="Register a new person")).to_be_visible()
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Last name").fill("Haddad")
    page.get_by_label("Business e-mail").fill("nadia.haddad@northwind.example")
    page.get_by_label("Telephone").fill("12")  # wrong first: the error is shown next to it
    page.get_by_role("button", name="Register person").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    page.get_by_label("Telephone").fill("416 555 0199")
    page.get_by_role("button", name="Register person").click()
    expect(page.get_by_role("status")).to_contain_text("Nadia Haddad is registered with Person ID")
    expect(page.get_by_role("heading", level=1, name="Nadia Haddad")).to_be_visible()

    # Her roles, by person: make her a Primary Contact.
    page.get_by_role("button", name="Add Primary Contact").click()
    expect(page.get_by_role("status")).to_contain_text("is now Primary Contact")
    page.screenshot(path=artifacts / "by-person-roles.png", full_page=True)
    page.get_by_role("link", name="Remove Primary Contact").click()
    page.get_by_role("button", name="Yes, remove").click()
    expect(page.get_by_role("status")).to_contain_text("Nadia Haddad is no longer Primary Contact")

    # Manage My Information: Alice corrects her telephone.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    page.get_by_role("link", name=re.compile("^Manage My Information")).click()
    page.get_by_label("Telephone").fill("(647) 555-0123")
    page.get_by_role("button", name="Save my information").click()
    expect(page.get_by_role("status")).to_contain_text("Your contact information has been saved.")
    # Stored in E.164, shown as people write it.
    expect(page.get_by_label("Telephone")).to_have_value("647-555-0123")
    alice = type(live_personas.person("alice")).objects.get(pk=live_personas.person("alice").pk)
    assert alice.phone == "+16475550123"
    page.screenshot(path=artifacts / "manage-my-information.png", full_page=True)
