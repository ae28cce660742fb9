"""Issue 20: the main pages in French pass the same checks as in English (axe, Nu Html
Checker, titles, phone width, weight; tests_a11y/test_axe.py), carry `lang="fr-CA"`, and read
in French: outside operator data still missing its French (which is marked `lang="en"`), no
English words are left in the page's main content."""

import re

import pytest
from playwright.sync_api import expect

from core.testing import browser_sign_in

# The axe suite's fixtures: its browser (CSP bypassed to inject axe) and its audit.
from tests_a11y.test_axe import audit, browser_context_args  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Words that only English uses; a French page's own text has none of them.
ENGLISH = re.compile(r"\b(the|your|you|with|this|and|please|must|has been|there)\b", re.I)


def _in_french(username: str) -> None:
    from accounts.models import User

    User.objects.filter(username=username).update(language="fr")


def _english_left(page) -> list[str]:
    """The main content's text outside [lang=en] elements, sentence by sentence, that reads
    as English."""
    text = page.evaluate(
        """() => {
            const main = document.querySelector("main").cloneNode(true);
            main.querySelectorAll('[lang="en"], script, style').forEach(e => e.remove());
            return main.innerText;
        }"""
    )
    return [line for line in text.splitlines() if ENGLISH.search(line)]


class French:
    def __init__(self, page, checks):
        self.page, self.audit, self.english = page, checks, {}

    def visit(self, url: str, name: str) -> None:
        self.audit.visit(url, f"{name}-fr")
        expect(self.page.locator("html")).to_have_attribute("lang", "fr-CA")
        left = _english_left(self.page)
        if left:
            self.english[name] = left[:5]

    def assert_clean(self) -> None:
        assert not self.english, f"English left on French pages: {self.english}"
        self.audit.assert_clean()


def test_a_primary_contacts_pages_in_french(live_server, live_personas, page, audit):  # noqa: F811
    base = live_server.url
    northwind = live_personas.northwind.org_id
    _in_french("alice")
    browser_sign_in(page, base, "alice")
    french = French(page, audit)
    for url, name in [
        ("/news/", "news"),
        ("/actions/", "actions"),
        ("/tasks/", "tasks"),
        ("/me/", "manage-my-information"),
        ("/organizations/", "update-organization"),
        (f"/organizations/{northwind}/", "organization"),
        (f"/organizations/{northwind}/contacts/", "update-contacts"),
        (f"/organizations/{northwind}/contacts/by-person/", "by-person"),
        (f"/organizations/{northwind}/contacts/by-role/", "by-role"),
        (f"/organizations/{northwind}/contacts/by-role/rights_administrator/", "role-holders"),
        (f"/organizations/{northwind}/contacts/by-section/", "by-section"),
        (f"/organizations/{northwind}/audit/", "audit-log"),
        (f"/organizations/{northwind}/banking/", "banking"),
    ]:
        french.visit(base + url, name)
    french.assert_clean()


def test_a_rights_administrators_pages_in_french(live_server, live_personas, page, audit):  # noqa: F811
    base = live_server.url
    _in_french("dave")
    browser_sign_in(page, base, "dave")
    french = French(page, audit)
    for url, name in [("/access/", "access"), ("/tasks/", "tasks-dave"), ("/me/", "me-dave")]:
        french.visit(base + url, name)
    french.assert_clean()


def test_staff_pages_in_french(live_server, live_personas, page, audit):  # noqa: F811
    base = live_server.url
    _in_french("staff")
    browser_sign_in(page, base, "staff")
    french = French(page, audit)
    for url, name in [
        ("/backoffice/", "backoffice-home"),
        ("/backoffice/organizations/", "backoffice-organizations"),
        ("/backoffice/persons/", "backoffice-persons"),
        ("/backoffice/role-types/", "backoffice-role-types"),
        ("/backoffice/systems/", "backoffice-systems"),
        ("/backoffice/applications/", "backoffice-applications"),
        ("/backoffice/announcements/", "backoffice-announcements"),
        ("/announcements/new/", "publish-announcement"),
    ]:
        french.visit(base + url, name)
    french.assert_clean()
