"""Manage Participation in Chromium (issue 17): Bob, Northwind's Applicant Representative,
starts an application, uploads the licence, fills the bank details and submits; staff return
the bank details with a reason; Bob submits them again and answers in the conversation, which
staff read; staff record the fee, accept every requirement and authorize; Bob's News shows
it."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.testing import browser_sign_in, browser_sign_out
from documents.tests.files import pdf_bytes
from participation.models import Application
from participation.tests.helpers import probe_type

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _requirement(page, name: str):
    return page.get_by_role("form", name=name)


def test_an_applicant_applies_and_staff_authorize(live_server, live_personas, page, tmp_path):
    probe_type(document=True)
    org = live_personas.northwind.org_id
    base = live_server.url
    licence = tmp_path / "licence.pdf"
    licence.write_bytes(pdf_bytes())

    browser_sign_in(page, base, "bob")
    page.goto(f"{base}/organizations/{org}/participation/")
    page.get_by_role("link", name=re.compile("Apply: Probe Participant")).click()
    page.get_by_label("No").check()
    page.get_by_role("button", name="Start the application").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Probe Participant application")
    app = Application.objects.get(participation_type__code="probe-participant")

    _requirement(page, "Licence").get_by_label("File").set_input_files(str(licence))
    _requirement(page, "Licence").get_by_role("button", name=re.compile("Submit")).click()
    expect(page.get_by_role("status")).to_contain_text("You submitted Licence.")
    expect(page.get_by_role("link", name="licence.pdf")).to_be_visible()
    bank = _requirement(page, "Bank account details")
    bank.get_by_label("Bank name").fill("First Canadian Bank")
    bank.get_by_label("Transit number").fill("00011")
    bank.get_by_role("button", name=re.compile("Submit")).click()
    expect(page.get_by_role("status")).to_contain_text("You submitted Bank account details.")
    _requirement(page, "Contact roles").get_by_role("button", name=re.compile("Check")).click()
    page.get_by_role("button", name="Submit the application for review").click()
    expect(page.get_by_text("Submitted, waiting for review").first).to_be_visible()
    browser_sign_out(page)

    browser_sign_in(page, base, "staff")
    page.goto(f"{base}/backoffice/participation/{app.pk}/")
    expect(page.get_by_role("link", name="licence.pdf")).to_be_visible()
    returning = page.locator("details", has_text="Return Bank account details for changes")
    returning.get_by_text("Return Bank account details for changes").click()
    returning.get_by_label("Reason").fill("The transit number belongs to another branch.")
    returning.get_by_role("button", name=re.compile("^Return")).click()
    expect(page.get_by_role("status")).to_be_visible()
    browser_sign_out(page)

    browser_sign_in(page, base, "bob")
    page.goto(f"{base}/organizations/{org}/applications/{app.pk}/")
    expect(page.get_by_text("The transit number belongs to another branch.").first).to_be_visible()
    bank = _requirement(page, "Bank account details")
    bank.get_by_label("Bank name").fill("First Canadian Bank")
    bank.get_by_label("Transit number").fill("00012")
    bank.get_by_role("button", name=re.compile("Submit again")).click()
    expect(page.get_by_role("status")).to_contain_text("You submitted Bank account details.")
    thread = page.get_by_role("region", name="Conversation")
    thread.get_by_label("Your comment").fill("Corrected: 00012 is our head office's transit.")
    thread.get_by_role("button", name="Add comment").click()
    expect(page.get_by_role("status")).to_contain_text("Your comment was added")
    expect(page.get_by_role("region", name="Conversation")).to_contain_text(
        "Corrected: 00012 is our head office"
    )
    browser_sign_out(page)

    browser_sign_in(page, base, "staff")
    page.goto(f"{base}/backoffice/participation/{app.pk}/")
    expect(page.get_by_role("region", name="Conversation")).to_contain_text(
        "Corrected: 00012 is our head office"
    )
    fee = _requirement(page, "Application fee")
    fee.get_by_label("Payment reference").fill("PAY-2026-0042")
    fee.get_by_label("Amount received").fill("1130.00")
    fee.get_by_role("button", name=re.compile("Record as received")).click()
    for name in ("Bank account details", "Licence", "Contact roles"):
        page.get_by_role("button", name=re.compile(f"^Accept.*{name}")).click()
        expect(page.get_by_role("status")).to_be_visible()
    effective = timezone.localdate() + datetime.timedelta(days=1)
    page.get_by_label("Effective from").fill(effective.isoformat())
    page.get_by_role("button", name="Authorize Northwind Power Corp.").click()
    expect(page.get_by_role("status")).to_be_visible()
    app.refresh_from_db()
    assert app.state == Application.State.AUTHORIZED
    assert app.effective_from == effective
    browser_sign_out(page)

    browser_sign_in(page, base, "bob")
    news = page.get_by_text(re.compile("authorized Northwind Power Corp. as Probe"))
    expect(news.first).to_be_visible()
