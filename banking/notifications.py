"""Who hears about banking changes (decisions are told by the task engine to the group and
the submitter). Masked account numbers only, ever."""

from django.utils.translation import gettext_lazy as _

from banking.models import BankingChange
from core.mail import send_after_commit
from core.text import sentence
from registry.models import Person
from registry.rules import Role


def _emails(org, codes) -> list[str]:
    return list(
        Person.objects.filter(
            memberships__organization=org,
            memberships__roles__role_type__code__in=list(codes),
        )
        .values_list("email", flat=True)
        .distinct()
    )


def previous_submitter_email(change: BankingChange) -> str | None:
    """The e-mail of the person who submitted the banking information in force (the previous
    Invoicing and Banking Contact), unless they submitted `change` themselves.

    They hear of every change that would replace their information, whether or not they still
    hold the role: a contact replaced by someone who then redirects the payments is told.
    """
    previous = (
        BankingChange.objects.filter(
            organization_id=change.organization_id, state=BankingChange.State.APPROVED
        )
        .exclude(pk=change.pk)
        .order_by("-version")
        .values_list("submitted_by_id", flat=True)
        .first()
    )
    if previous is None or previous == change.submitted_by_id:
        return None
    return Person.objects.filter(user_id=previous).values_list("email", flat=True).first()


def _values(change: BankingChange) -> dict:
    return {
        "org": change.organization.legal_name,
        "bank": change.bank_name,
        "account": change.masked_account,
        "currency": change.currency,
    }


def change_submitted(change: BankingChange) -> None:
    """The Primary Contacts hear of every submission (the whole group gets the task), and so
    does the previous Invoicing and Banking Contact."""
    org = change.organization
    values = _values(change)
    _tell_previous_submitter(
        change,
        sentence(_("Banking information you submitted for {org} may be replaced"), **values),
        sentence(
            _(
                "New banking information has been submitted for {org} to replace the "
                "information you submitted: {bank}, account {account} ({currency}). It is not "
                "in force until someone other than the submitter approves it."
                "\n\nYou are told because you submitted the banking information in force. "
                "If you did not expect this change, contact the organization's Primary "
                "Contacts or the operator's Customer Relations at once."
            ),
            **values,
        ),
    )
    send_after_commit(
        _emails(org, [Role.PRIMARY_CONTACT]),
        sentence(_("Banking information change submitted for {org}"), **values),
        sentence(
            _(
                "New banking information has been submitted for {org} and is waiting for "
                "approval: {bank}, account {account} ({currency}).\n\nIt is not in force "
                "until someone other than the submitter approves it on the Tasks page."
            ),
            **values,
        ),
    )


def change_applied(change: BankingChange, previous_email: str | None) -> None:
    """The previous Invoicing and Banking Contact hears that their information was replaced
    (the group and the submitter are told of the decision by the task engine)."""
    if previous_email:
        values = _values(change)
        send_after_commit(
            [previous_email],
            sentence(_("Banking information you submitted for {org} was replaced"), **values),
            sentence(
                _(
                    "The banking information you submitted for {org} has been replaced by "
                    "{bank}, account {account} ({currency}), now in force."
                ),
                **values,
            ),
        )


def _tell_previous_submitter(change: BankingChange, subject, body) -> None:
    address = previous_submitter_email(change)
    if address:
        send_after_commit([address], subject, body)
