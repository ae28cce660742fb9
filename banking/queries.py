"""Read-side questions about banking, masked, in a fixed number of queries."""

from banking.models import BankingChange, BankingInformation
from banking.rules import can_view_banking
from registry.models import Organization


def banking_summary(org: Organization) -> dict:
    """The information in force and the pending change, both masked (two queries)."""
    return {
        "current": BankingInformation.objects.filter(organization=org).first(),
        "pending": BankingChange.objects.filter(organization=org, state=BankingChange.State.PENDING)
        .select_related("submitted_by__person", "document")
        .first(),
    }


def banking_organizations(user) -> list[Organization]:
    return [org for org in Organization.objects.visible_to(user) if can_view_banking(user, org)]
