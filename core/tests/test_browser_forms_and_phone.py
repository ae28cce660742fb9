"""The shared form and table mechanisms in Chromium, under the site's real Content-Security-
Policy: focus after a failed submit, and the phone layouts of issue 15 point 8."""

import re

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Account name").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/news/$"))


def _scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_a_failed_submit_focuses_the_summary_and_its_link_focuses_the_field(
    live_server, live_personas, page, artifacts
):
    _sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/me/")
    page.get_by_label("First name").fill("")
    page.get_by_role("button", name="Save my information").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(page).to_have_title(re.compile(r"^Error: Manage My Information"))
    summary.get_by_role("link", name="Enter first name.").click()
    expect(page.get_by_label("First name")).to_be_focused()
    page.screenshot(path=artifacts / "error-summary.png", full_page=True)


def test_request_access_sends_nothing_until_a_system_is_chosen(live_server, live_personas, page):
    from systems.models import AccessRequest

    _sign_in(page, live_server.url, "erin")
    page.goto(f"{live_server.url}/access/request/")
    expect(page.get_by_label("Access to")).to_have_value("")
    page.get_by_role("button", name="Send request").click()
    expect(page.locator(".error-summary")).to_contain_text("Choose an information system.")
    assert not AccessRequest.objects.exists()


def test_the_api_token_page_and_the_tasks_fit_a_phone(live_server, live_personas, page, artifacts):
    from apitokens.services import create_api_token
    from tasks.tests.helpers import make_task

    alice = live_personas.alice
    create_api_token(alice, data={"name": "Nightly contact export"}, actor=alice)
    make_task(live_personas)
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/me/")
    expect(page.get_by_role("cell", name="Nightly contact export", exact=True)).to_be_visible()
    assert _scroll_width(page) <= PHONE["width"]
    expect(page.locator("#api-tokens td[data-label='Created']").first).to_be_visible()

    page.goto(f"{live_server.url}/tasks/")
    assert _scroll_width(page) <= PHONE["width"]
    due = page.locator("td[data-label='Due'] time").first
    line = float(
        page.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)", due.element_handle())
    )
    assert due.bounding_box()["height"] < 1.5 * line  # the date on one line
    buttons = page.locator("td[data-label='Actions'] .button")
    tops = [buttons.nth(i).bounding_box()["y"] for i in range(buttons.count())]
    assert buttons.count() >= 2 and max(tops) - min(tops) < 10  # side by side, not stacked
    page.screenshot(path=artifacts / "tasks-phone.png", full_page=True)


def test_by_role_cards_keep_their_column_labels_on_a_phone(live_server, live_personas, page):
    page.set_viewport_size(PHONE)
    _sign_in(page, live_server.url, "alice")
    page.goto(f"{live_server.url}/organizations/100001/contacts/by-role/")
    required = page.locator("td[data-label='Required']").first
    label = page.evaluate("e => getComputedStyle(e, '::before').content", required.element_handle())
    assert label == '"Required: "'
