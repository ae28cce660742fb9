"""axe-core (as tests_a11y runs it) over every access-review page, at desktop and phone
widths: no WCAG 2.1 A/AA violation, no sideways scrolling, a title naming the page."""

import datetime

import pytest
from django.utils import timezone

from core.testing import browser_sign_in, browser_sign_out
from systems import services
from systems.models import AccessReview
from systems.tests.helpers import system, without_machine_accounts
from tests_a11y.test_axe import Audit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # Only to inject axe's inline script (see tests_a11y/test_axe.py).
    return {**browser_context_args, "bypass_csp": True}


def test_the_access_review_pages_pass_axe(live_server, live_personas, page, artifacts):
    p = live_personas
    without_machine_accounts()  # a review of grants alone (machine accounts: their own test)
    services.grant_access(p.northwind, p.person("erin"), system("metering"), actor=p.staff)
    audit = Audit(page, artifacts)
    base = live_server.url
    browser_sign_in(page, base, "staff")
    audit.visit(f"{base}/backoffice/access-reviews/start/", "access-review-start")
    audit.submit_empty(page.get_by_role("button", name="Start the review"))
    audit.check("access-review-start-errors")
    page.get_by_label("Name").fill("Axe review")
    page.get_by_label("Deadline").fill(
        (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    )
    audit.follow(page.get_by_role("button", name="Start the review"))
    audit.check("access-review-campaign")
    audit.visit(f"{base}/backoffice/access-reviews/", "access-reviews")
    browser_sign_out(page)
    browser_sign_in(page, base, "dave")
    review = AccessReview.objects.get()
    audit.visit(f"{base}/tasks/{review.task_id}/", "access-review-task")
    item = review.items.get()
    audit.visit(
        f"{base}/access/reviews/{review.pk}/items/{item.pk}/revoke/", "access-review-revoke"
    )
    audit.visit(f"{base}/access/reviews/{review.pk}/confirm-all/", "access-review-confirm-all")
    audit.assert_clean()
