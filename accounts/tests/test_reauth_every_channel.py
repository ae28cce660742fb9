"""Issue 22, finding 2: re-authentication is one check in the services
(`core.reauth.require_recent_sign_in`), whatever the channel: pages, the API with the browser
session (with or without a stray `Authorization: Basic` header), and API tokens, which count
as a recent sign-in only in their first minutes (and are made only after one)."""

import datetime as dt

import pytest
import time_machine
from django.test import Client

from accounts.tests.helpers import PASSWORD, last_audit, sign_in
from apitokens.models import ApiToken
from apitokens.tests.helpers import bearer, token_for
from banking.models import BankingChange
from banking.tests.test_decide_banking_change import submit
from core.testing import DEMO
from registry.tests.helpers import holds
from tasks import services as task_services

pytestmark = pytest.mark.django_db
API = "/api/v1"
ADD_RA = f"{API}/organizations/{DEMO.northwind.org_id}/contacts"


def later(minutes: int):
    return time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes), tick=False)


def _csrf(client) -> dict:
    client.get("/me/")
    return {"HTTP_X_CSRFTOKEN": client.cookies["csrftoken"].value}


def test_a_role_change_through_the_api_with_a_stale_session_needs_the_password(client, personas):
    sign_in(client, "alice", PASSWORD)
    with later(16):
        response = client.post(
            ADD_RA,
            {"person_id": personas.person("erin").person_id, "role": "rights_administrator"},
            content_type="application/json",
            **_csrf(client),
        )
    assert response.status_code == 403
    assert response.json()["code"] == "reauth_required"
    assert not holds(personas.person("erin"), personas.northwind, "rights_administrator")
    entry = last_audit("contact.add")
    assert (entry.outcome, entry.details["code"]) == ("refused", "reauth_required")


def test_a_basic_header_beside_the_session_skips_nothing(client, personas):
    sign_in(client, "alice", PASSWORD)
    with later(16):
        response = client.patch(
            f"{API}/me",
            {"email": "alice.new@northwind.example"},
            content_type="application/json",
            HTTP_AUTHORIZATION="Basic YWxpY2U6d2hhdGV2ZXI=",
            **_csrf(client),
        )
    assert response.status_code == 403 and response.json()["code"] == "reauth_required"
    personas.alice.person.refresh_from_db()
    assert personas.alice.person.email == "alice@northwind.example"


def test_a_banking_approval_on_the_page_with_a_stale_sign_in_asks_for_the_password(
    client, personas
):
    change, task = submit(personas)
    task_services.accept_task(task, actor=personas.bob)
    sign_in(client, "bob", PASSWORD)
    with later(16):
        response = client.post(f"/tasks/{task.pk}/approve/", {"comment": "fine"})
        assert response.status_code == 302
        assert response.url.startswith("/reauthenticate/?next=")
        change.refresh_from_db()
        assert change.state == BankingChange.State.PENDING
        client.post(response.url, {"password": PASSWORD})
        client.post(f"/tasks/{task.pk}/approve/", {"comment": "fine"})
    change.refresh_from_db()
    assert change.state == BankingChange.State.APPROVED


def test_a_token_is_not_minted_with_a_stale_sign_in(client, personas):
    sign_in(client, "alice", PASSWORD)
    with later(16):
        response = client.post(
            f"{API}/me/api-tokens",
            {"name": "stale"},
            content_type="application/json",
            **_csrf(client),
        )
        assert response.status_code == 403 and response.json()["code"] == "reauth_required"
        page = client.post("/me/api-tokens/", {"name": "stale"})
        assert page.status_code == 302 and page.url.startswith("/reauthenticate/")
    assert not ApiToken.objects.filter(user=personas.alice).exists()


def test_an_old_token_cannot_change_the_email_and_a_fresh_one_can(personas):
    token = token_for(personas.alice, "made now")
    with later(16):
        response = Client().patch(
            f"{API}/me",
            {"email": "alice.new@northwind.example"},
            content_type="application/json",
            **bearer(token),
        )
        assert response.status_code == 403
        assert "first 15 minutes after it was created" in response.json()["detail"]
        other = Client().patch(
            f"{API}/me", {"job_title": "Director"}, content_type="application/json", **bearer(token)
        )
        assert other.status_code == 200, "routine changes need no recent sign-in"
    response = Client().patch(
        f"{API}/me",
        {"email": "alice.new@northwind.example"},
        content_type="application/json",
        **bearer(token),
    )
    assert response.status_code == 200
