"""Introspecting a machine account's client-credentials token: the machine itself and the
system it is for learn the organization, system and level it acts with; any other client
learns nothing; the token is inactive once the account no longer counts."""

import base64
import datetime

import pytest
from django.utils import timezone

from oidc.tests.flows import register
from systems import machines
from systems.models import MachineAccount
from systems.tests.helpers import system
from tasks import services as task_services

pytestmark = pytest.mark.django_db


def basic(client_id: str, secret: str) -> str:
    return "Basic " + base64.b64encode(f"{client_id}:{secret}".encode()).decode()


@pytest.fixture
def machine(personas):
    """Northwind's metering uploader (submit), approved by staff, with a secret and a token."""
    account = machines.request_machine_account(
        personas.northwind,
        system("metering"),
        owner=personas.person("dave"),
        name="Nightly meter upload",
        purpose="Uploads interval meter data every night.",
        level="submit",
        actor=personas.dave,
    )
    task_services.approve_task(account.task, actor=personas.staff)
    account.refresh_from_db()
    account.secret = machines.issue_machine_credentials(account, actor=personas.dave)
    return account


def token_of(http, account: MachineAccount) -> str:
    response = http.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        HTTP_AUTHORIZATION=basic(account.client_id, account.secret),
    )
    assert response.status_code == 200, response.content
    return response.json()["access_token"]


def introspect(http, authorization: str, token: str) -> dict:
    response = http.post("/o/introspect/", {"token": token}, HTTP_AUTHORIZATION=authorization)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_machine_learns_its_organization_system_and_level(client, personas, machine):
    token = token_of(client, machine)
    answer = introspect(client, basic(machine.client_id, machine.secret), token)
    assert answer["active"] is True
    assert answer["client_id"] == machine.client_id
    assert {k: answer[k] for k in ("org_id", "legal_name", "system", "access_level")} == {
        "org_id": personas.northwind.org_id,
        "legal_name": "Northwind Power Corp.",
        "system": "metering",
        "access_level": "submit",
    }
    assert answer["machine_account_id"] == machine.pk
    assert answer["access_expires"] == machine.expires.isoformat()
    assert "username" not in answer and "sub" not in answer  # nobody's person


def test_the_system_it_is_for_learns_the_same(client, personas, machine):
    metering = register("metering", actor=personas.staff)
    token = token_of(client, machine)
    answer = introspect(client, basic(metering.client_id, metering.secret), token)
    assert (answer["active"], answer["org_id"], answer["access_level"]) == (
        True,
        personas.northwind.org_id,
        "submit",
    )


def test_another_system_learns_nothing(client, personas, machine):
    other = register("mpi", actor=personas.staff)
    token = token_of(client, machine)
    assert introspect(client, basic(other.client_id, other.secret), token) == {"active": False}


def test_a_revoked_machine_account_token_is_inactive(client, personas, machine):
    token = token_of(client, machine)
    metering = register("metering", actor=personas.staff)
    machines.revoke_machine_account(machine, actor=personas.dave, reason="server retired")
    assert introspect(client, basic(metering.client_id, metering.secret), token) == {
        "active": False
    }


def test_a_token_of_an_account_past_its_last_day_is_inactive(client, personas, machine):
    token = token_of(client, machine)
    MachineAccount.objects.filter(pk=machine.pk).update(
        expires=timezone.localdate() - datetime.timedelta(days=1)
    )  # the daily sweep has not run yet
    answer = introspect(client, basic(machine.client_id, machine.secret), token)
    assert answer == {"active": False}
