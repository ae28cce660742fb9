"""axe-core in Chromium over every main page: 0 WCAG 2.1 A/AA (and 2.2 AA, best-practice)
violations, a title naming the page ("Error: " first when it shows errors), no sideways
scrolling at 390px, at most 100 KB of HTML and CSS, 0 errors from the Nu Html Checker, and a
screenshot of each page at desktop (1280) and phone (390) widths under test-artifacts/a11y/.
See docs/accessibility.md."""

import json
import os
import re
import warnings
from pathlib import Path

import pytest
from playwright.sync_api import expect

from core.testing import browser_sign_in, browser_sign_out
from tests_a11y import vnu

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
REVIEW_BY_EYE = {"color-contrast", "color-contrast-enhanced"}
PAGE_BUDGET = 100_000  # bytes of HTML + CSS per page at demo size (issue 11)
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def browser_context_args(browser_context_args):
    # The site's Content-Security-Policy allows only its own script files, so the inline
    # <script> that add_script_tag writes would be refused. Only this module's browser bypasses
    # the policy, to inject axe; every other browser test runs under the real policy.
    return {**browser_context_args, "bypass_csp": True}


def _describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"][:5]:
            lines.append(f"      at {', '.join(map(str, node['target']))}")
            lines.append(f"         {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"         {summary[:300]}")
        if len(v["nodes"]) > 5:
            lines.append(f"      ... and {len(v['nodes']) - 5} more")
    return "\n".join(lines)


# "Error: " in each language the portal speaks (French puts a no-break space before the colon).
ERROR_PREFIXES = ("Error: ", "Erreur\u00a0: ")


def _untitled(title: str) -> dict:
    """A finding in axe's shape: the page title does not name the page."""
    return {
        "id": "page-title-names-page",
        "impact": "serious",
        "help": "The page title begins with the page's name, after 'Error: ' if it shows errors",
        "helpUrl": "https://www.w3.org/WAI/WCAG21/Understanding/page-titled",
        "nodes": [{"target": ["title"], "html": f"<title>{title}</title>"}],
    }


def _too_wide(wide: int, width: int, page) -> dict:
    culprits = page.evaluate(
        """w => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1)
            .slice(0, 5).map(e => e.outerHTML.slice(0, 160))""",
        width,
    )
    return {
        "id": "reflow",
        "impact": "serious",
        "help": f"The page is {wide}px wide at {width}px: it scrolls sideways",
        "helpUrl": "https://www.w3.org/WAI/WCAG21/Understanding/reflow",
        "nodes": [{"target": ["body"], "html": html} for html in culprits],
    }


# On a phone a table's rows become cards and its column headings are hidden: every cell of a
# column with a visible heading names it (data-label), but one: the card's title (a name).
UNLABELLED_CELLS = """() => [...document.querySelectorAll('table.table')].flatMap(table => {
  const heads = [...table.querySelectorAll('thead th')].map(th => {
    const copy = th.cloneNode(true);
    copy.querySelectorAll('.visually-hidden').forEach(e => e.remove());
    return copy.textContent.trim();
  });
  return [...table.querySelectorAll('tbody tr')].flatMap(row => {
    const bare = [...row.children]
      .map((cell, i) => ({cell, head: heads[i]}))
      .filter(({cell, head}) => head && cell.tagName === 'TD' && !cell.dataset.label);
    const titled = [...row.children].some(c => c.tagName === 'TH');
    return (bare.length > (titled ? 0 : 1) ? bare : [])
      .map(({cell, head}) => `${head}: ${cell.outerHTML.slice(0, 120)}`);
  });
})"""


def _unlabelled(cells: list[str]) -> dict:
    return {
        "id": "table-cell-labels",
        "impact": "serious",
        "help": "On a phone a table cell names its column (data-label): these do not",
        "helpUrl": "https://www.w3.org/WAI/WCAG21/Understanding/info-and-relationships",
        "nodes": [{"target": ["td"], "html": cell} for cell in cells[:10]],
    }


# The primary button's green (--success in portal.css), as the browser computes it.
PRIMARY_BUTTONS = """() => [...document.querySelectorAll('main .button')]
  .filter(b => b.offsetParent !== null
    && getComputedStyle(b).backgroundColor === 'rgb(0, 112, 60)')
  .map(b => b.outerHTML.slice(0, 120))"""


def _many_primary(buttons: list[str]) -> dict:
    return {
        "id": "one-primary-action",
        "impact": "moderate",
        "help": f"{len(buttons)} primary buttons: one primary action per page, others secondary",
        "helpUrl": "https://design-system.service.gov.uk/components/button/",
        "nodes": [{"target": [".button"], "html": b} for b in buttons],
    }


def _too_heavy(weight: int) -> dict:
    return {
        "id": "page-weight",
        "impact": "moderate",
        "help": f"HTML and CSS weigh {weight} bytes, over the {PAGE_BUDGET} bytes budget",
        "helpUrl": "",
        "nodes": [],
    }


def _invalid_html(errors: list[dict]) -> list[dict]:
    return [
        {
            "id": "html-validator",
            "impact": "serious",
            "help": f"Nu Html Checker, line {e['line']}: {e['message']}",
            "helpUrl": "https://validator.github.io/validator/",
            "nodes": [{"target": [f"line {e['line']}"], "html": e["extract"]}],
        }
        for e in errors
    ]


def _server_error(status: int) -> dict:
    return {
        "id": "server-error",
        "impact": "critical",
        "help": f"The page answered {status}: it was not the page meant to be checked",
        "helpUrl": "",
        "nodes": [],
    }


class Audit:
    """Runs axe on the current page, keeps screenshots, and collects every page's violations."""

    def __init__(self, page, artifacts: Path):
        self.page = page
        self.folder = artifacts / "a11y"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.failures: dict[str, list[dict]] = {}
        self.checked: list[str] = []
        self.status = 200
        self.response = None
        self.html: dict[str, str] = {}  # each page's HTML as served, for the validator
        self.css_sizes: dict[str, int] = {}
        self.weights: dict[str, int] = {}
        page.on("response", self._seen)

    def _seen(self, response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.status = response.status
            self.response = response

    def check(self, name: str) -> None:
        page = self.page
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
        )
        self.checked.append(name)
        self.html[f"{name} ({page.url})"] = self.response.text() if self.response else ""
        # axe leaves some findings "incomplete" (needs review) when it cannot be sure, e.g. an
        # aria-describedby naming a missing id; those are real faults here too. Colour
        # contrast over a background it cannot compute is the one kind left to review by eye.
        unsure = [i for i in result["incomplete"] if i["id"] not in REVIEW_BY_EYE]
        findings = result["violations"] + unsure
        if self.status >= 500:
            findings.append(_server_error(self.status))
        title = page.title()
        has_errors = page.locator(".error-summary").count() > 0
        errors_first = title.startswith(ERROR_PREFIXES)
        if not title.split(" · ")[0].strip() or has_errors != errors_first:
            findings.append(_untitled(title))
        unlabelled = page.evaluate(UNLABELLED_CELLS)
        if unlabelled:
            findings.append(_unlabelled(unlabelled))
        primary = page.evaluate(PRIMARY_BUTTONS)
        if len(primary) > 1:
            findings.append(_many_primary(primary))
        for label, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=self.folder / f"{name}-{label}.png", full_page=True)
            wide = page.evaluate("document.documentElement.scrollWidth")
            if wide > width:  # WCAG 1.4.10 Reflow: no sideways scrolling on a phone
                findings.append(_too_wide(wide, width, page))
        weight = self._weight()
        self.weights[name] = weight
        if weight > PAGE_BUDGET:
            findings.append(_too_heavy(weight))
        if findings:
            self.failures[f"{name} ({page.url})"] = findings
        page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})

    def _weight(self) -> int:
        """Bytes of this page's HTML plus its stylesheets (fetched once each)."""
        html = self.page.evaluate("performance.getEntriesByType('navigation')[0].decodedBodySize")
        hrefs = self.page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        )
        for href in hrefs:
            if href not in self.css_sizes:
                self.css_sizes[href] = len(self.page.request.get(href).body())
        return html + sum(self.css_sizes[h] for h in hrefs)

    def submit_empty(self, button) -> None:
        """Submit a form as it is, past the browser's own checks, to see the page's errors."""
        self.page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
        self.follow(button)

    def follow(self, locator) -> None:
        """Click a link or button and wait for the page it leads to: checking the page that is
        still unloading would inject axe into a document without a body."""
        with self.page.expect_navigation():
            locator.click()

    def visit(self, url: str, name: str) -> None:
        self.page.goto(url)
        self.check(name)

    def validate_html(self) -> None:
        """All of this test's pages through the Nu Html Checker in one run: 0 errors."""
        absent = vnu.missing()
        if absent:
            if os.environ.get("CI") == "true":
                self.failures["the HTML validator"] = [
                    {"id": "html-validator", "impact": "critical", "help": absent}
                    | {"helpUrl": "", "nodes": []}
                ]
            else:
                warnings.warn(f"HTML not validated: {absent}", stacklevel=2)
            return
        for name, errors in vnu.validate(self.html).items():
            self.failures.setdefault(name, []).extend(_invalid_html(errors))

    def assert_clean(self) -> None:
        self.validate_html()
        report = "\n".join(
            f"{page}: {len(v)} violation(s)\n{_describe(v)}" for page, v in self.failures.items()
        )
        assert not self.failures, f"axe found WCAG 2.1 A/AA violations:\n{report}"
        print(json.dumps({"pages_checked": self.checked, "bytes": self.weights}))


@pytest.fixture
def audit(page, artifacts) -> Audit:
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
    return Audit(page, artifacts)


def test_public_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    base = live_server.url
    audit.visit(f"{base}/login/", "login")
    page.get_by_label("Account name").fill("alice")
    page.get_by_label("Password").fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    audit.check("login-error")
    audit.visit(f"{base}/password-reset/", "password-reset")
    audit.visit(f"{base}/register-organization/", "register-organization")
    audit.submit_empty(page.locator("main form button[type=submit]").last)
    audit.check("register-organization-errors")
    audit.visit(f"{base}/no-such-page/", "not-found")
    page.keyboard.press("Tab")  # the keyboard's first stop skips the header
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Go to News")).to_be_focused()
    # In French, by the switcher in the header (a form: no JavaScript needed).
    page.goto(f"{base}/login/")
    audit.follow(page.get_by_role("button", name="Français"))
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion")
    audit.check("login-fr")
    page.get_by_label("Nom de compte").fill("alice")
    page.get_by_label("Mot de passe").fill("wrong password")
    audit.follow(page.get_by_role("button", name="Se connecter"))
    audit.check("login-fr-error")
    audit.visit(f"{base}/password-reset/", "password-reset-fr")
    audit.follow(page.get_by_role("button", name="English"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    audit.assert_clean()


def _a_decided_request(personas) -> None:
    """A request Alice made that Bob's group decided: a row in Done and in My requests."""
    from tasks import services
    from tasks.tests.helpers import make_task

    task = make_task(personas, summary="Confirm the settlement calendar", actor=personas.alice)
    services.accept_task(task, actor=personas.bob)
    services.approve_task(task, actor=personas.bob, comment="Confirmed.")


def test_alice_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    base = live_server.url
    browser_sign_in(page, base, "alice")
    audit.check("news")
    audit.visit(f"{base}/actions/", "actions")
    audit.visit(f"{base}/tasks/", "tasks-empty")
    _a_decided_request(live_personas)
    audit.visit(f"{base}/tasks/done/", "tasks-done")
    audit.visit(f"{base}/tasks/my-requests/", "tasks-my-requests")
    audit.visit(f"{base}/me/", "manage-my-information")
    from apitokens.tests.helpers import token_for

    token_for(live_personas.alice, "checked by axe")
    audit.visit(f"{base}/me/", "manage-my-information-with-token")
    audit.follow(page.get_by_role("link", name="Revoke the token checked by axe"))
    audit.check("revoke-api-token")
    audit.visit(f"{base}/me/api-tokens/", "create-api-token")
    audit.submit_empty(page.get_by_role("button", name="Create token"))
    audit.check("create-api-token-errors")
    audit.visit(f"{base}/organizations/", "update-organization")
    audit.visit(f"{base}/organizations/{live_personas.northwind.org_id}/", "organization")
    audit.visit(f"{base}/organizations/{live_personas.northwind.org_id}/audit/", "audit-log")
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/", "update-contacts"
    )
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-person/", "by-person"
    )
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-person/?q=Erin",
        "by-person-search",
    )
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-person/{live_personas.person('erin').person_id}/",
        "person-roles",
    )
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-role/", "by-role"
    )
    northwind = live_personas.northwind.org_id
    role = f"{base}/organizations/{northwind}/contacts/by-role/rights_administrator/"
    audit.visit(role, "role-holders")
    audit.visit(f"{role}?q=Erin", "role-holders-search")
    audit.visit(f"{role}?q=Zed+Nobody", "role-holders-search-empty")
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/persons/new/?q=Zed+Nobody&role=rights_administrator",
        "register-person",
    )
    audit.submit_empty(page.locator("main form button[type=submit]").last)
    audit.check("register-person-errors")
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-role/primary_contact/",
        "primary-contacts",
    )
    # The only Primary Contact is not offered Remove (the reason stands in its place); a
    # removal that is offered: Carol as Invoicing and Banking Contact.
    audit.visit(
        f"{base}/organizations/{northwind}/contacts/by-role/invoicing_banking_contact/",
        "banking-contacts",
    )
    audit.follow(page.get_by_role("link", name="Remove Carol Singh"))
    audit.check("confirm-remove-contact")
    # By Section: the list, the add form, a section's page and its removal's confirmation.
    audit.visit(f"{base}/organizations/{northwind}/contacts/by-section/", "by-section")
    audit.visit(f"{base}/organizations/{northwind}/contacts/by-section/new/", "add-section")
    audit.follow(page.get_by_role("link", name="Cancel"))
    audit.follow(page.get_by_role("link", name="Settlements Desk"))
    audit.check("section")
    audit.follow(page.get_by_role("link", name="Remove this section"))
    audit.check("confirm-remove-section")
    audit.visit(f"{base}/organizations/{live_personas.northwind.org_id}/banking/", "banking-alice")
    audit.assert_clean()


def test_carol_banking_page_has_no_axe_violations(live_server, live_personas, page, audit):
    base = live_server.url
    browser_sign_in(page, base, "carol")
    audit.visit(f"{base}/banking/", "banking-choose")
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/banking/",
        "update-banking-information",
    )
    audit.assert_clean()


def test_dave_access_and_task_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    from systems.models import InformationSystem
    from systems.services import request_access
    from tasks.models import Task

    metering = InformationSystem.objects.get(code="metering")
    request_access(
        live_personas.northwind,
        metering,
        level="read",
        reason="Meter checks",
        actor=live_personas.erin,
    )
    base = live_server.url
    browser_sign_in(page, base, "dave")
    audit.visit(f"{base}/access/request/", "request-access")
    audit.visit(f"{base}/organizations/{live_personas.northwind.org_id}/access/", "manage-access")
    audit.follow(page.get_by_role("link", name="Request a machine account"))
    audit.check("machine-account-request")
    audit.submit_empty(page.get_by_role("button", name="Send for approval"))
    audit.check("machine-account-request-errors")
    # The demo's active machine account: its credentials page, then the secret shown once.
    page.goto(f"{base}/organizations/{live_personas.northwind.org_id}/access/")
    audit.follow(page.get_by_role("link", name="Issue credentials for Metering Data uploader"))
    audit.check("machine-account-credentials")
    audit.follow(page.get_by_role("button", name="Issue credentials"))
    expect(page.get_by_text("Copy the client secret now.")).to_be_visible()
    audit.check("machine-account-credentials-issued")
    audit.visit(f"{base}/organizations/{live_personas.northwind.org_id}/webhooks/", "webhooks")
    audit.follow(page.get_by_role("link", name="integrations guide"))
    audit.check("integrations-guide")
    audit.visit(f"{base}/tasks/", "tasks")
    audit.follow(page.get_by_role("link", name="Approve access request").first)
    audit.check("task")
    # The task's conversation (issue 17): a comment that needs correcting, then one added.
    audit.submit_empty(page.get_by_role("button", name="Add comment"))
    audit.check("conversation-errors")
    page.get_by_label("Your comment").fill("Which meters do you check?")
    audit.follow(page.get_by_role("button", name="Add comment"))
    audit.check("task-with-comment")
    task = Task.objects.open().get(kind="access_request")
    browser_sign_in(page, base, "erin")  # the requester, outside the Rights Administrators
    audit.visit(f"{base}/conversations/task/{task.pk}/", "conversation")
    audit.assert_clean()


def test_account_and_decision_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    base = live_server.url
    browser_sign_in(page, base, "alice")
    audit.visit(f"{base}/reauthenticate/", "reauthenticate")
    audit.visit(f"{base}/account/password/", "change-password")
    audit.visit(f"{base}/account/two-factor/", "two-factor")
    audit.visit(f"{base}/account/secret-questions/", "secret-questions")
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/contacts/by-person/{live_personas.person('erin').person_id}/remove/",
        "remove-member",
    )
    audit.visit(
        f"{base}/organizations/{live_personas.northwind.org_id}/access/person/{live_personas.person('erin').person_id}/",
        "person-access",
    )
    audit.visit(f"{base}/notices/new/", "issue-notice")
    browser_sign_out(page)
    audit.visit(f"{base}/password-reset/sent/", "password-reset-sent")
    audit.visit(f"{base}/password-reset/not-a-real-token/", "password-reset-link-invalid")
    audit.assert_clean()


def test_staff_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    from systems import machines
    from systems.models import InformationSystem

    # Dave is Northwind's only Rights Administrator: his machine account request is staff's.
    machines.request_machine_account(
        live_personas.northwind,
        InformationSystem.objects.get(code="metering"),
        owner=live_personas.person("alice"),
        name="Nightly meter upload",
        purpose="Uploads interval meter data every night.",
        level="submit",
        actor=live_personas.dave,
    )
    base = live_server.url
    browser_sign_in(page, base, "staff")
    audit.visit(f"{base}/tasks/", "tasks-staff")
    audit.follow(page.get_by_role("link", name=re.compile("^Approve machine account")).first)
    audit.check("machine-account-task")
    audit.follow(page.get_by_role("link", name=re.compile(r"^Approve\s*(:|task)")).first)
    audit.check("machine-account-task-approve")
    audit.visit(f"{base}/backoffice/", "backoffice-home")
    audit.visit(f"{base}/backoffice/organizations/", "backoffice-organizations")
    audit.visit(f"{base}/backoffice/organizations/?q=north", "backoffice-organizations-search")
    audit.visit(
        f"{base}/backoffice/organizations/{live_personas.northwind.org_id}/",
        "backoffice-organization",
    )
    audit.visit(
        f"{base}/backoffice/organizations/{live_personas.northwind.org_id}/edit/",
        "backoffice-edit-organization",
    )
    page.get_by_label("Legal name").fill("")
    audit.submit_empty(page.get_by_role("button", name="Save the details"))
    audit.check("backoffice-edit-organization-errors")
    audit.visit(f"{base}/backoffice/persons/", "backoffice-persons")
    audit.visit(f"{base}/backoffice/persons/?q=martin", "backoffice-persons-search")
    audit.visit(f"{base}/backoffice/persons/?q=x", "backoffice-persons-search-error")
    audit.visit(
        f"{base}/backoffice/persons/{live_personas.person('alice').person_id}/", "backoffice-person"
    )
    audit.visit(
        f"{base}/backoffice/persons/{live_personas.person('staff').person_id}/",
        "backoffice-person-staff",
    )
    audit.visit(
        f"{base}/backoffice/persons/{live_personas.person('erin').person_id}/account/deactivate/",
        "deactivate-account",
    )
    audit.visit(f"{base}/backoffice/role-types/", "backoffice-role-types")
    audit.visit(f"{base}/backoffice/role-types/new/", "backoffice-add-role-type")
    audit.visit(f"{base}/backoffice/role-types/primary_contact/", "backoffice-role-type")
    audit.visit(f"{base}/backoffice/systems/", "backoffice-systems")
    audit.visit(f"{base}/backoffice/systems/mpi/", "backoffice-system")
    audit.visit(f"{base}/backoffice/applications/", "backoffice-applications")
    audit.visit(f"{base}/backoffice/coverage/", "backoffice-coverage")
    audit.visit(f"{base}/announcements/new/", "publish-announcement")
    page.get_by_label("Title", exact=True).fill("Portal maintenance")
    page.get_by_label("Announcement", exact=True).fill("Saturday 02:00 to 04:00.")
    audit.follow(page.get_by_role("button", name="Preview", exact=True))
    audit.check("publish-announcement-preview")
    audit.follow(page.get_by_role("button", name="Publish", exact=True))
    audit.visit(f"{base}/backoffice/announcements/", "backoffice-announcements")
    audit.follow(page.get_by_role("link", name="Withdraw “Portal maintenance”"))
    audit.check("withdraw-announcement")
    audit.visit(f"{base}/notices/new/", "issue-notice-staff")
    audit.visit(f"{base}/admin/", "admin")
    audit.visit(f"{base}/admin/registry/organization/", "admin-organizations")
    audit.visit(
        f"{base}/admin/registry/organization/{live_personas.northwind.org_id}/change/",
        "admin-organization",
    )
    audit.visit(f"{base}/admin/audit/auditentry/", "admin-audit")
    audit.assert_clean()


def test_deciding_a_task_has_no_axe_violations(live_server, live_personas, page, audit):
    from systems.models import InformationSystem
    from systems.services import request_access

    metering = InformationSystem.objects.get(code="metering")
    request_access(live_personas.northwind, metering, level="read", actor=live_personas.erin)
    base = live_server.url
    browser_sign_in(page, base, "dave")
    audit.visit(f"{base}/tasks/", "tasks-dave")
    audit.follow(page.get_by_role("link", name="Approve access request").first)
    audit.follow(page.get_by_role("link", name=re.compile("^Reject")).first)
    audit.check("task-reject")
    audit.submit_empty(page.get_by_role("button", name="Reject"))
    audit.check("task-reject-errors")
    audit.assert_clean()


def test_dormant_account_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    """Lakeshore's Primary Contact on the page of Henry Lawson, the demo's dormant account
    (disabled for lack of sign-ins, with Enable offered)."""
    from accounts.demo import DORMANT_DEMO

    base = live_server.url
    browser_sign_in(page, base, "frank")
    lakeshore = live_personas.lakeshore.org_id
    audit.visit(
        f"{base}/organizations/{lakeshore}/contacts/by-person/{DORMANT_DEMO[1]}/",
        "person-roles-dormant",
    )
    expect(page.get_by_role("button", name="Enable the account of Henry Lawson")).to_be_visible()
    audit.assert_clean()


def test_participation_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    """Manage Participation (issue 17) as Lakeshore's Applicant Representative, whose demo
    application has its bank details returned, and its review pages as operator staff."""
    from participation.models import Application
    from participation.tests.helpers import probe_type

    probe_type(document=True)
    base = live_server.url
    lakeshore = live_personas.lakeshore.org_id
    returned = Application.objects.get(organization=live_personas.lakeshore)
    northwind = Application.objects.get(organization=live_personas.northwind)
    browser_sign_in(page, base, "grace")
    audit.visit(f"{base}/participation/", "participation-choose")
    audit.visit(f"{base}/organizations/{lakeshore}/participation/", "participation-organization")
    audit.visit(
        f"{base}/organizations/{lakeshore}/participation/apply/probe-participant/",
        "participation-start",
    )
    audit.visit(
        f"{base}/organizations/{lakeshore}/applications/{returned.pk}/", "participation-returned"
    )
    bank = page.get_by_role("form", name="Canadian bank account details")
    bank.get_by_label("Account holder").fill("")
    audit.follow(bank.get_by_role("button", name=re.compile("Submit")))
    audit.check("participation-requirement-errors")
    browser_sign_in(page, base, "staff")
    audit.visit(f"{base}/backoffice/participation/", "participation-queue")
    audit.visit(f"{base}/backoffice/participation/{returned.pk}/", "participation-review")
    audit.visit(f"{base}/backoffice/participation/{northwind.pk}/", "participation-authorized")
    audit.visit(f"{base}/backoffice/participation-types/", "participation-types")
    audit.visit(f"{base}/backoffice/participation-types/probe-participant/", "participation-type")
    audit.assert_clean()


def test_certification_pages_have_no_axe_violations(live_server, live_personas, page, audit):
    """Operator staff's certification pages (issue: certification), then Northwind's list as
    Bob, its Authorized Representative: to confirm, the attest page, and the attested list."""
    from certification.models import Certification
    from certification.services import confirm_all
    from certification.tests.helpers import start

    base = live_server.url
    northwind = live_personas.northwind.org_id
    browser_sign_in(page, base, "staff")
    audit.visit(f"{base}/backoffice/certifications/", "certifications-empty")
    audit.follow(page.get_by_role("link", name="Start a certification"))
    audit.check("certification-start")
    audit.submit_empty(page.get_by_role("button", name="Start the certification"))
    audit.check("certification-start-errors")
    campaign = start(live_personas, organizations=[northwind])
    cert = Certification.objects.get(campaign=campaign)
    audit.visit(f"{base}/backoffice/certifications/", "certifications")
    audit.visit(f"{base}/backoffice/certifications/{campaign.pk}/", "certification-campaign")
    browser_sign_in(page, base, "bob")
    listed = f"{base}/organizations/{northwind}/certifications/{cert.pk}/"
    audit.visit(listed, "certification")
    confirm_all(cert, actor=live_personas.bob)
    audit.visit(listed, "certification-all-confirmed")
    audit.follow(page.get_by_role("link", name="Attest the registration"))
    audit.check("certification-attest")
    audit.follow(page.get_by_role("button", name="Yes, attest"))
    expect(page.locator("code.digest")).to_be_visible()
    audit.check("certification-attested")
    audit.assert_clean()
