"""Who hears about banking changes (decisions are told by the task engine to the group and
the submitter). Masked account numbers only, ever."""

from banking.models import BankingChange
from core.mail import send_after_commit
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


def change_submitted(change: BankingChange) -> None:
    """The Primary Contacts hear of every submission (the whole group gets the task)."""
    org = change.organization
    send_after_commit(
        _emails(org, [Role.PRIMARY_CONTACT]),
        f"Banking information change submitted for {org.legal_name}",
        f"New banking information has been submitted for {org.legal_name} and is waiting for "
        f"approval: {change.bank_name}, account {change.masked_account} ({change.currency}).\n\n"
        f"It is not in force until someone other than the submitter approves it on the Tasks "
        f"page.",
    )
