"""Who may see and change an organization's banking information."""

from registry.models import Organization
from registry.rules import Role, role_codes

# The banking group: they see the masked information, and any of them (but the submitter)
# may approve or reject a change.
BANKING_GROUP = (
    Role.AUTHORIZED_REPRESENTATIVE,
    Role.INVOICING_BANKING_CONTACT,
    Role.PRIMARY_CONTACT,
)


def can_view_banking(user, org: Organization) -> bool:
    return user.is_staff or bool(role_codes(user, org) & set(BANKING_GROUP))


def can_submit_banking(user, org: Organization) -> bool:
    return Role.INVOICING_BANKING_CONTACT in role_codes(user, org)


def can_reveal_banking(user, org: Organization) -> bool:
    """The full numbers, on an explicit and audited request: those who must see them."""
    return user.is_staff or Role.INVOICING_BANKING_CONTACT in role_codes(user, org)
