"""Machine accounts: request, four-eyes approval, credentials shown once, renewal, revocation,
expiry. Each service locks the organization first (as every change to its access does),
checks the predicate of `systems/rules.py` the pages ask, writes, audits and notifies."""

from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application, get_access_token_model

from audit.log import record
from core.errors import NotFound, RuleViolation, require
from core.forms import validated
from core.mail import send_after_commit
from core.services import service
from core.text import sentence
from registry.models import Membership, Organization, Person, RoleAssignment
from registry.rules import Role
from systems.forms import MachineAccountForm
from systems.grants import audit_details, lock_for_access
from systems.models import AccessReviewItem, InformationSystem, MachineAccount
from systems.rules import (
    machine_credentials_refusal,
    machine_renewal_refusal,
    machine_request_refusal,
    machine_revoke_refusal,
)

MACHINE_ACCOUNT_KIND = "machine_account"
MACHINE_RENEWAL_KIND = "machine_account_renewal"
LIFETIME = timedelta(days=365)  # at most a year from each approval
REMINDER_DAYS = (30, 14, 7, 1)


def _details(account: MachineAccount, **more) -> dict:
    return audit_details(
        account.system,
        account.level,
        name=account.name,
        owner=account.owner.person_id,
        client_id=account.client_id or None,
        **more,
    )


def _rights_administrator_addresses(org: Organization) -> list[str]:
    return list(
        RoleAssignment.objects.filter(
            membership__organization=org, role_type__code=Role.RIGHTS_ADMINISTRATOR
        ).values_list("membership__person__email", flat=True)
    )


def _record(actor, action: str, account: MachineAccount, **more) -> None:
    """The audit entry of a change to `account`, filed under its organization."""
    details = _details(account, **more)
    record(actor, action, org=account.organization, target=account, details=details)


def _tell(account: MachineAccount, subject: str, body: str) -> None:
    """The owner and the Rights Administrators of the organization (never a secret)."""
    org = account.organization
    send_after_commit(
        [account.owner.email, *_rights_administrator_addresses(org)],
        subject,
        f"Hello,\n\n{body}\n\nMachine account: {account.name} ({account.system.name}, "
        f"{account.level}) of {org.legal_name} (Organization ID {org.org_id}), owned by "
        f"{account.owner.full_name}.",
    )


def _locked(account: MachineAccount, actor) -> MachineAccount:
    lock_for_access(account.organization, actor)
    locked = (
        MachineAccount.objects.select_for_update(of=("self",))
        .select_related("organization", "system", "owner", "application")
        .filter(pk=account.pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("That machine account no longer exists."))
    return locked


# --- Request and approval -------------------------------------------------------------------


@service("machine_account.request", org="org", target=None)
def request_machine_account(
    org: Organization,
    system: InformationSystem,
    *,
    owner: Person,
    name: str,
    purpose: str,
    level: str | None = None,
    actor,
) -> MachineAccount:
    """A Rights Administrator asks for a machine account; another one approves (a task)."""
    from tasks.services import create_task

    org = lock_for_access(org, actor)
    refusal = machine_request_refusal(actor, org)
    require(refusal is None, refusal or "")
    if not Membership.objects.filter(organization=org, person=owner).exists():
        raise NotFound(
            sentence(
                _("No person with ID {number} belongs to {org}."),
                number=owner.person_id,
                org=org.legal_name,
            )
        )
    system = InformationSystem.objects.filter(pk=system.pk, is_active=True).first()
    if system is None:
        raise NotFound(_("That information system is no longer offered."))
    data = validated(
        MachineAccountForm(
            data={"name": name, "purpose": purpose, "level": level or system.lowest_level},
            system=system,
        )
    )
    if (
        MachineAccount.objects.filter(organization=org, name__iexact=data["name"])
        .filter(state__in=[MachineAccount.State.REQUESTED, MachineAccount.State.ACTIVE])
        .exists()
    ):
        raise RuleViolation(
            sentence(
                _("{org} already has a machine account called {name!r}."),
                org=org.legal_name,
                name=data["name"],
            ),
            code="duplicate_name",
            fields={"name": [_("Another machine account already has this name.")]},
        )
    account = MachineAccount.objects.create(
        organization=org,
        system=system,
        owner=owner,
        requested_by=actor,
        name=data["name"],
        purpose=data["purpose"],
        level=data["level"],
    )
    account.task = create_task(
        kind=MACHINE_ACCOUNT_KIND,
        organization=org,
        roles=[Role.RIGHTS_ADMINISTRATOR],
        subject=account,
        summary=f"Machine account “{account.name}” for {system.name} ({account.level}), "
        f"owned by {owner.full_name}",
        details={"system": system.code, "level": account.level, "purpose": account.purpose},
        excluded_user=actor,  # four eyes: never the requester
        actor=actor,
    )
    account.save(update_fields=["task"])
    record(actor, "machine_account.requested", org=org, target=account, details=_details(account))
    return account


def _subject(task, *, renewal: bool) -> MachineAccount:
    account = (
        MachineAccount.objects.select_for_update(of=("self",))
        .select_related("organization", "system", "owner", "application")
        .filter(pk=task.subject_id)
        .first()
    )
    expected = MachineAccount.State.ACTIVE if renewal else MachineAccount.State.REQUESTED
    if account is None or account.state != expected:
        raise RuleViolation(
            "This machine account has already been settled.", code="already_decided"
        )
    return account


def approve_machine_account(task, *, actor, comment: str) -> None:
    """The task kind's approval: an OAuth 2.0 client-credentials client, for a year."""
    account = _subject(task, renewal=False)
    org = account.organization
    application = Application.objects.create(
        name=f"{org.legal_name}: {account.name}"[:255],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        redirect_uris="",
        # A secret nobody sees (stored hashed): the client is usable only once a Rights
        # Administrator issues credentials.
        client_secret=generate_client_secret(),
    )
    account.application, account.client_id = application, application.client_id
    account.state, account.approved_at = MachineAccount.State.ACTIVE, timezone.now()
    account.expires = timezone.localdate() + LIFETIME
    account.save(update_fields=["application", "client_id", "state", "approved_at", "expires"])
    _record(actor, "machine_account.approved", account, expires=account.expires.isoformat())
    _tell(
        account,
        f"Machine account “{account.name}” approved",
        f"The machine account was approved and counts until {account.expires:%Y-%m-%d}. A "
        f"Rights Administrator issues its credentials on Manage Access; the secret is shown "
        f"there once and never sent by e-mail.",
    )


def reject_machine_account(task, *, actor, comment: str) -> None:
    account = _subject(task, renewal=False)
    _end(account, MachineAccount.State.REJECTED, comment, cancel_tasks=False)
    _record(actor, "machine_account.rejected", account, reason=comment)


def _locked_subject(task) -> MachineAccount | None:
    """The task's machine account, its row locked (None if it is gone)."""
    return MachineAccount.objects.select_for_update(of=("self",)).filter(pk=task.subject_id).first()


def withdraw_machine_account(task, *, actor, comment: str) -> None:
    account = _locked_subject(task)
    if account is not None and account.state == MachineAccount.State.REQUESTED:
        _end(account, MachineAccount.State.WITHDRAWN, comment, cancel_tasks=False)


# --- Credentials ----------------------------------------------------------------------------


@service("machine_account.issue_credentials", org="account.organization", target="account")
def issue_machine_credentials(account: MachineAccount, *, actor) -> str:
    """A new client secret, returned once and stored hashed; the previous one and every token
    it bought stop working."""
    account = _locked(account, actor)
    refusal = machine_credentials_refusal(actor, account)
    require(refusal is None, refusal or "")
    secret = generate_client_secret()
    application = Application.objects.select_for_update().get(pk=account.application_id)
    application.client_secret = secret  # hashed by the field on save
    application.save(update_fields=["client_secret"])
    get_access_token_model().objects.filter(application=application).delete()
    rotated = account.credentials_issued_at is not None
    account.credentials_issued_at = timezone.now()
    account.save(update_fields=["credentials_issued_at"])
    _record(actor, "machine_account.credentials_issued", account, rotated=rotated)
    _tell(
        account,
        f"New credentials for machine account “{account.name}”",
        "A Rights Administrator issued a new client secret"
        + (": the previous one no longer works." if rotated else "."),
    )
    return secret


# --- Renewal --------------------------------------------------------------------------------


@service("machine_account.renew", org="account.organization", target="account")
def renew_machine_account(account: MachineAccount, *, actor) -> MachineAccount:
    """Ask for another year: the same four-eyes approval as the request."""
    from tasks.services import create_task

    account = _locked(account, actor)
    refusal = machine_renewal_refusal(actor, account)
    require(refusal is None, refusal or "", code="renewal_refused")
    account.renewal_task = create_task(
        kind=MACHINE_RENEWAL_KIND,
        organization=account.organization,
        roles=[Role.RIGHTS_ADMINISTRATOR],
        subject=account,
        summary=f"Renew machine account “{account.name}” for {account.system.name} "
        f"({account.level}) for a year",
        details={"system": account.system.code, "level": account.level},
        excluded_user=actor,
        actor=actor,
    )
    account.save(update_fields=["renewal_task"])
    _record(actor, "machine_account.renewal_requested", account)
    return account


def approve_renewal(task, *, actor, comment: str) -> None:
    account = _subject(task, renewal=True)
    account.expires, account.renewal_task = timezone.localdate() + LIFETIME, None
    account.save(update_fields=["expires", "renewal_task"])
    _record(actor, "machine_account.renewed", account, expires=account.expires.isoformat())
    _tell(
        account,
        f"Machine account “{account.name}” renewed",
        f"The machine account was renewed and now counts until {account.expires:%Y-%m-%d}.",
    )


def reject_renewal(task, *, actor, comment: str) -> None:
    account = _subject(task, renewal=True)
    account.renewal_task = None
    account.save(update_fields=["renewal_task"])
    _record(actor, "machine_account.renewal_rejected", account, reason=comment)


def withdraw_renewal(task, *, actor, comment: str) -> None:
    account = _locked_subject(task)
    if account is not None and account.renewal_task_id == task.pk:
        account.renewal_task = None
        account.save(update_fields=["renewal_task"])


# --- Ending ---------------------------------------------------------------------------------


def _end(account: MachineAccount, state: str, reason: str, *, cancel_tasks: bool = True) -> None:
    """Close the account; its client and every token it holds go with the application. Its
    open tasks are withdrawn (not when a task's own decision is what ends it)."""
    from tasks.services import cancel_task

    if account.application_id is not None:
        Application.objects.filter(pk=account.application_id).delete()  # tokens cascade
    account.application = None
    account.state, account.ended_at, account.end_reason = state, timezone.now(), reason
    account.save(update_fields=["application", "state", "ended_at", "end_reason"])
    # However it ends, it is no longer pending in an access review (the item says revoked).
    AccessReviewItem.objects.filter(
        machine_account=account, decision=AccessReviewItem.Decision.PENDING
    ).update(decision=AccessReviewItem.Decision.REVOKED, decided_at=timezone.now())
    for task in (account.task, account.renewal_task) if cancel_tasks else ():
        if task is not None and task.state in task.OPEN_STATES:
            cancel_task(task, actor=None, reason=f"The machine account was {state}.")
    if account.renewal_task_id is not None:
        account.renewal_task = None
        account.save(update_fields=["renewal_task"])


def _revoke(account: MachineAccount, *, actor, action: str, why: str) -> None:
    was_active = account.is_active
    _end(
        account,
        MachineAccount.State.REVOKED if was_active else MachineAccount.State.WITHDRAWN,
        why,
    )
    _record(actor, action, account, reason=why)
    _tell(
        account,
        f"Machine account “{account.name}” revoked",
        f"The machine account no longer works: {why}.",
    )


def revoke_reviewed(account: MachineAccount, *, actor, why: str) -> None:
    """End an active machine account decided in an access review (revoked, or not confirmed
    by its deadline); the review holds the organization's and the account's locks."""
    _revoke(account, actor=actor, action="machine_account.revoked", why=why)


@service("machine_account.revoke", org="account.organization", target="account")
def revoke_machine_account(account: MachineAccount, *, actor, reason: str = "") -> None:
    """A Rights Administrator ends a machine account (or withdraws its request) at once."""
    account = _locked(account, actor)
    refusal = machine_revoke_refusal(actor, account)
    require(refusal is None, refusal or "")
    why = " ".join((reason or "").split())[:500] or "revoked by a Rights Administrator"
    _revoke(account, actor=actor, action="machine_account.revoked", why=why)


def _end_owned_by(org: Organization, person: Person, *, actor, why: str) -> int:
    accounts = list(
        MachineAccount.objects.select_for_update(of=("self",))
        .select_related("organization", "system", "owner", "application")
        .filter(
            organization=org,
            owner=person,
            state__in=[MachineAccount.State.REQUESTED, MachineAccount.State.ACTIVE],
        )
    )
    for account in accounts:
        _revoke(account, actor=actor, action="machine_account.owner_gone", why=why)
    return len(accounts)


def revoke_for_membership(org: Organization, person: Person, *, actor) -> int:
    """registry's membership_ending hook: the owner leaves, their machine accounts end.
    No @service: it runs in the caller's transaction, which holds the organization lock."""
    return _end_owned_by(
        org, person, actor=actor, why=f"its owner {person.full_name} left the organization"
    )


def revoke_after_roles_lost(org: Organization, person: Person, *, actor) -> int:
    """registry's roles_lost hook: an owner holding no role any more loses their accounts."""
    if RoleAssignment.objects.filter(
        membership__organization=org, membership__person=person
    ).exists():
        return 0
    return _end_owned_by(
        org, person, actor=actor, why=f"its owner {person.full_name} no longer holds any role"
    )


# --- The daily sweep ------------------------------------------------------------------------


@service("machine_account.expire", org=None, target=None)
def expire_machine_accounts(*, today: date | None = None, actor=None) -> int:
    """End the active accounts whose last day has passed (their tokens go with them)."""
    today = today or timezone.localdate()
    due = list(
        MachineAccount.objects.select_for_update(of=("self",))
        .select_related("organization", "system", "owner", "application")
        .filter(state=MachineAccount.State.ACTIVE, expires__lt=today)
        .order_by("pk")
    )
    for account in due:
        _end(account, MachineAccount.State.EXPIRED, f"it expired after {account.expires}")
        _record(actor, "machine_account.expired", account, expires=account.expires.isoformat())
        _tell(
            account,
            f"Machine account “{account.name}” expired",
            f"The machine account expired after {account.expires:%Y-%m-%d} and no longer "
            f"works. Request a new one on Manage Access if it is still needed.",
        )
    return len(due)


def send_expiry_reminders(*, today: date | None = None) -> int:
    """E-mail the owner and the Rights Administrators 30, 14, 7 and 1 days before expiry."""
    today = today or timezone.localdate()
    due = (
        MachineAccount.objects.select_related("organization", "system", "owner")
        .filter(
            state=MachineAccount.State.ACTIVE,
            expires__in=[today + timedelta(days=d) for d in REMINDER_DAYS],
        )
        .order_by("pk")
    )
    sent = 0
    for account in due:
        days = (account.expires - today).days
        pending = " Its renewal is waiting for approval." if account.renewal_task_id else ""
        _tell(
            account,
            f"Machine account “{account.name}” expires in {days} day{'s' if days != 1 else ''}",
            f"The machine account stops working after {account.expires:%Y-%m-%d}. A Rights "
            f"Administrator renews it on Manage Access (another Rights Administrator "
            f"approves).{pending}",
        )
        sent += 1
    return sent
