"""Banking changes: submit (pending, with a task to the banking group), apply on approval
exactly the version submitted, and reveal the full numbers to those who must see them."""

from django.db.models import Max
from django.utils import timezone

from audit.log import record
from banking import crypto, notifications
from banking.forms import BankingForm
from banking.models import BankingChange, BankingInformation
from banking.rules import BANKING_GROUP, can_reveal_banking, can_submit_banking
from core.errors import RuleViolation, require
from core.forms import validated as validated_form
from core.reauth import require_recent_sign_in
from core.services import service
from registry.locks import lock_organization
from registry.models import Organization
from tasks import services as task_services
from tasks.models import Task

TASK_KIND = "banking_change"


def _lock(org: Organization, actor) -> Organization:
    return lock_organization(org, actor, what="its banking information")


def validated(data: dict) -> dict:
    return validated_form(BankingForm(data=data), message="Some banking details need correcting.")


def _masked(change: BankingChange) -> dict:
    return {
        "bank_name": change.bank_name,
        "account": change.masked_account,
        "currency": change.currency,
        "version": change.version,
    }


@service("banking.submit", org="org", target=None)
def submit_banking_change(org: Organization, *, data: dict, actor) -> BankingChange:
    """An Invoicing and Banking Contact proposes new banking information. Nothing is applied:
    a task goes to the banking group (never decided by the submitter), and any earlier
    pending change is superseded, its task cancelled."""
    org = _lock(org, actor)
    require(
        can_submit_banking(actor, org),
        f"Only an Invoicing and Banking Contact of {org.legal_name} can submit banking "
        f"information.",
    )
    require_recent_sign_in(actor)
    cleaned = validated(data)
    for earlier in BankingChange.objects.select_for_update().filter(
        organization=org, state=BankingChange.State.PENDING
    ):
        earlier.state, earlier.decided_at = BankingChange.State.SUPERSEDED, timezone.now()
        earlier.save(update_fields=["state", "decided_at"])
        for task in Task.objects.open().filter(kind=TASK_KIND, subject_id=earlier.pk):
            task_services.cancel_task(
                task, actor=None, reason="Superseded by a later banking submission."
            )
        record(actor, "banking.change_superseded", org=org, target=earlier)
    numbers = {
        "institution": cleaned["institution_number"],
        "transit": cleaned["transit_number"],
        "account": cleaned["account_number"],
    }
    latest = org.banking_changes.aggregate(latest=Max("version"))["latest"] or 0
    change = BankingChange.objects.create(
        organization=org,
        version=latest + 1,
        bank_name=cleaned["bank_name"],
        currency=cleaned["currency"],
        numbers=crypto.encrypt(org.org_id, numbers),
        account_last4=cleaned["account_number"][-4:],
        submitted_by=actor,
    )
    record(actor, "banking.change_submitted", org=org, target=change, details=_masked(change))
    task_services.create_task(
        kind=TASK_KIND,
        organization=org,
        roles=BANKING_GROUP,
        subject=change,
        excluded_user=actor,
        summary=(
            f"New banking information for {org.legal_name}: {change.bank_name}, account "
            f"{change.masked_account} ({change.currency})"
        ),
        details={
            "change_id": change.pk,
            "version": change.version,
            "fingerprint": crypto.fingerprint(change.numbers),
        },
        actor=actor,
    )
    notifications.change_submitted(change)
    return change


def _bound_change(task: Task, actor) -> BankingChange:
    """The change the task was raised for, locked, exactly as it was submitted."""
    change = (
        BankingChange.objects.select_for_update()
        .filter(pk=task.subject_id, organization_id=task.organization_id)
        .first()
    )
    if change is None or change.state != BankingChange.State.PENDING:
        raise RuleViolation(
            "This banking change is no longer waiting for a decision.", code="already_decided"
        )
    if (
        task.details.get("fingerprint") != crypto.fingerprint(change.numbers)
        or task.details.get("version") != change.version
    ):
        raise RuleViolation(
            "This banking change was altered after it was submitted; it cannot be approved.",
            code="stale_change",
        )
    if change.submitted_by_id == actor.pk:
        raise RuleViolation(
            "You submitted this change, so someone else must decide it.", code="own_change"
        )
    require_recent_sign_in(actor)  # deciding banking, on any page or channel
    return change


def apply_approved_change(task: Task, *, actor, comment: str) -> None:
    """Task handler: the approved version replaces the banking information in force."""
    change = _bound_change(task, actor)
    previous_email = notifications.previous_submitter_email(change)
    BankingInformation.objects.update_or_create(
        organization_id=change.organization_id,
        defaults={
            "bank_name": change.bank_name,
            "currency": change.currency,
            "numbers": change.numbers,
            "account_last4": change.account_last4,
            "version": change.version,
        },
    )
    change.state, change.decided_at = BankingChange.State.APPROVED, timezone.now()
    change.save(update_fields=["state", "decided_at"])
    record(
        actor,
        "banking.change_approved",
        org=task.organization,
        target=change,
        details=_masked(change),
    )
    notifications.change_applied(change, previous_email)


def discard_rejected_change(task: Task, *, actor, comment: str) -> None:
    """Task handler: the information in force stays as it is."""
    change = _bound_change(task, actor)
    change.state, change.decided_at = BankingChange.State.REJECTED, timezone.now()
    change.save(update_fields=["state", "decided_at"])
    record(
        actor,
        "banking.change_rejected",
        org=task.organization,
        target=change,
        details=_masked(change),
    )


def withdraw_change(task: Task, *, actor, comment: str) -> None:
    """Task handler: a cancelled or expired task leaves its change undecided for good."""
    BankingChange.objects.filter(pk=task.subject_id, state=BankingChange.State.PENDING).update(
        state=BankingChange.State.SUPERSEDED, decided_at=timezone.now()
    )


@service("banking.reveal", org="org", target=None)
def reveal_banking(org: Organization, *, actor) -> dict:
    """The full numbers in force, for those who must see them; every reveal is audited."""
    require(
        can_reveal_banking(actor, org),
        f"Only an Invoicing and Banking Contact of {org.legal_name} or operator staff can see "
        f"the full banking numbers.",
    )
    require_recent_sign_in(actor)
    info = BankingInformation.objects.filter(organization=org).first()
    if info is None:
        raise RuleViolation(f"{org.legal_name} has no banking information.", code="no_banking")
    numbers = crypto.decrypt(org.org_id, info.numbers)
    record(actor, "banking.revealed", org=org, details={"account": info.masked_account})
    return {"bank_name": info.bank_name, "currency": info.currency, **numbers}
