"""Who may see and change an organization's banking information."""

from registry.models import Organization, RoleAssignment
from registry.rules import Role, is_operator_staff, role_codes

# The banking group: they see the masked information, and any of them (but the submitter)
# may approve or reject a change.
BANKING_GROUP = (
    Role.AUTHORIZED_REPRESENTATIVE,
    Role.INVOICING_BANKING_CONTACT,
    Role.PRIMARY_CONTACT,
)
# Who submits new banking information (and sees the full numbers on request).
BANKING_SUBMITTERS = {Role.INVOICING_BANKING_CONTACT}


def can_view_banking(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & set(BANKING_GROUP))


def banking_org_ids(user):
    """`can_view_banking` as a subquery of org_ids, for lists (News): the organizations where
    the user is in the banking group (staff: see `can_view_banking`, they see all)."""
    return RoleAssignment.objects.filter(
        membership__person__user=user, role_type__code__in=BANKING_GROUP
    ).values("membership__organization__org_id")


def can_submit_banking(user, org: Organization) -> bool:
    return bool(role_codes(user, org) & BANKING_SUBMITTERS)


def submits_banking_somewhere(user) -> bool:
    """`can_submit_banking` for any active organization of the user (one query): whether
    Actions offers Update Banking Information."""
    if not user.is_authenticated:
        return False
    return RoleAssignment.objects.filter(
        membership__person__user=user,
        membership__organization__is_active=True,
        role_type__code__in=BANKING_SUBMITTERS,
    ).exists()


def can_reveal_banking(user, org: Organization) -> bool:
    """The full numbers, on an explicit and audited request: those who must see them."""
    return is_operator_staff(user) or bool(role_codes(user, org) & BANKING_SUBMITTERS)
