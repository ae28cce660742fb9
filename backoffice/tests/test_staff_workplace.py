"""The staff workplace (`/backoffice/`): who may open it, what it shows, what it costs."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEntry
from core.testing import DEMO
from registry.models import Organization
from registry.services import create_organization

pytestmark = pytest.mark.django_db

STAFF_PAGES = [
    "/backoffice/",
    "/backoffice/organizations/",
    "/backoffice/organizations/?q=north",
    f"/backoffice/organizations/{DEMO.northwind.org_id}/",
    f"/backoffice/organizations/{DEMO.lakeshore.org_id}/",
    f"/backoffice/organizations/{DEMO.northwind.org_id}/edit/",
    "/backoffice/persons/",
    "/backoffice/persons/?q=martin",
    f"/backoffice/persons/{DEMO.person('alice').person_id}/",
    f"/backoffice/persons/{DEMO.person('frank').person_id}/",
]

# (persona, url, expected): staff pages are invisible (404) to everyone but operator staff.
ROWS = [
    (who, url, 200 if who == "staff" else 404)
    for url in STAFF_PAGES
    for who in ("alice", "erin", "frank", "staff")
] + [
    ("staff", "/backoffice/organizations/999999/", 404),
    ("staff", "/backoffice/persons/999999/", 404),
]


@pytest.mark.parametrize("who, url, expected", ROWS)
def test_permission_matrix(client, personas, who, url, expected):
    client.force_login(getattr(personas, who))
    assert client.get(url).status_code == expected


@pytest.mark.parametrize("url", STAFF_PAGES[:2])
def test_signed_out_visitors_are_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_staff_pages_refuse_writes_by_method(client, personas):
    client.force_login(personas.staff)
    assert client.post("/backoffice/").status_code == 405


@pytest.fixture
def staff_client(client, personas):
    client.force_login(personas.staff)
    return client


def html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def queries_of(client, url: str) -> int:
    """How many queries a page costs (for comparing the same page at two sizes)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        html(client.get(url))
    return len(ctx.captured_queries)


# --- Navigation and the admin ---------------------------------------------------------------


def test_the_staff_navigation_leads_to_the_back_office_not_the_admin(staff_client):
    page = html(staff_client.get("/news/"))
    assert 'href="/backoffice/">Back office</a>' in page
    assert 'href="/admin/"' not in page


def test_people_who_are_not_staff_see_no_back_office_link(client, personas):
    client.force_login(personas.alice)
    assert "Back office" not in html(client.get("/news/"))


@pytest.fixture
def plain_staff(db):
    return User.objects.create_user("oscar", password="x-Long-Passw0rd", is_staff=True)


@pytest.mark.parametrize("url", ["/admin/", "/admin/registry/organization/", "/admin/login/"])
def test_the_admin_refuses_staff_who_are_not_superusers_and_says_where_to_work(
    client, plain_staff, url
):
    client.force_login(plain_staff)
    response = client.get(url)
    assert response.status_code == 403
    assert "superusers only" in response.content.decode()


@pytest.mark.parametrize("url", ["/admin/", "/admin/registry/organization/", "/admin/login/"])
def test_the_admin_is_invisible_to_people_who_are_not_staff(client, personas, url):
    client.force_login(personas.alice)
    assert client.get(url).status_code == 404


def test_the_admin_is_open_to_superusers_under_a_header_naming_the_operator_once(
    staff_client, settings
):
    page = html(staff_client.get("/admin/"))
    assert "Maintenance (superusers only)" in page
    assert f"{settings.OPERATOR_SHORT_NAME} {settings.OPERATOR_SHORT_NAME}" not in page
    assert f"{settings.OPERATOR_SHORT_NAME}</span>{settings.OPERATOR_SHORT_NAME}" not in page


def test_the_staff_home_offers_the_admin_only_to_superusers(client, personas, plain_staff):
    client.force_login(personas.staff)
    assert 'href="/admin/"' in html(client.get("/backoffice/"))
    client.force_login(plain_staff)
    assert 'href="/admin/"' not in html(client.get("/backoffice/"))


# --- The staff home -------------------------------------------------------------------------


def test_the_staff_home_says_what_waits(staff_client):
    from backoffice.tests.helpers import submit

    submit()
    page = html(staff_client.get("/backoffice/"))
    assert "1 application to register an organization awaits a decision." in page
    for heading in [
        "Applications to review",
        "Tasks escalated to staff",
        "Overdue tasks",
        "Coverage gaps",
        "Failed e-mails",
        "Access reviews in progress",
    ]:
        assert heading in page


def test_the_staff_home_lists_e_mails_that_could_not_be_delivered(staff_client):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.create(
        status="FAILED",
        args_kwargs={"args": [["a@x.example", "b@x.example"], "Notice: outage", "body"]},
        task_path="core.mail.deliver_email",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path="smtplib.SMTPException",
        traceback="",
    )
    page = html(staff_client.get("/backoffice/"))
    assert "1 e-mail could not be delivered." in page
    assert "Notice: outage" in page


def test_the_staff_home_costs_the_same_whatever_is_waiting(
    staff_client, django_assert_num_queries, personas
):
    from backoffice.tests.helpers import submit

    staff_client.get("/backoffice/")  # warm the session and the user
    before = queries_of(staff_client, "/backoffice/")
    for _ in range(3):
        submit()
    assert queries_of(staff_client, "/backoffice/") == before


# --- Organizations --------------------------------------------------------------------------


def test_organizations_are_found_by_name_or_id(staff_client):
    page = html(staff_client.get("/backoffice/organizations/?q=lakeshore"))
    assert "Lakeshore Energy Inc." in page and "Northwind" not in page
    page = html(staff_client.get(f"/backoffice/organizations/?q={DEMO.northwind.org_id}"))
    assert "Northwind Power Corp." in page and "Lakeshore" not in page
    page = html(staff_client.get("/backoffice/organizations/?q=nobody+here"))
    assert "No organization matches “nobody here”." in page


def _add_organizations(personas, n: int) -> None:
    for i in range(n):
        create_organization(
            data={"legal_name": f"Zeta Test {i:03} Ltd."},
            primary_contact=personas.person("alice"),
            authorized_representative=personas.person("bob"),
            actor=personas.staff,
        )


def test_the_organization_list_is_paged_in_a_fixed_number_of_queries(
    staff_client, personas, django_assert_num_queries
):
    staff_client.get("/backoffice/organizations/")
    # session, user with their person, count, page
    with django_assert_num_queries(4):
        html(staff_client.get("/backoffice/organizations/"))
    _add_organizations(personas, 60)
    with django_assert_num_queries(4):
        page = html(staff_client.get("/backoffice/organizations/?page=2"))
    assert "Page 2 of 2" in page


def test_the_organization_page_shows_contacts_members_access_banking_and_audit(staff_client):
    page = html(staff_client.get(f"/backoffice/organizations/{DEMO.northwind.org_id}/"))
    for text in [
        "Contacts by role",
        "Alice Martin",
        "Members",
        "Erin Walsh",
        "Member, no role",
        "Access to information systems",
        "Market Participant Interface",
        "First Canadian Bank",
        "****4567",
        "Latest changes",
    ]:
        assert text in page, text
    assert "1234567" not in page  # the account number stays masked
    # Northwind has an Authorized Representative: staff are not offered to appoint one.
    assert "Appoint an Authorized Representative" not in page


def test_the_organization_page_costs_the_same_whatever_its_size(
    staff_client, personas, django_assert_num_queries
):
    from registry.services import register_person

    org = personas.northwind
    url = f"/backoffice/organizations/{org.org_id}/"
    staff_client.get(url)
    before = queries_of(staff_client, url)
    for i in range(5):
        register_person(
            org,
            data={
                "first_name": "Test",
                "last_name": f"Member{i}",
                "email": f"member{i}@northwind.example",
                "phone": "+14165550199",
            },
            actor=personas.alice,
        )
    assert queries_of(staff_client, url) == before


# --- Persons --------------------------------------------------------------------------------


def test_persons_are_found_by_name_e_mail_or_person_id(staff_client):
    assert "Alice Martin" in html(staff_client.get("/backoffice/persons/?q=martin"))
    page = html(staff_client.get(f"/backoffice/persons/?q={DEMO.person('frank').person_id}"))
    assert "Frank Dubois" in page and "Alice" not in page
    page = html(staff_client.get("/backoffice/persons/?q=x"))
    assert "Type at least 2 characters to search." in page


def test_the_person_list_is_paged_in_a_fixed_number_of_queries(
    staff_client, django_assert_num_queries
):
    staff_client.get("/backoffice/persons/")
    # session, user with their person, count, page with accounts
    with django_assert_num_queries(4):
        page = html(staff_client.get("/backoffice/persons/"))
    assert "Alice Martin" in page and "Olivia Operator" in page


def test_the_person_page_shows_organizations_roles_and_account_state(staff_client, personas):
    page = html(
        staff_client.get(f"/backoffice/persons/{personas.person('ivan').person_id}/")
    )  # ivan: two organizations
    assert "Northwind Power Corp." in page and "Lakeshore Energy Inc." in page
    assert "Rights Administrator" in page and "Member, no role" in page
    assert "Not locked" in page and "Second factor" in page and "Not set up" in page


def test_the_person_page_says_when_the_account_is_locked(staff_client, settings):
    AccessAttempt.objects.create(
        username="alice",
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )
    page = html(staff_client.get(f"/backoffice/persons/{DEMO.person('alice').person_id}/"))
    assert "Locked after repeated failed sign-ins" in page


def test_the_staff_search_for_persons_is_audited(staff_client):
    staff_client.get("/backoffice/persons/?q=martin")
    entry = AuditEntry.objects.filter(action="person.searched").order_by("-id").first()
    assert entry.details["query"] == "martin"


def test_the_admin_is_no_longer_the_way_to_an_organization(staff_client):
    page = html(staff_client.get("/backoffice/coverage/"))
    assert "/admin/" not in page
    assert Organization.objects.exists()


# --- A person's account: the actions of accounts.services -----------------------------------


def lock(username: str, settings) -> None:
    AccessAttempt.objects.create(
        username=username,
        ip_address="127.0.0.1",
        user_agent="test",
        http_accept="*/*",
        path_info="/login/",
        get_data="",
        post_data="",
        failures_since_start=settings.AXES_FAILURE_LIMIT,
    )


def test_staff_unlock_a_locked_account_and_are_told(staff_client, settings):
    lock("erin", settings)
    page = html(staff_client.get(f"/backoffice/persons/{DEMO.person('erin').person_id}/"))
    assert "Unlock the account" in page
    response = staff_client.post(
        f"/backoffice/persons/{DEMO.person('erin').person_id}/account/unlock/", follow=True
    )
    page = html(response)
    assert "The account erin of Erin Walsh is unlocked" in page
    assert "Not locked" in page and "Unlock the account" not in page
    assert not AccessAttempt.objects.filter(username="erin").exists()
    assert AuditEntry.objects.filter(action="account.unlocked").exists()


def test_an_unlocked_account_offers_no_unlock(staff_client):
    assert "Unlock the account" not in html(
        staff_client.get(f"/backoffice/persons/{DEMO.person('erin').person_id}/")
    )


def test_staff_deactivate_an_account_after_confirming_with_a_reason(staff_client, personas):
    url = f"/backoffice/persons/{personas.person('erin').person_id}/account/deactivate/"
    assert "Deactivate the account" in html(
        staff_client.get(f"/backoffice/persons/{personas.person('erin').person_id}/")
    )
    page = html(staff_client.get(url))
    assert "Deactivate the account erin of Erin Walsh?" in page
    assert staff_client.post(url, {"reason": ""}).status_code == 422
    personas.erin.refresh_from_db()
    assert personas.erin.is_active
    page = html(staff_client.post(url, {"reason": "Left the company (PC called)."}, follow=True))
    assert "is deactivated" in page and "Deactivated: cannot sign in" in page
    assert "Reactivate the account" in page
    personas.erin.refresh_from_db()
    assert not personas.erin.is_active
    entry = AuditEntry.objects.filter(action="account.deactivated").get()
    assert entry.details["reason"] == "Left the company (PC called)."
    page = html(
        staff_client.post(
            f"/backoffice/persons/{personas.person('erin').person_id}/account/reactivate/",
            follow=True,
        )
    )
    assert "is active again" in page
    personas.erin.refresh_from_db()
    assert personas.erin.is_active


def test_the_only_primary_contact_who_can_sign_in_is_not_offered_deactivation(staff_client):
    page = html(staff_client.get(f"/backoffice/persons/{DEMO.person('alice').person_id}/"))  # alice
    assert "Deactivate the account" not in page
    assert "only Primary Contact of Northwind Power Corp" in page


def test_staff_are_not_offered_to_change_their_own_account(staff_client):
    page = html(staff_client.get(f"/backoffice/persons/{DEMO.person('staff').person_id}/"))
    assert "Deactivate the account" not in page
    assert "Another operator changes your own account." in page


ACCOUNT_ROWS = [
    (who, method, url, expected if who == "staff" or expected == 405 else 404)
    for method, url, expected in [
        ("get", f"/backoffice/persons/{DEMO.person('erin').person_id}/account/deactivate/", 200),
        ("post", f"/backoffice/persons/{DEMO.person('erin').person_id}/account/unlock/", 302),
        ("post", f"/backoffice/persons/{DEMO.person('erin').person_id}/account/reactivate/", 302),
        ("get", f"/backoffice/persons/{DEMO.person('erin').person_id}/account/unlock/", 405),
    ]
    for who in ("alice", "erin", "frank", "staff")
]


@pytest.mark.parametrize("who, method, url, expected", ACCOUNT_ROWS)
def test_account_actions_permission_matrix(client, personas, who, method, url, expected):
    client.force_login(getattr(personas, who))
    assert getattr(client, method)(url).status_code == expected
