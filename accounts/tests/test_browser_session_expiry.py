"""In Chromium, under the real Content-Security-Policy: the idle-timeout warning appears before
the session ends, takes the keyboard focus, and "Stay signed in" (Enter) keeps the session; a
Save into the ended session lands on sign-in saying why, and after signing in the page comes
back with the typed change re-filled and a warning that it is not saved yet."""

import re

import pytest
from playwright.sync_api import expect

from conftest import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
IDLE = 20  # seconds; the warning shows half of it before the end


def _sign_in(page, base: str, next_path: str = "") -> None:
    page.goto(f"{base}/login/{next_path}")
    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_the_warning_keeps_the_session_and_an_ended_one_keeps_the_edit(
    live_server, live_personas, page, settings, artifacts
):
    settings.SESSION_IDLE_SECONDS = IDLE
    base = live_server.url
    _sign_in(page, base, "?next=/me/")
    expect(page.get_by_role("heading", level=1, name="Manage My Information")).to_be_visible()

    warning = page.get_by_role("alertdialog", name="Are you still there?")
    expect(warning).to_be_visible(timeout=IDLE * 1000)
    stay = warning.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    page.screenshot(path=artifacts / "session-warning.png", full_page=True)
    page.keyboard.press("Enter")
    expect(warning).to_be_hidden()

    page.wait_for_timeout(IDLE * 1000 * 0.7)  # past the first deadline: still signed in
    page.reload()
    expect(page.get_by_role("heading", level=1, name="Manage My Information")).to_be_visible()

    expect(warning.get_by_text("You have been signed out.")).to_be_visible(timeout=IDLE * 1000)
    page.get_by_label("Job title").fill("Head of Trading")
    page.get_by_role("button", name="Save my information").click()
    expect(page).to_have_url(re.compile(r"/login/\?next=/me/$"))
    expect(page.get_by_role("status")).to_contain_text("You were signed out after")
    expect(page.get_by_role("status")).to_contain_text("without activity")

    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Your changes were not saved yet: check them and save again."
    )
    expect(page.get_by_label("Job title")).to_have_value("Head of Trading")
    page.screenshot(path=artifacts / "session-kept-form.png", full_page=True)
