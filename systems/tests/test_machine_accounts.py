"""Machine accounts: request, four-eyes approval, credentials shown once, a client-credentials
token the check API recognises, renewal, revocation, the owner leaving, expiry."""

import base64
import datetime

import pytest
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from apitokens import services as token_services
from audit.models import AuditEntry
from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from systems import machines
from systems.models import MachineAccount
from systems.queries import check_machine_access
from systems.tests.helpers import system
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db

API = "/api/v1"


def request_for(personas, *, actor=None, owner="dave", org="northwind", code="metering", **kw):
    return machines.request_machine_account(
        getattr(personas, org),
        system(code),
        owner=personas.person(owner),
        name=kw.pop("name", "Meter upload server"),
        purpose=kw.pop("purpose", "Uploads interval meter data every night."),
        level=kw.pop("level", "read"),
        actor=actor or personas.dave,
    )


def approved(personas, **kw) -> MachineAccount:
    account = request_for(personas, **kw)
    task_services.approve_task(account.task, actor=personas.staff)
    account.refresh_from_db()
    return account


def token_for(client, client_id: str, secret: str):
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return client.post(
        "/o/token/",
        {"grant_type": "client_credentials"},
        headers={"Authorization": f"Basic {basic}"},
    )


@pytest.fixture
def service_token(personas) -> str:
    _, secret = token_services.issue_service_token(
        data={"name": "Metering Data"}, actor=personas.staff
    )
    return secret


def check(client, service_token, account, **params):
    query = {
        "org_id": account.organization.org_id,
        "client_id": account.client_id,
        "system": "metering",
        **params,
    }
    return client.get(
        f"{API}/access/check-machine", query, headers={"Authorization": f"Bearer {service_token}"}
    )


# --- The whole walk -------------------------------------------------------------------------


def test_request_approve_issue_token_check_then_revoke(client, personas, service_token):
    account = request_for(personas, level="submit")
    assert account.state == "requested"
    task_services.approve_task(account.task, actor=personas.staff)
    account.refresh_from_db()
    assert account.state == "active"
    assert account.expires == timezone.localdate() + datetime.timedelta(days=365)
    application = account.application
    assert application.authorization_grant_type == "client-credentials"
    assert application.client_type == "confidential"

    secret = machines.issue_machine_credentials(account, actor=personas.dave)
    application.refresh_from_db()
    assert secret not in application.client_secret  # stored hashed only

    response = token_for(client, account.client_id, secret)
    assert response.status_code == 200, response.content
    assert response.json()["token_type"] == "Bearer"
    assert response.json()["expires_in"] == 300  # OIDC_ACCESS_TOKEN_SECONDS
    assert AccessToken.objects.filter(application=application).count() == 1

    body = check(client, service_token, account, level="submit").json()
    assert body == {
        "allowed": True,
        "reason": "machine_account",
        "machine_account_id": account.pk,
        "granted_level": "submit",
        "expires": account.expires.isoformat(),
    }

    machines.revoke_machine_account(account, actor=personas.dave, reason="server retired")
    body = check(client, service_token, account).json()
    assert (body["allowed"], body["reason"]) == (False, "revoked")
    assert not Application.objects.filter(pk=application.pk).exists()
    assert not AccessToken.objects.filter(token_checksum__isnull=False, application=None).exists()
    assert token_for(client, account.client_id, secret).status_code == 401


def test_the_check_answers_no_for_another_organization_or_system_or_level(personas):
    account = approved(personas)  # read
    base = dict(client_id=account.client_id, system="metering")
    assert check_machine_access(org_id=personas.northwind.org_id, **base).allowed
    other = check_machine_access(org_id=personas.lakeshore.org_id, **base)
    assert (other.allowed, other.reason) == (False, "no_grant")
    higher = check_machine_access(org_id=personas.northwind.org_id, **base, level="submit")
    assert (higher.allowed, higher.reason) == (False, "no_grant")
    unknown = check_machine_access(
        org_id=personas.northwind.org_id, client_id="nobody", system="metering"
    )
    assert unknown.reason == "unknown_client"


def test_the_machine_check_needs_a_service_token(client, personas):
    account = approved(personas)
    client.force_login(personas.dave)
    response = client.get(
        f"{API}/access/check-machine",
        {"org_id": personas.northwind.org_id, "client_id": account.client_id, "system": "metering"},
    )
    assert response.status_code in (401, 403)


# --- Requesting -----------------------------------------------------------------------------


def test_a_request_becomes_a_task_the_requester_cannot_decide(personas):
    account = request_for(personas)
    task = account.task
    assert (task.kind, task.organization) == ("machine_account", personas.northwind)
    # Dave is Northwind's only Rights Administrator: operator staff decide it.
    assert Task.objects.open_for(personas.staff).filter(pk=task.pk).exists()
    with pytest.raises(RuleViolation) as exc:
        task_services.approve_task(task, actor=personas.dave)
    assert exc.value.code == "own_change"
    assert AuditEntry.objects.filter(
        action="machine_account.requested", target_id=str(account.pk)
    ).exists()


def test_another_rights_administrator_approves(personas):
    account = request_for(personas, org="lakeshore", owner="grace", actor=personas.frank)
    assert Task.objects.open_for(personas.ivan).filter(pk=account.task.pk).exists()
    task_services.approve_task(account.task, actor=personas.ivan)
    account.refresh_from_db()
    assert account.state == "active"


def test_only_a_rights_administrator_requests(personas):
    before = MachineAccount.objects.count()
    for name in ("alice", "bob", "erin"):
        with pytest.raises(Forbidden):
            request_for(personas, actor=getattr(personas, name))
    assert MachineAccount.objects.count() == before
    assert AuditEntry.objects.filter(outcome="refused").exists()


def test_the_owner_must_be_a_member(personas):
    with pytest.raises(NotFound):
        request_for(personas, owner="frank")


def test_an_outsider_rights_administrator_cannot_request(personas):
    with pytest.raises(Forbidden):
        request_for(personas, actor=personas.frank)


def test_a_name_and_purpose_are_needed_and_the_level_must_exist(personas):
    with pytest.raises(Invalid) as exc:
        request_for(personas, name=" ", purpose="", level="admin")
    assert set(exc.value.fields) == {"name", "purpose", "level"}


def test_two_live_accounts_never_share_a_name(personas):
    request_for(personas)
    with pytest.raises(RuleViolation) as exc:
        request_for(personas, name="METER upload server")
    assert exc.value.code == "duplicate_name"


def test_rejection_creates_nothing_and_keeps_the_reason(personas):
    account = request_for(personas)
    task_services.reject_task(account.task, actor=personas.staff, comment="Use the SFTP drop.")
    account.refresh_from_db()
    assert (account.state, account.end_reason, account.application) == (
        "rejected",
        "Use the SFTP drop.",
        None,
    )
    assert AuditEntry.objects.filter(action="machine_account.rejected").count() == 1


# --- Credentials ----------------------------------------------------------------------------


def test_reissuing_rotates_the_secret_and_ends_the_old_tokens(client, personas):
    account = approved(personas)
    first = machines.issue_machine_credentials(account, actor=personas.dave)
    assert token_for(client, account.client_id, first).status_code == 200
    second = machines.issue_machine_credentials(account, actor=personas.dave)
    assert first != second
    assert not AccessToken.objects.filter(application_id=account.application_id).exists()
    assert token_for(client, account.client_id, first).status_code == 401
    assert token_for(client, account.client_id, second).status_code == 200


def test_only_a_rights_administrator_of_the_organization_sees_a_secret(personas):
    account = approved(personas)
    for user in (personas.staff, personas.alice, personas.erin, personas.frank):
        with pytest.raises(Forbidden):
            machines.issue_machine_credentials(account, actor=user)


def test_an_ended_account_has_no_credentials_to_issue(personas):
    account = approved(personas)
    machines.revoke_machine_account(account, actor=personas.dave)
    with pytest.raises(Forbidden):
        machines.issue_machine_credentials(account, actor=personas.dave)


def test_the_secret_is_never_e_mailed(personas, mailoutbox, django_capture_on_commit_callbacks):
    account = approved(personas)
    with django_capture_on_commit_callbacks(execute=True):
        secret = machines.issue_machine_credentials(account, actor=personas.dave)
    assert mailoutbox
    assert all(secret not in m.body for m in mailoutbox)


# --- Renewal --------------------------------------------------------------------------------


def test_renewal_is_approved_like_the_request_and_counts_a_year_from_approval(personas):
    account = approved(personas)
    MachineAccount.objects.filter(pk=account.pk).update(
        expires=timezone.localdate() + datetime.timedelta(days=10)
    )
    account.refresh_from_db()
    machines.renew_machine_account(account, actor=personas.dave)
    account.refresh_from_db()
    assert account.renewal_task.kind == "machine_account_renewal"
    with pytest.raises(Forbidden):
        machines.renew_machine_account(account, actor=personas.dave)  # already waiting
    with pytest.raises(RuleViolation):
        task_services.approve_task(account.renewal_task, actor=personas.dave)
    task_services.approve_task(account.renewal_task, actor=personas.staff)
    account.refresh_from_db()
    assert account.expires == timezone.localdate() + datetime.timedelta(days=365)
    assert account.renewal_task is None


def test_a_rejected_renewal_keeps_the_expiry(personas):
    account = approved(personas)
    expires = account.expires
    machines.renew_machine_account(account, actor=personas.dave)
    account.refresh_from_db()
    task_services.reject_task(account.renewal_task, actor=personas.staff, comment="Not needed.")
    account.refresh_from_db()
    assert (account.expires, account.renewal_task, account.state) == (expires, None, "active")


# --- Revocation -----------------------------------------------------------------------------


def test_only_a_rights_administrator_revokes(personas):
    account = approved(personas)
    for user in (personas.alice, personas.erin, personas.frank):
        with pytest.raises(Forbidden):
            machines.revoke_machine_account(account, actor=user)
    account.refresh_from_db()
    assert account.state == "active"


def test_revoking_a_request_withdraws_its_task(personas):
    account = request_for(personas)
    machines.revoke_machine_account(account, actor=personas.dave)
    account.refresh_from_db()
    account.task.refresh_from_db()
    assert (account.state, account.task.state) == ("withdrawn", "cancelled")


def test_the_owner_leaving_revokes_it(personas, mailoutbox, django_capture_on_commit_callbacks):
    from registry import services as registry_services

    account = approved(personas, owner="erin")
    with django_capture_on_commit_callbacks(execute=True):
        registry_services.remove_member(
            personas.northwind, personas.person("erin"), actor=personas.alice
        )
    account.refresh_from_db()
    assert (account.state, account.application) == ("revoked", None)
    entry = AuditEntry.objects.filter(action="machine_account.owner_gone").get()
    assert "left" in entry.details["reason"]
    assert any("revoked" in m.subject for m in mailoutbox)


def test_the_owner_losing_every_role_revokes_it(personas):
    from registry import services as registry_services
    from registry.models import RoleAssignment

    # Carol holds one role at Northwind (Invoicing and Banking Contact).
    roles = [
        a.role_type
        for a in RoleAssignment.objects.filter(
            membership__organization=personas.northwind,
            membership__person=personas.person("carol"),
        ).select_related("role_type")
    ]
    account = approved(personas, owner="carol")
    for code in roles:
        registry_services.remove_contact(
            personas.northwind, personas.person("carol"), code, actor=personas.alice
        )
    account.refresh_from_db()
    assert account.state == "revoked"


# --- The daily sweep ------------------------------------------------------------------------


def test_expired_accounts_end_and_their_tokens_go(client, personas):
    account = approved(personas)
    secret = machines.issue_machine_credentials(account, actor=personas.dave)
    assert token_for(client, account.client_id, secret).status_code == 200
    later = account.expires + datetime.timedelta(days=1)
    assert machines.expire_machine_accounts(today=later - datetime.timedelta(days=1)) == 0
    # The demo's account, approved at seeding (today, in tests), expires the same day.
    assert machines.expire_machine_accounts(today=later) == 2
    account.refresh_from_db()
    assert (account.state, account.application) == ("expired", None)
    assert not AccessToken.objects.filter(application__isnull=True).exists()
    answer = check_machine_access(
        org_id=personas.northwind.org_id, client_id=account.client_id, system="metering"
    )
    assert (answer.allowed, answer.reason) == (False, "expired")


def test_reminders_go_30_14_7_and_1_days_before(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    account = approved(personas)
    sent = []
    for days in range(0, 40):
        mailoutbox.clear()
        today = account.expires - datetime.timedelta(days=days)
        with django_capture_on_commit_callbacks(execute=True):
            reminded = machines.send_expiry_reminders(today=today)
        if reminded:
            sent.append(days)
            recipients = set(mailoutbox[0].to)
            assert personas.person("dave").email in recipients
    assert sent == [1, 7, 14, 30]


def test_the_daily_command_reminds_and_expires(personas, mailoutbox):
    from django.core.management import call_command

    account = approved(personas)
    MachineAccount.objects.filter(pk=account.pk).update(
        expires=timezone.localdate() - datetime.timedelta(days=1)
    )
    call_command("sweep_machine_accounts")
    account.refresh_from_db()
    assert account.state == "expired"


def test_the_demo_has_one_active_machine_account_owned_by_dave(personas):
    from demo.management.commands.seed_demo import Command

    demo = MachineAccount.objects.get(name="Metering Data uploader")
    assert (demo.organization, demo.owner, demo.system.code, demo.state) == (
        personas.northwind,
        personas.person("dave"),
        "metering",
        "active",
    )
    Command().handle()  # idempotent
    assert MachineAccount.objects.filter(name="Metering Data uploader").count() == 1
