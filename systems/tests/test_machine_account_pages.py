"""The machine account pages and API operations: Manage Access lists them with the actions
each person may take (or why not), the request form, credentials shown once (never cached),
renewal, the revoke confirmation; the list answers in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from systems.models import MachineAccount
from systems.tests.test_machine_accounts import approved, request_for

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _access_page(client, user, org):
    client.force_login(user)
    return client.get(reverse("systems-manage-access", args=[org.org_id]))


def test_manage_access_lists_machine_accounts_with_the_actions_of_a_rights_administrator(
    client, personas
):
    account = approved(personas)
    page = _access_page(client, personas.dave, personas.northwind).content.decode()
    assert "Machine accounts" in page and account.name in page
    for url_name in (
        "systems-machine-credentials",
        "systems-machine-renew",
        "systems-machine-revoke",
    ):
        assert reverse(url_name, args=[personas.northwind.org_id, account.pk]) in page
    assert reverse("systems-request-machine-account", args=[personas.northwind.org_id]) in page


def test_others_see_the_list_and_why_they_cannot_act(client, personas):
    account = approved(personas)
    page = _access_page(client, personas.alice, personas.northwind).content.decode()
    assert account.name in page
    assert (
        reverse("systems-machine-revoke", args=[personas.northwind.org_id, account.pk]) not in page
    )
    assert "Only a Rights Administrator of Northwind Power Corp. can revoke it." in page
    assert "can request a machine account" in page


def test_staff_may_revoke_but_never_see_a_secret(client, personas):
    account = approved(personas)
    page = _access_page(client, personas.staff, personas.northwind).content.decode()
    args = [personas.northwind.org_id, account.pk]
    assert reverse("systems-machine-revoke", args=args) in page
    assert reverse("systems-machine-credentials", args=args) not in page
    assert "can issue its credentials" in page


def test_another_organization_sees_nothing(client, personas):
    account = approved(personas)
    client.force_login(personas.frank)
    url = reverse("systems-machine-credentials", args=[personas.northwind.org_id, account.pk])
    assert client.get(url).status_code == 404
    lakeshore = reverse("systems-machine-credentials", args=[personas.lakeshore.org_id, account.pk])
    assert client.post(lakeshore).status_code == 404


def test_the_list_does_not_grow_in_queries_with_its_rows(client, personas):
    request_for(personas, name="First machine")
    client.force_login(personas.dave)
    url = reverse("systems-manage-access", args=[personas.northwind.org_id])
    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    for n in range(4):
        approved(personas, name=f"Machine {n}")
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    assert len(five) == len(one)


def test_the_request_form_sends_the_request_for_approval(client, personas):
    client.force_login(personas.dave)
    url = reverse("systems-request-machine-account", args=[personas.northwind.org_id])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Settlement fetcher",
            "access": "metering:read",
            "owner": personas.person("dave").person_id,
            "purpose": "Fetches meter data daily.",
        },
    )
    assert response.status_code == 302
    account = MachineAccount.objects.get(name="Settlement fetcher")
    assert (account.state, account.owner, account.level) == (
        "requested",
        personas.person("dave"),
        "read",
    )


def test_the_request_form_says_what_is_wrong(client, personas):
    client.force_login(personas.dave)
    url = reverse("systems-request-machine-account", args=[personas.northwind.org_id])
    before = MachineAccount.objects.count()
    response = client.post(
        url,
        {
            "name": "X",
            "access": "metering:read",
            "owner": personas.person("frank").person_id,
            "purpose": "p",
        },
    )
    assert response.status_code == 422
    assert "belongs to Northwind Power Corp." in response.content.decode()
    assert MachineAccount.objects.count() == before


def test_the_request_form_is_refused_to_those_who_may_not_request(client, personas):
    client.force_login(personas.erin)
    url = reverse("systems-request-machine-account", args=[personas.northwind.org_id])
    assert client.get(url).status_code == 403


def test_credentials_are_shown_once_and_never_cached(client, personas):
    account = approved(personas)
    client.force_login(personas.dave)
    url = reverse("systems-machine-credentials", args=[personas.northwind.org_id, account.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Issue credentials" in confirm.content.decode()
    shown = client.post(url)
    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]
    body = shown.content.decode()
    assert account.client_id in body and "shown only this once" in body
    again = client.get(url).content.decode()
    assert "shown only this once" not in again and "replaces the secret" in again


def test_renew_and_revoke_from_the_page(client, personas):
    account = approved(personas)
    client.force_login(personas.dave)
    args = [personas.northwind.org_id, account.pk]
    assert client.post(reverse("systems-machine-renew", args=args)).status_code == 302
    account.refresh_from_db()
    assert account.renewal_task is not None
    confirm = client.get(reverse("systems-machine-revoke", args=args))
    assert "Yes, revoke it" in confirm.content.decode()
    client.post(reverse("systems-machine-revoke", args=args), {"reason": "Retired"})
    account.refresh_from_db()
    assert (account.state, account.end_reason) == ("revoked", "Retired")


# --- API ------------------------------------------------------------------------------------


def test_api_list_request_and_revoke(client, personas, django_assert_num_queries):
    client.force_login(personas.dave)
    url = f"{API}/organizations/{personas.northwind.org_id}/machine-accounts"
    response = client.post(
        url,
        {
            "name": "API machine",
            "purpose": "Submits bids.",
            "system": "metering",
            "level": "submit",
            "owner_person_id": personas.person("erin").person_id,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["state"], created["client_id"], created["level"]) == (
        "requested",
        None,
        "submit",
    )
    approved(personas, name="Second")
    listed = client.get(url).json()
    assert listed["count"] == 3  # with the demo's
    assert all("secret" not in str(item).lower() for item in listed["items"])
    revoke = client.delete(f"{url}/{created['machine_account_id']}")
    assert revoke.status_code == 204
    assert MachineAccount.objects.get(pk=created["machine_account_id"]).state == "withdrawn"


@pytest.mark.parametrize(
    "who, status", [("alice", 403), ("erin", 403), ("frank", 404), ("dave", 201)]
)
def test_api_request_permissions(client, personas, who, status):
    client.force_login(getattr(personas, who))
    response = client.post(
        f"{API}/organizations/{personas.northwind.org_id}/machine-accounts",
        {
            "name": "Matrix machine",
            "purpose": "Tests.",
            "system": "metering",
            "owner_person_id": personas.person("dave").person_id,
        },
        content_type="application/json",
    )
    assert response.status_code == status


@pytest.mark.parametrize("who, status", [("alice", 403), ("frank", 404), ("staff", 204)])
def test_api_revoke_permissions(client, personas, who, status):
    account = approved(personas)
    client.force_login(getattr(personas, who))
    response = client.delete(
        f"{API}/organizations/{personas.northwind.org_id}/machine-accounts/{account.pk}"
    )
    assert response.status_code == status


def test_api_list_in_a_fixed_number_of_queries(client, personas):
    client.force_login(personas.dave)
    url = f"{API}/organizations/{personas.northwind.org_id}/machine-accounts"
    approved(personas, name="One")
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for n in range(3):
        approved(personas, name=f"More {n}")
    with CaptureQueriesContext(connection) as four:
        assert client.get(url).json()["count"] == 5  # with the demo's
    assert len(four) == len(one)
