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


# The one known gap, listed so that nothing else slips: the audit log keeps the English name of
# the role it recorded (an entry's `role_name`), so pages that show audit sentences (News, the
# audit log) still read it in English. Everywhere else a role's or system's name is French.
AUDIT_PAGES = {"news", "audit-log"}


def _stored_role_names() -> list[str]:
    from registry.models import RoleType

    return sorted(RoleType.objects.values_list("name", flat=True), key=len, reverse=True)


def _english_left(page, *, audit_sentences: bool = False) -> list[str]:
    """The main content's text outside [lang=en] elements, sentence by sentence, that reads
    as English (on pages of audit sentences, the recorded role names aside)."""
    text = page.evaluate(
        """() => {
            const main = document.querySelector("main").cloneNode(true);
            main.querySelectorAll('[lang="en"], script, style').forEach(e => e.remove());
            return main.innerText;
        }"""
    )
    if audit_sentences:
        for name in _stored_role_names():
            text = text.replace(name, "")
    return [line for line in text.splitlines() if ENGLISH.search(line)]


class French:
    def __init__(self, page, checks):
        self.page, self.audit, self.english = page, checks, {}

    def visit(self, url: str, name: str) -> None:
        self.audit.visit(url, f"{name}-fr")
        expect(self.page.locator("html")).to_have_attribute("lang", "fr-CA")
        left = _english_left(self.page, audit_sentences=name in AUDIT_PAGES)
        if left:
            self.english[name] = left[:5]

    def assert_clean(self) -> None:
        assert not self.english, f"English left on French pages: {self.english}"
        self.audit.assert_clean()


def _walk_in_french(base: str, page, checks, username: str, pages: list[tuple[str, str]]):
    """`username` reads French, signs in and visits `pages` (path, name); all must be clean."""
    _in_french(username)
    browser_sign_in(page, base, username)
    french = French(page, checks)
    for path, name in pages:
        french.visit(base + path, name)
    french.assert_clean()


def test_a_primary_contacts_pages_in_french(live_server, live_personas, page, audit):  # noqa: F811
    org = f"/organizations/{live_personas.northwind.org_id}"
    pages = [
        ("/news/", "news"),
        ("/actions/", "actions"),
        ("/tasks/", "tasks"),
        ("/me/", "manage-my-information"),
        ("/organizations/", "update-organization"),
        (f"{org}/", "organization"),
        (f"{org}/contacts/", "update-contacts"),
        (f"{org}/contacts/by-person/", "by-person"),
        (f"{org}/contacts/by-role/", "by-role"),
        (f"{org}/contacts/by-role/rights_administrator/", "role-holders"),
        (f"{org}/contacts/by-section/", "by-section"),
        (f"{org}/audit/", "audit-log"),
        (f"{org}/banking/", "banking"),
    ]
    _walk_in_french(live_server.url, page, audit, "alice", pages)


def test_a_rights_administrators_pages_in_french(live_server, live_personas, page, audit):  # noqa: F811
    pages = [("/access/", "access"), ("/tasks/", "tasks-dave"), ("/me/", "me-dave")]
    _walk_in_french(live_server.url, page, audit, "dave", pages)


def test_staff_pages_in_french(live_server, live_personas, page, audit):  # noqa: F811
    pages = [
        ("/backoffice/", "backoffice-home"),
        ("/backoffice/organizations/", "backoffice-organizations"),
        ("/backoffice/persons/", "backoffice-persons"),
        ("/backoffice/role-types/", "backoffice-role-types"),
        ("/backoffice/systems/", "backoffice-systems"),
        ("/backoffice/applications/", "backoffice-applications"),
        ("/backoffice/announcements/", "backoffice-announcements"),
        ("/announcements/new/", "publish-announcement"),
    ]
    _walk_in_french(live_server.url, page, audit, "staff", pages)
