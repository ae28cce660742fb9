"""The browser walks: every seed task, as its persona, at desktop (1280 px) and phone (390 px)
widths, and in French at phone width (chosen with the sign-in page's switcher; every label
from the French catalogue through `walk.t`), by clicking the visible links and buttons the
pages offer. After every click the page must not be a refusal (an error message, an error
summary, a 4xx/5xx answer): an offered action is one the person may take. The clicks each task
takes, in each language, are counted and written as a table to test-artifacts/walks.md (and
printed with `pytest -s`)."""

import json
import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from conftest import ARTIFACTS, DEMO_PASSWORD
from documents.tests.files import pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": 1280, "phone": 390}
# English at both widths; French, chosen with the sign-in page's switcher, at phone width.
RUNS = {"en-desktop": ("en", "desktop"), "en-phone": ("en", "phone"), "fr-phone": ("fr", "phone")}
HTML_LANG = {"en": "en", "fr": "fr-CA"}
# Words that only English uses (as in test_axe_in_french): a French title has none of them.
ENGLISH = re.compile(r"\b(the|your|you|with|this|and|please|must|has been|there)\b", re.I)
REFUSALS = ".message-error, .error-summary, [role=alert]"
TABLE = ARTIFACTS / "walks.md"
RESULTS = ARTIFACTS / "walks"


class Walk:
    """A person clicking through the portal, counting clicks and checking each result."""

    def __init__(self, page, base: str, width: int, language: str = "en") -> None:
        self.page, self.base, self.clicks = page, base, 0
        self.language = language
        self.status = 200
        page.set_viewport_size({"width": width, "height": 900})
        page.on("response", self._seen)

    def _seen(self, response) -> None:
        if response.request.is_navigation_request() and response.frame == self.page.main_frame:
            self.status = response.status

    def click(self, locator) -> None:
        expect(locator).to_be_visible()
        locator.click()
        self.clicks += 1
        self.page.wait_for_load_state()
        self.assert_not_refused()

    def t(self, text: str, context: str | None = None) -> str:
        """`text` as the person reads it: the catalogue's translation in the walk's language."""
        with translation.override(self.language):
            if context:
                return translation.pgettext(context, text)
            return translation.gettext(text)

    def assert_in_language(self) -> None:
        """The page says its language, and in French its title is French."""
        expect(self.page.locator("html")).to_have_attribute("lang", HTML_LANG[self.language])
        if self.language != "en":
            title = self.page.title().split(" · ")[0]
            assert not ENGLISH.search(title), f"{self.page.url}: English title {title!r}"

    def assert_not_refused(self) -> None:
        self.assert_in_language()
        where = self.page.url
        assert self.status < 400, f"{where} answered {self.status}"
        refusals = self.page.locator(REFUSALS)
        if refusals.count():
            text = " | ".join(refusals.all_inner_texts())
            raise AssertionError(f"refused after an offered action at {where}: {text}")
        wide = self.page.evaluate("document.documentElement.scrollWidth")
        width = self.page.viewport_size["width"]
        assert wide <= width, f"{where} scrolls sideways ({wide} px at {width} px)"

    def sign_in(self, username: str) -> None:
        """Signing in is not counted: every task starts from a signed-in News page."""
        self.page.context.clear_cookies()
        self.page.goto(f"{self.base}/login/")
        if self.language != "en":  # the person chooses their language with the switcher
            switcher = self.page.locator("form.language-switcher")
            switcher.get_by_role("button", name="Français").click()
            self.page.wait_for_load_state()
        self.assert_in_language()
        self.page.get_by_label(self.t("Account name")).fill(username)
        self.page.get_by_label(self.t("Password")).fill(DEMO_PASSWORD)
        self.page.get_by_role("button", name=self.t("Sign in", "button")).click()
        expect(self.page.get_by_role("heading", level=1, name=self.t("News"))).to_be_visible()
        self.assert_in_language()

    def nav(self, name: str) -> None:
        main = self.page.get_by_role("navigation", name=self.t("Main", "navigation"))
        self.click(main.get_by_role("link", name=self.t(name)))

    def link(self, name) -> None:
        self.click(self.page.get_by_role("link", name=name).first)

    def button(self, name) -> None:
        self.click(self.page.get_by_role("button", name=name).first)

    def says(self, text: str) -> None:
        expect(self.page.locator(".messages")).to_contain_text(text)

    def starts(self, text: str) -> re.Pattern:
        return starts(self.t(text))


def starts(text: str) -> re.Pattern:
    return re.compile("^" + re.escape(text))


def _write_table() -> str:
    """The table of every walk recorded so far (one file per walk and width, so that walks
    run by parallel workers all count)."""
    counts = {}
    for path in sorted(RESULTS.glob("*.json")):
        entry = json.loads(path.read_text())
        counts[(entry["task"], entry.get("run", f"en-{entry['width']}"))] = entry["clicks"]
    lines = [
        "| seed task | clicks at 1280 px | clicks at 390 px | in French at 390 px |",
        "|---|---|---|---|",
    ]
    for task in sorted({task for task, _ in counts}):
        cells = " | ".join(str(counts.get((task, run), "–")) for run in RUNS)
        lines.append(f"| {task} | {cells} |")
    TABLE.write_text("\n".join(lines) + "\n")
    return "\n".join(lines)


@pytest.fixture(scope="module", autouse=True)
def _click_table():
    RESULTS.mkdir(parents=True, exist_ok=True)
    yield
    print("\nClicks per seed task (signing in not counted)\n" + _write_table())


# The French run gets past sign-in (the language chosen on the sign-in page is kept), then stops
# where a walk expects a message or a link whose English has values in it ("… has been saved",
# "Add {name} as Rights Administrator"): `walk.t` translates whole catalogue entries only, so
# these steps still look for English. Strict: a French walk that passes must lose this mark.
FRENCH_SENTENCES_WITH_VALUES = pytest.mark.xfail(
    strict=True,
    reason="the walk looks for messages and link names with values in English: walk.t "
    "cannot translate them yet",
)


@pytest.fixture(
    params=[
        pytest.param(run, marks=FRENCH_SENTENCES_WITH_VALUES) if run.startswith("fr") else run
        for run in RUNS
    ]
)
def walk(request, live_server, live_personas, page):
    language, width = RUNS[request.param]
    w = Walk(page, live_server.url, WIDTHS[width], language)
    w.width_name, w.run = width, request.param
    yield w


def record(walk: Walk, task: str) -> None:
    name = re.sub(r"\W+", "-", task).strip("-")
    entry = {"task": task, "width": walk.width_name, "run": walk.run, "clicks": walk.clicks}
    (RESULTS / f"{name}-{walk.run}.json").write_text(json.dumps(entry))


def _add_rights_administrator(walk: Walk, first_name: str, full_name: str) -> None:
    walk.nav("Actions")
    walk.link(walk.starts("Update Organization"))
    walk.link(walk.starts("By Role"))
    walk.link(re.compile("^" + re.escape(walk.t("Rights Administrator")) + "$"))
    walk.page.get_by_label(walk.t("Search by name, e-mail or Person ID")).fill(first_name)
    walk.button(walk.t("Search"))
    walk.button(f"Add {full_name} as Rights Administrator")
    walk.says(f"{full_name} (Person ID")
    walk.says(walk.t("is now Rights Administrator"))


def test_alice_adds_and_removes_a_contact(walk):
    walk.sign_in("alice")
    _add_rights_administrator(walk, "Erin", "Erin Walsh")
    walk.link(walk.t("Remove Erin Walsh"))
    walk.button(walk.t("Yes, remove"))
    walk.says(walk.t("Erin Walsh is no longer Rights Administrator"))
    record(walk, "alice adds and removes a contact")


def test_alice_updates_her_details(walk):
    walk.sign_in("alice")
    walk.nav("Actions")
    walk.link(walk.starts("Manage My Information"))
    walk.page.get_by_label(walk.t("Job title")).fill("Director, Market Operations and Trading")
    walk.button(walk.t("Save my information"))
    walk.says(walk.t("has been saved"))
    record(walk, "alice updates her details")


def _submit_banking(walk: Walk, bank: str) -> None:
    walk.nav("Actions")
    walk.link(walk.starts("Update Banking Information"))
    if walk.page.get_by_role("heading", level=1, name=walk.t("Banking information")).count() == 0:
        walk.link(starts("Lakeshore Energy Inc."))  # a choice of organization comes first
    walk.page.get_by_label(walk.t("Bank name")).fill(bank)
    walk.page.get_by_label(walk.t("Institution number")).fill("002")
    walk.page.get_by_label(walk.t("Transit number")).fill("00022")
    walk.page.get_by_label(walk.t("Account number")).fill("7654321")
    walk.page.get_by_label(walk.t("Currency")).select_option(label=walk.t("Canadian dollar (CAD)"))
    walk.page.get_by_label(walk.t("Void cheque or bank letter")).set_input_files(
        {"name": "void-cheque.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    walk.button(walk.t("Submit for approval"))
    walk.says(walk.t("has been submitted"))


def _approve_first_task(walk: Walk) -> None:
    walk.nav("Tasks")
    accept = walk.page.get_by_role(
        "button", name=re.compile("^" + re.escape(walk.t("Accept")) + r"\b")
    )
    if accept.count():
        walk.click(accept.first)
    walk.link(re.compile(r"^Approve\s*(:|task)"))
    walk.button(re.compile("^" + re.escape(walk.t("Approve")) + "$"))
    walk.says(walk.t("You approved"))


def test_carol_submits_banking_and_bob_approves_it(walk):
    walk.sign_in("carol")
    _submit_banking(walk, "Second National Bank")
    carol = walk.clicks
    walk.sign_in("bob")
    _approve_first_task(walk)
    record(walk, "carol submits banking, bob approves it")
    assert carol > 0


def test_grace_submits_lakeshore_banking_and_frank_approves_it(walk):
    walk.sign_in("grace")
    _submit_banking(walk, "Lakeshore Credit Union")
    walk.sign_in("frank")
    _approve_first_task(walk)
    record(walk, "grace submits banking, frank approves it")


def test_erin_requests_access_and_dave_approves_it(walk):
    walk.sign_in("erin")
    walk.nav("Actions")
    walk.link(walk.starts("Request Access"))
    walk.page.get_by_label(walk.t("Access to")).select_option(label=walk.t("Metering Data – read"))
    walk.page.get_by_label(walk.t("Why do you need it?")).fill("Monthly meter reconciliation")
    walk.button(walk.t("Send request"))
    walk.says(walk.t("has gone to the Rights Administrators"))
    walk.sign_in("dave")
    walk.nav("Tasks")
    walk.link(walk.starts("Approve access request"))
    walk.link(walk.starts("Approve"))
    walk.button(re.compile("^" + re.escape(walk.t("Approve")) + "$"))
    walk.says(walk.t("You approved"))
    record(walk, "erin requests access, dave approves it")


def test_ivan_grants_access_for_lakeshore(walk):
    walk.sign_in("ivan")
    walk.nav("Actions")
    walk.link(walk.starts("Manage Access"))
    walk.link("Grace Kim")
    walk.page.get_by_label(walk.t("Level for Settlement Statements")).select_option(
        label=walk.t("Read")
    )
    walk.button(walk.t("Grant access to Settlement Statements"))
    walk.says(walk.t("Settlement Statements"))
    record(walk, "ivan (Lakeshore's Rights Administrator) grants access")


def test_frank_registers_a_rights_administrator_for_lakeshore(walk):
    walk.sign_in("frank")
    _add_rights_administrator(walk, "Grace", "Grace Kim")
    record(walk, "frank adds a Rights Administrator")


def test_staff_publishes_an_announcement(walk):
    walk.sign_in("staff")
    walk.link(walk.t("Publish an announcement"))
    walk.page.get_by_label(walk.t("Title"), exact=True).fill("Planned maintenance")
    walk.page.get_by_label(walk.t("Announcement")).fill(
        "The portal is unavailable on Sunday 02:00–04:00."
    )
    walk.button(walk.t("Preview"))
    walk.button(re.compile("^" + re.escape(walk.t("Publish")) + "$"))
    walk.nav("News")
    expect(walk.page.get_by_text("Planned maintenance").first).to_be_visible()
    record(walk, "staff publishes an announcement")


def test_staff_looks_up_an_organization_and_a_person_in_the_back_office(walk):
    walk.sign_in("staff")
    walk.nav("Back office")
    expect(walk.page.get_by_role("heading", level=1, name=walk.t("Back office"))).to_be_visible()
    walk.link(walk.starts("Organizations"))
    walk.page.get_by_label(walk.t("Search by name or Organization ID")).fill("Northwind")
    walk.button(walk.t("Search"))
    walk.link("Northwind Power Corp.")
    expect(walk.page.get_by_role("heading", level=1, name="Northwind Power Corp.")).to_be_visible()
    walk.link("Alice Martin")
    expect(walk.page.get_by_role("heading", level=1, name="Alice Martin")).to_be_visible()
    account = walk.page.locator("#account + dl")  # her account state, under "Account"
    expect(account).to_contain_text("Account name")
    expect(account.locator("dt:text-is('Status') + dd")).to_have_text("Active")
    expect(account.locator("dt:text-is('Sign-in') + dd")).to_have_text("Not locked")
    walk.click(
        walk.page.get_by_role("navigation", name=walk.t("Back office")).get_by_role(
            "link", name=walk.t("Roles")
        )
    )
    expect(
        walk.page.get_by_role("heading", level=1, name=walk.t("Registration roles"))
    ).to_be_visible()
    walk.click(
        walk.page.get_by_role("navigation", name=walk.t("Back office")).get_by_role(
            "link", name=walk.t("Systems")
        )
    )
    expect(
        walk.page.get_by_role("heading", level=1, name=walk.t("Information systems"))
    ).to_be_visible()
    record(walk, "staff looks up Northwind and Alice, then roles and systems")
