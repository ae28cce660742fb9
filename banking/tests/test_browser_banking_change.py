"""In Chromium: Carol submits new banking information with its void cheque (first forgetting
it, and told so), Bob accepts the task, opens the cheque and approves, Alice sees the change
on News, the account masked throughout."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from banking import crypto
from banking.models import BankingInformation
from core.testing import browser_sign_in
from documents.tests.files import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_carol_submits_bob_approves_alice_sees_it_on_news(
    live_server, live_personas, page, artifacts
):
    base = live_server.url

    browser_sign_in(page, base, "carol")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    page.get_by_role("link", name=re.compile("^Update Banking Information")).click()
    expect(page.get_by_role("heading", level=1, name="Banking information")).to_be_visible()
    expect(page.get_by_text("****4567")).to_be_visible()
    page.get_by_label("Bank name").fill("Second National Bank")
    page.get_by_label("Institution number").fill("002")
    page.get_by_label("Transit number").fill("00022")
    page.get_by_label("Account number").fill("7654321")
    page.get_by_label("Currency").select_option(label="Canadian dollar (CAD)")
    page.get_by_role("button", name="Submit for approval").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Attach a void cheque or a letter from the bank")
    expect(page.get_by_label("Account number")).to_have_value("7654321")  # nothing typed is lost
    cheque = artifacts / "void-cheque.pdf"
    cheque.write_bytes(pdf_bytes())
    page.get_by_label("Void cheque or bank letter").set_input_files(cheque)
    page.get_by_role("button", name="Submit for approval").click()
    expect(page.get_by_role("status")).to_contain_text("has been submitted")
    expect(page.get_by_text("****4321").first).to_be_visible()
    assert "7654321" not in page.content()
    page.screenshot(path=artifacts / "banking-submitted.png", full_page=True)

    browser_sign_in(page, base, "bob")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tasks").click()
    expect(page.get_by_role("heading", level=1, name="Tasks")).to_be_visible()
    page.get_by_role("button", name=re.compile(r"^Accept\b")).click()
    expect(page.get_by_role("status")).to_contain_text("You accepted “")
    page.screenshot(path=artifacts / "tasks.png", full_page=True)
    page.get_by_role("link", name=re.compile(r"^Approve :")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Approve")
    expect(page.get_by_text("****4321").first).to_be_visible()
    page.screenshot(path=artifacts / "task-approve.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("link", name="void-cheque.pdf").click()
    assert download.value.suggested_filename == "void-cheque.pdf"
    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("You approved “")
    expect(page.get_by_text("You have no pending tasks.")).to_be_visible()

    browser_sign_in(page, base, "alice")
    expect(
        page.get_by_text("Bob Chen approved new banking information for Northwind Power Corp.")
    ).to_be_visible()
    assert "7654321" not in page.content()
    page.screenshot(path=artifacts / "news-banking.png", full_page=True)

    info = BankingInformation.objects.get(organization=live_personas.northwind)
    assert crypto.decrypt(live_personas.northwind.org_id, info.numbers)["account"] == "7654321"
