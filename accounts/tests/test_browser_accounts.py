"""In Chromium: an invited person follows the e-mailed link to News, and a person who forgot
their password resets it through the e-mailed link and their secret questions."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.tests.helpers import link_from_mail
from registry import services as registry_services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "seven lanterns over quiet water"


def test_an_invited_person_goes_from_the_email_link_to_news(
    live_server, live_personas, page, artifacts
):
    mail.outbox.clear()
    registry_services.register_person(
        live_personas.northwind,
        data={
            "first_name": "Nadia",
            "last_name": "Haddad",
            "email": "nadia.haddad@northwind.example",
            "phone": "416 555 0199",
        },
        actor=live_personas.alice,
    )
    page.goto(live_server.url + link_from_mail("/invitation/"))
    expect(page.get_by_role("heading", level=1, name="Set up your account")).to_be_visible()
    assert "/invitation/" in page.url and len(page.url.rstrip("/").split("/")[-1]) < 20
    page.get_by_label("Account name").fill("nadia")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    for n, (question, answer) in enumerate(
        [("first pet", "Rex"), ("city", "Toronto"), ("colour", "Blue")], start=1
    ):
        select = page.get_by_label(f"Question {n}")
        label = next(o for o in select.locator("option").all_inner_texts() if question in o)
        select.select_option(label=label)
        page.get_by_label(f"Answer {n}").fill(answer)
    page.screenshot(path=artifacts / "invitation-accept.png", full_page=True)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(re.compile(r"/news/$"))
    expect(page.get_by_role("status")).to_contain_text("Your account nadia is ready")
    expect(page.get_by_text("Signed in as")).to_contain_text("Nadia Haddad")


def test_a_person_resets_a_forgotten_password_in_the_browser(
    live_server, live_personas, page, artifacts
):
    mail.outbox.clear()
    page.goto(live_server.url + "/login/")
    page.get_by_role("link", name="Forgot your password?").click()
    page.get_by_label("Account name").fill("alice")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1, name="Check your e-mail")).to_be_visible()
    page.goto(live_server.url + link_from_mail("/password-reset/"))
    expect(page).to_have_url(re.compile(r"/password-reset/answer/$"))
    page.get_by_label("What was the name of your first pet?").fill(" REX ")
    page.get_by_label("In what city were you born?").fill("toronto")
    page.get_by_label("What is your favourite colour?").fill("blue")
    page.get_by_label("New password", exact=True).fill(PASSWORD)
    page.get_by_label("New password again").fill(PASSWORD)
    page.screenshot(path=artifacts / "password-reset-answer.png", full_page=True)
    page.get_by_role("button", name="Change my password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password has been changed")
    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/news/$"))
