"""Staff start an access review in Chromium; Dave confirms all on the task page and
completes the review."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from core.testing import browser_sign_in, browser_sign_out
from systems import services
from systems.models import AccessGrant, AccessReview
from systems.tests.helpers import system, without_machine_accounts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_start_a_review_and_dave_confirms_all(live_server, live_personas, page, artifacts):
    p = live_personas
    without_machine_accounts()  # a review of grants alone (machine accounts: their own test)
    for name, code in [("erin", "metering"), ("carol", "settlements")]:
        services.grant_access(p.northwind, p.person(name), system(code), actor=p.staff)
    base = live_server.url
    browser_sign_in(page, base, "staff")
    page.goto(f"{base}/backoffice/access-reviews/")
    expect(page.get_by_role("heading", level=1, name="Access reviews")).to_be_visible()
    page.get_by_role("link", name="Start an access review").click()
    page.get_by_label("Name").fill("Quarterly access review")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    page.get_by_label("Deadline").fill(deadline.isoformat())
    page.get_by_label("Organization IDs").fill("100001")
    page.screenshot(path=artifacts / "access-review-start.png", full_page=True)
    page.get_by_role("button", name="Start the review").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Access review “Quarterly access review” started: 1 organization(s)"
    )
    expect(page.get_by_role("cell", name=re.compile("Northwind Power Corp."))).to_be_visible()
    browser_sign_out(page)

    browser_sign_in(page, base, "dave")
    page.set_viewport_size({"width": 390, "height": 844})
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Tasks").click()
    page.get_by_role("link", name="Review access", exact=True).click()
    expect(page.get_by_role("table", name="Grants under review")).to_be_visible()
    expect(page.get_by_text("Erin Walsh").first).to_be_visible()
    page.screenshot(path=artifacts / "access-review-task-phone.png", full_page=True)
    page.get_by_role("link", name="Confirm all").click()
    expect(page.get_by_role("heading", name="Confirm all remaining grants?")).to_be_visible()
    page.get_by_role("button", name="Yes, confirm all").click()
    expect(page.get_by_role("status")).to_contain_text("You confirmed 2 grant(s).")
    page.get_by_role("link", name=re.compile("^Approve")).first.click()
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("You approved “")
    review = AccessReview.objects.get()
    assert review.state == "completed"
    assert AccessGrant.objects.filter(confirmed_at__isnull=False).count() == 2
