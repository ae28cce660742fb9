"""Erin asks for Metering Data in Chromium, Dave approves the task, Erin sees her access."""

import re

import pytest
from playwright.sync_api import expect

from core.testing import browser_sign_in, browser_sign_out
from systems.tests.helpers import grants

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_erin_requests_metering_access_dave_approves_erin_sees_it(
    live_server, live_personas, page, artifacts
):
    base = live_server.url
    browser_sign_in(page, base, "erin")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Actions").click()
    page.get_by_role("link", name=re.compile("^Request Access")).click()
    expect(page.get_by_role("heading", level=1, name="Request Access")).to_be_visible()
    page.get_by_label("Access to").select_option(label="Metering Data – read")
    page.get_by_label("Why do you need it?").fill("Monthly meter reconciliation")
    page.screenshot(path=artifacts / "request-access.png", full_page=True)
    page.get_by_role("button", name="Send request").click()
    expect(page.get_by_role("status")).to_contain_text(
        "has gone to the Rights Administrators of Northwind Power Corp."
    )
    expect(page.get_by_role("cell", name="Open")).to_be_visible()
    browser_sign_out(page)

    browser_sign_in(page, base, "dave")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tasks").click()
    page.get_by_role("link", name="Approve access request").click()
    expect(page.get_by_text("Erin Walsh asks for Metering Data (read)").first).to_be_visible()
    expect(page.get_by_text("Monthly meter reconciliation")).to_be_visible()
    page.screenshot(path=artifacts / "access-request-task.png", full_page=True)
    page.get_by_role("link", name=re.compile("^Approve")).first.click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_be_visible()
    assert grants(live_personas.northwind, live_personas.person("erin")) == {"metering": "read"}
    browser_sign_out(page)

    browser_sign_in(page, base, "erin")
    page.goto(f"{base}/me/")
    expect(page.get_by_role("heading", name="My access to the operator's systems")).to_be_visible()
    expect(page.get_by_text("Metering Data: read")).to_be_visible()
    page.screenshot(path=artifacts / "my-access.png", full_page=True)
