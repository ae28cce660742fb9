"""Sensitive changes need a password entered in the last 15 minutes (security cases 21, 28)."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt

from accounts.tests.helpers import PASSWORD, sign_in, signed_in
from core.testing import DEMO
from registry.tests.helpers import holds

pytestmark = pytest.mark.django_db
ADD_RA = f"/organizations/{DEMO.northwind.org_id}/contacts/by-role/rights_administrator/add/"
HOLDERS = f"/organizations/{DEMO.northwind.org_id}/contacts/by-role/rights_administrator/"


def later(minutes: int):
    return time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=minutes), tick=False)


def test_a_role_change_soon_after_sign_in_goes_ahead(client, personas):
    sign_in(client, "alice", PASSWORD)
    client.post(
        ADD_RA,
        {"person_id": personas.person("erin").person_id},
        HTTP_REFERER=f"http://testserver{HOLDERS}",
    )
    assert holds(personas.person("erin"), personas.northwind, "rights_administrator")


def test_a_role_change_16_minutes_after_sign_in_asks_for_the_password_first(client, personas):
    sign_in(client, "alice", PASSWORD)
    with later(16):
        response = client.post(
            ADD_RA,
            {"person_id": personas.person("erin").person_id},
            HTTP_REFERER=f"http://testserver{HOLDERS}",
        )
        assert response.status_code == 302
        assert response.url.startswith("/reauthenticate/?next=")
        assert not holds(personas.person("erin"), personas.northwind, "rights_administrator")
        page = client.get(response.url)
        assert b"Confirm your password" in page.content
        confirmed = client.post(response.url, {"password": PASSWORD})
        assert confirmed.status_code == 302 and confirmed.url == HOLDERS
        client.post(ADD_RA, {"person_id": personas.person("erin").person_id})
        assert holds(personas.person("erin"), personas.northwind, "rights_administrator")


def test_a_wrong_confirmation_password_counts_toward_the_lockout(client, personas, settings):
    sign_in(client, "alice", PASSWORD)
    with later(16):
        response = client.post("/reauthenticate/?next=/news/", {"password": "wrong one"})
        assert b"This password is not right" in response.content
        assert AccessAttempt.objects.get(username="alice").failures_since_start == 1
        for _ in range(settings.AXES_FAILURE_LIMIT - 1):
            response = client.post("/reauthenticate/?next=/news/", {"password": "wrong one"})
        # The tenth wrong password locks the account and signs the session out.
        assert response.status_code == 302 and response.url == "/login/"
        assert not signed_in(client)


def test_the_confirmation_page_only_returns_to_this_site(client, personas):
    sign_in(client, "alice", PASSWORD)
    response = client.post(
        "/reauthenticate/", {"password": PASSWORD, "next": "https://evil.example/steal"}
    )
    assert response.url == "/news/"


def test_changing_contact_details_late_needs_the_password(client, personas):
    sign_in(client, "alice", PASSWORD)
    with later(20):
        response = client.post("/me/", {"email": "alice@evil.example"})
        assert response.url.startswith("/reauthenticate/")
    personas.person("alice").refresh_from_db()
    assert personas.person("alice").email == "alice@northwind.example"
