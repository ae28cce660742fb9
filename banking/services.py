"""Banking changes: submit (pending, with a task to the banking group), apply on approval
exactly the version submitted, and reveal the full numbers to those who must see them."""

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import record
from banking import crypto, notifications
from banking.documents import PURPOSE
from banking.forms import BankingForm
from banking.models import BankingChange, BankingInformation
from banking.rules import BANKING_GROUP, can_reveal_banking, can_submit_banking
from core.errors import Invalid, NotFound, RuleViolation, require
from core.forms import field_errors
from core.forms import validated as validated_form
from core.reauth import require_recent_sign_in
from core.services import service
from core.text import sentence
from documents.models import Document
from documents.services import FIELD as DOCUMENT_FIELD
from documents.services import store_document
from registry.locks import lock_organization
from registry.models import Organization
from tasks import services as task_services
from tasks.models import Task

TASK_KIND = "banking_change"
SOME_DETAILS = _("Some banking details need correcting.")


def _lock(org: Organization, actor) -> Organization:
    return lock_organization(org, actor, what="its banking information")


def validated(data: dict) -> dict:
    return validated_form(BankingForm(data=data), message=SOME_DETAILS)


DOCUMENT_MISSING = _(
    "Attach a void cheque or a letter from the bank showing the new account: the approvers "
    "check the numbers against it."
)


def _checked(data: dict, *, has_document: bool) -> dict:
    """The banking details, cleaned; or Invalid naming every field to correct at once, the
    missing document among them (so a person corrects everything in one go)."""
    form = BankingForm(data=data)
    valid = form.is_valid()
    if valid and has_document:
        return form.cleaned_data
    fields = field_errors(form) if not valid else {}
    if not has_document:
        fields[DOCUMENT_FIELD] = [DOCUMENT_MISSING]
    raise Invalid(SOME_DETAILS, fields=fields)


def _supporting_document(org: Organization, *, file, document_id, actor) -> Document:
    """The change's document: the file uploaded with it (stored now), or one uploaded before
    (API: POST .../documents with purpose banking_change) that is the organization's, is for a
    banking change and supports no other change."""
    if file is not None:
        return store_document(actor=actor, organization=org, file=file, purpose=PURPOSE)
    document = Document.objects.select_for_update().filter(pk=document_id, organization=org).first()
    if document is None:
        raise NotFound(
            sentence(_("{org} has no document {id}."), org=org.legal_name, id=document_id),
            fields={"document_id": [_("Upload the document to this organization first.")]},
        )
    if document.purpose != PURPOSE:
        raise RuleViolation(
            sentence(
                _(
                    "Document {id} was uploaded for another purpose; upload the void cheque "
                    "or bank letter with the purpose {purpose}."
                ),
                id=document.pk,
                purpose=PURPOSE,
            ),
            code="wrong_purpose",
            fields={"document_id": [_("Upload it with the purpose banking_change.")]},
        )
    if BankingChange.objects.filter(document=document).exists():
        raise RuleViolation(
            sentence(
                _(
                    "Document {id} already supports another banking change; upload it again "
                    "for this one."
                ),
                id=document.pk,
            ),
            code="document_used",
            fields={"document_id": [_("Each change needs its own upload.")]},
        )
    return document


def _masked(change: BankingChange) -> dict:
    return {
        "bank_name": change.bank_name,
        "account": change.masked_account,
        "currency": change.currency,
        "version": change.version,
    }


@service("banking.submit", org="org", target=None)
def submit_banking_change(
    org: Organization, *, data: dict, actor, file=None, document_id: int | None = None
) -> BankingChange:
    """An Invoicing and Banking Contact proposes new banking information, with its supporting
    document (`file`, stored now, or `document_id`, uploaded before). Nothing is applied: a
    task goes to the banking group (never decided by the submitter), and any earlier pending
    change is superseded, its task cancelled."""
    org = _lock(org, actor)
    require(
        can_submit_banking(actor, org),
        sentence(
            _("Only an Invoicing and Banking Contact of {org} can submit banking information."),
            org=org.legal_name,
        ),
    )
    require_recent_sign_in(actor)
    cleaned = _checked(data, has_document=file is not None or document_id is not None)
    document = _supporting_document(org, file=file, document_id=document_id, actor=actor)
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
        document=document,
    )
    record(
        actor,
        "banking.change_submitted",
        org=org,
        target=change,
        details={**_masked(change), "document_id": document.pk},
    )
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


def _decide(change: BankingChange, task: Task, actor, state: str, action: str) -> None:
    """Store the decision on the change and audit it (with the numbers masked)."""
    change.state, change.decided_at = state, timezone.now()
    change.save(update_fields=["state", "decided_at"])
    record(actor, action, org=task.organization, target=change, details=_masked(change))


def _bound_change(task: Task, actor) -> BankingChange:
    """The change the task was raised for, locked, exactly as it was submitted."""
    change = (
        BankingChange.objects.select_for_update()
        .filter(pk=task.subject_id, organization_id=task.organization_id)
        .first()
    )
    if change is None or change.state != BankingChange.State.PENDING:
        raise RuleViolation(
            _("This banking change is no longer waiting for a decision."), code="already_decided"
        )
    if (
        task.details.get("fingerprint") != crypto.fingerprint(change.numbers)
        or task.details.get("version") != change.version
    ):
        raise RuleViolation(
            _("This banking change was altered after it was submitted; it cannot be approved."),
            code="stale_change",
        )
    if change.submitted_by_id == actor.pk:
        raise RuleViolation(
            _("You submitted this change, so someone else must decide it."), code="own_change"
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
    _decide(change, task, actor, BankingChange.State.APPROVED, "banking.change_approved")
    notifications.change_applied(change, previous_email)


def discard_rejected_change(task: Task, *, actor, comment: str) -> None:
    """Task handler: the information in force stays as it is."""
    change = _bound_change(task, actor)
    _decide(change, task, actor, BankingChange.State.REJECTED, "banking.change_rejected")


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
        sentence(
            _(
                "Only an Invoicing and Banking Contact of {org} or operator staff can see the "
                "full banking numbers."
            ),
            org=org.legal_name,
        ),
    )
    require_recent_sign_in(actor)
    info = BankingInformation.objects.filter(organization=org).first()
    if info is None:
        raise RuleViolation(
            sentence(_("{org} has no banking information."), org=org.legal_name),
            code="no_banking",
        )
    numbers = crypto.decrypt(org.org_id, info.numbers)
    record(actor, "banking.revealed", org=org, details={"account": info.masked_account})
    return {"bank_name": info.bank_name, "currency": info.currency, **numbers}
