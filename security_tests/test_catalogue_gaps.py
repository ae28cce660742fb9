"""Catalogue cases that no app test covered, or covered only in part (see docs/security.md):
each test names its case number."""

import pytest
from django.test import Client

from accounts.models import User
from accounts.tests.helpers import PASSWORD, sign_in, signed_in
from apitokens.tests.helpers import bearer, token_for
from audit.models import AuditEntry
from banking.tests.helpers import NEW, sign_in_recently
from core.errors import Forbidden, Invalid, RuleViolation
from registry import services
from registry.models import Person, RoleAssignment
from registry.tests.helpers import holds, role

pytestmark = pytest.mark.django_db
JSON = "application/json"


def state() -> tuple:
    return (
        frozenset(RoleAssignment.objects.values_list("membership_id", "role_type_id")),
        Person.objects.count(),
        frozenset(User.objects.filter(is_staff=True).values_list("pk", flat=True)),
    )


# --- Case 13: failures against an unknown name do not block that name later -------------------


def test_case_13_failures_for_an_unknown_name_do_not_block_it_once_registered(client, settings):
    for n in range(settings.AXES_FAILURE_LIMIT + 2):
        sign_in(Client(), "newcomer", "wrong password", ip=f"10.9.0.{n + 1}")
    User.objects.create_user(username="newcomer", password="a long enough passphrase here")
    sign_in(client, "newcomer", "a long enough passphrase here", ip="10.9.1.1")
    assert signed_in(client)


# --- Case 14: no password sign-in through the API at all --------------------------------------


@pytest.mark.parametrize("path", ["/api/v1/auth/login", "/api/v1/login", "/api/v1/token"])
def test_case_14_the_api_has_no_password_sign_in(path):
    response = Client().post(path, {"username": "alice", "password": PASSWORD}, content_type=JSON)
    assert response.status_code in {401, 404, 405}


def test_case_14_basic_credentials_are_not_accepted_by_the_api(personas):
    import base64

    basic = base64.b64encode(f"alice:{PASSWORD}".encode()).decode()
    response = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Basic {basic}")
    assert response.status_code == 401


# --- Case 30: another organization's people through this organization's address --------------


def test_case_30_another_organizations_person_through_my_organizations_pages_is_404(
    client, personas
):
    grace = personas.person("grace").person_id
    client.force_login(personas.alice)
    for path in [
        f"/organizations/{personas.northwind.org_id}/contacts/by-person/{grace}/remove/",
        f"/organizations/{personas.lakeshore.org_id}/contacts/by-person/{grace}/",
        f"/organizations/{personas.lakeshore.org_id}/contacts/",
        f"/access/organizations/{personas.northwind.org_id}/person/{grace}/",
    ]:
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("username", ["alice", "erin"])
def test_case_30_another_organizations_person_on_my_by_person_page_is_404(
    client, personas, username
):
    grace = personas.person("grace").person_id
    client.force_login(getattr(personas, username))
    assert (
        client.get(
            f"/organizations/{personas.northwind.org_id}/contacts/by-person/{grace}/"
        ).status_code
        == 404
    )


def test_case_30_another_organizations_person_through_the_api_is_404(personas):
    grace = personas.person("grace").person_id
    auth = bearer(token_for(personas.alice))
    for path in [
        f"/api/v1/persons/{grace}",
        f"/api/v1/persons/{grace}/organizations",
        f"/api/v1/organizations/{personas.lakeshore.org_id}",
        f"/api/v1/organizations/{personas.lakeshore.org_id}/contacts",
        f"/api/v1/organizations/{personas.lakeshore.org_id}/members",
        f"/api/v1/organizations/{personas.lakeshore.org_id}/access",
        f"/api/v1/organizations/{personas.lakeshore.org_id}/audit",
    ]:
        assert Client().get(path, **auth).status_code == 404, path


# --- Cases 32 and 34: a role conferred through an injected field --------------------------------


def test_case_32_patch_me_cannot_confer_a_role_or_staff(client, personas):
    before = state()
    sign_in_recently(client, personas.erin)
    response = client.patch(
        "/api/v1/me",
        {"is_staff": True, "roles": ["authorized_representative"], "role": "primary_contact"},
        content_type=JSON,
    )
    assert response.status_code in {200, 422}
    assert state() == before
    assert not User.objects.get(pk=personas.erin.pk).is_staff


def test_case_32_the_my_information_page_ignores_injected_role_fields(client, personas):
    before = state()
    sign_in_recently(client, personas.erin)
    client.post(
        "/me/",
        {
            "first_name": "Erin",
            "last_name": "Walsh",
            "email": personas.erin.person.email,
            "phone": "416-555-0100",
            "is_staff": "on",
            "role": "authorized_representative",
            "roles": "primary_contact",
        },
    )
    assert state() == before


@pytest.mark.parametrize("code", ["authorized_representative", "rights_administrator"])
def test_case_34_a_primary_contact_or_representative_cannot_register_what_they_cannot_delegate(
    personas, code
):
    actor = personas.alice if code == "authorized_representative" else personas.bob
    before = state()
    with pytest.raises(Forbidden):
        services.register_person(
            personas.northwind,
            data={
                "first_name": "Nina",
                "last_name": "Novak",
                "email": "nina.novak@example.com",
                "phone": "416-555-0199",
            },
            role_type=role(code),
            actor=actor,
        )
    assert state() == before


def test_case_34_the_api_refuses_registering_with_a_role_one_cannot_delegate(personas):
    before = state()
    response = Client().post(
        "/api/v1/persons",
        {
            "first_name": "Nina",
            "last_name": "Novak",
            "email": "nina.novak@example.com",
            "phone": "416-555-0199",
            "organization_id": personas.northwind.org_id,
            "role": "authorized_representative",
            "is_staff": True,
        },
        content_type=JSON,
        **bearer(token_for(personas.alice)),
    )
    assert response.status_code in {403, 422}
    assert state() == before


# --- Case 36: banking numbers never leak to members outside the banking group --------------


def test_case_36_a_member_without_a_banking_role_sees_no_banking_digits(client, personas):
    client.force_login(personas.erin)
    auth = bearer(token_for(personas.erin))
    pages = [
        "/news/",
        "/tasks/",
        f"/organizations/{personas.northwind.org_id}/",
        f"/organizations/{personas.northwind.org_id}/contacts/",
    ]
    api = [
        f"/api/v1/organizations/{personas.northwind.org_id}",
        "/api/v1/organizations",
        f"/api/v1/organizations/{personas.northwind.org_id}/contacts",
        "/api/v1/news",
        "/api/v1/tasks",
        "/api/v1/persons?q=northwind",
    ]
    for path in pages:
        body = client.get(path).content
        assert b"1234567" not in body and b"****4567" not in body and b"00011" not in body, path
    for path in api:
        body = Client().get(path, **auth).content
        assert b"1234567" not in body and b"4567" not in body, path
    assert client.get(f"/organizations/{personas.northwind.org_id}/banking/").status_code in {
        403,
        404,
    }


def test_case_36_contacts_see_only_the_masked_number_before_a_reveal(client, personas):
    sign_in_recently(client, personas.alice)
    body = client.get(f"/organizations/{personas.northwind.org_id}/banking/").content
    assert b"****4567" in body and b"1234567" not in body


# --- Case 39: cross-site posts to role and banking changes -----------------------------------


def test_case_39_role_and_banking_changes_without_a_csrf_token_are_403(personas):
    ivan = personas.person("ivan").person_id
    client = Client(enforce_csrf_checks=True)
    sign_in_recently(client, personas.carol)
    response = client.post(f"/organizations/{personas.northwind.org_id}/banking/", NEW)
    assert response.status_code == 403
    sign_in_recently(client, personas.alice)
    before = state()
    for path, data in [
        (
            f"/organizations/{personas.northwind.org_id}/contacts/by-role/primary_contact/add/",
            {"person_id": ivan},
        ),
        (
            f"/organizations/{personas.northwind.org_id}/contacts/by-role/rights_administrator/remove/"
            f"{personas.person('dave').person_id}/",
            {},
        ),
        (f"/organizations/{personas.northwind.org_id}/contacts/by-person/{ivan}/remove/", {}),
    ]:
        assert client.post(path, data).status_code == 403, path
    assert state() == before


def test_case_39_a_foreign_origin_is_refused_even_with_a_token(personas):
    client = Client(enforce_csrf_checks=True)
    sign_in_recently(client, personas.carol)
    client.get(f"/organizations/{personas.northwind.org_id}/banking/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"/organizations/{personas.northwind.org_id}/banking/",
        {**NEW, "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="https://evil.example",
        secure=True,
        HTTP_REFERER="https://evil.example/",
    )
    assert response.status_code == 403


# --- Case 40: the AR removing the only PC --------------------------------------------------------


def test_case_40_the_representative_removing_the_only_primary_contact_is_409_and_audited(
    personas,
):
    alice = personas.person("alice")
    refusals = AuditEntry.objects.filter(outcome="refused", action="contact.remove").count()
    with pytest.raises(RuleViolation) as caught:
        services.remove_contact(
            personas.northwind, alice, role("primary_contact"), actor=personas.bob
        )
    assert caught.value.code == "last_holder"
    assert "at least one primary contact is required" in caught.value.message.lower()
    assert holds(alice, personas.northwind, "primary_contact")
    assert (
        AuditEntry.objects.filter(outcome="refused", action="contact.remove").count()
        == refusals + 1
    )
    response = Client().delete(
        f"/api/v1/organizations/{personas.northwind.org_id}/contacts/{alice.person_id}/primary_contact",
        **bearer(token_for(personas.bob)),
    )
    assert response.status_code == 409 and response.json()["code"] == "last_holder"


# --- Case 49: duplicates by confusable or case-variant e-mail ---------------------------------


@pytest.mark.parametrize("email", ["ALICE@{d}", " alice@{d} "])
def test_case_49_case_variants_of_an_email_are_duplicates(personas, email):
    domain = personas.person("alice").email.split("@")[1]
    with pytest.raises(RuleViolation) as caught:
        services.register_person(
            personas.northwind,
            data={
                "first_name": "Other",
                "last_name": "Person",
                "email": email.format(d=domain),
                "phone": "416-555-0198",
            },
            actor=personas.bob,
        )
    assert caught.value.code == "duplicate_person"


@pytest.mark.parametrize(
    "email",
    [
        "\u0430lice@{domain}",  # Cyrillic a in the name: refused as an invalid address
        "\uff41lice@{domain}",  # fullwidth a: refused as an invalid address
        "alice@{confusable_domain}",  # Cyrillic i in the domain: a valid IDN, a duplicate
    ],
)
def test_case_49_confusable_emails_never_register_a_second_person(personas, email):
    domain = personas.person("alice").email.split("@")[1]
    address = email.format(domain=domain, confusable_domain=domain.replace("i", "\u0456"))
    before = Person.objects.count()
    with pytest.raises((RuleViolation, Invalid)) as caught:
        services.register_person(
            personas.northwind,
            data={
                "first_name": "Other",
                "last_name": "Person",
                "email": address,
                "phone": "416-555-0198",
            },
            actor=personas.bob,
        )
    if isinstance(caught.value, RuleViolation):
        assert caught.value.code == "duplicate_person"
        assert (
            f"{personas.person('alice').person_id}" in caught.value.message
        )  # names the Person ID, nothing more
    assert Person.objects.count() == before


# --- Case 50: audit entries carry who, where, when and request id; only readers read ----------


def test_case_50_sign_in_entries_carry_time_actor_address_and_request_id(client, personas):
    sign_in(client, "alice", "wrong password", ip="203.0.113.9")
    sign_in(client, "alice", PASSWORD, ip="203.0.113.9")
    for entry in AuditEntry.objects.order_by("-id")[:2]:
        assert entry.at.utcoffset().total_seconds() == 0
        assert entry.ip == "203.0.113.9"
        assert entry.request_id
        assert PASSWORD not in str(entry.details) and "wrong password" not in str(entry.details)


def test_case_50_refused_role_changes_are_audited_with_actor_org_and_target(personas):
    with pytest.raises(Forbidden):
        services.add_contact(
            personas.northwind,
            personas.person("erin"),
            role("primary_contact"),
            actor=personas.dave,
        )
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.outcome, entry.actor_id, entry.org_id) == (
        "refused",
        personas.dave.pk,
        personas.northwind.org_id,
    )
    assert entry.target_id == str(personas.person("erin").pk) or entry.target_label


@pytest.mark.parametrize("username", ["carol", "dave", "erin", "frank"])
def test_case_50_only_primary_contacts_representatives_and_staff_read_the_audit(personas, username):
    response = Client().get(
        f"/api/v1/organizations/{personas.northwind.org_id}/audit",
        **bearer(token_for(getattr(personas, username))),
    )
    assert response.status_code == (404 if username == "frank" else 403)


# --- Case 51: JSON as text/plain or XML; methods not offered -----------------------------------


@pytest.mark.parametrize(
    "content_type,body",
    [
        ("text/plain", '{"job_title": "x"}'),
        ("application/xml", "<me><job_title>x</job_title></me>"),
    ],
)
def test_case_51_bodies_that_are_not_declared_json_are_415(personas, content_type, body):
    response = Client().patch(
        "/api/v1/me", body, content_type=content_type, **bearer(token_for(personas.alice))
    )
    assert response.status_code == 415


def test_case_51_put_and_delete_where_not_offered_are_405(personas):
    auth = bearer(token_for(personas.alice))
    assert Client().put("/api/v1/me", "{}", content_type=JSON, **auth).status_code == 405
    assert Client().delete("/api/v1/systems", **auth).status_code == 405
