"""Who may do what in an organization. Services ask these; nothing else decides."""

from django.db import models

from registry.models import Organization, RoleAssignment, RoleType


class Role(models.TextChoices):
    """The role codes the portal's own rules name (role types themselves are data)."""

    AUTHORIZED_REPRESENTATIVE = "authorized_representative", "Authorized Representative"
    PRIMARY_CONTACT = "primary_contact", "Primary Contact"
    RIGHTS_ADMINISTRATOR = "rights_administrator", "Rights Administrator"
    INVOICING_BANKING_CONTACT = "invoicing_banking_contact", "Invoicing and Banking Contact"


# Who may affiliate an existing person with the organization, or register a new one.
MEMBER_ADDERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE, Role.RIGHTS_ADMINISTRATOR}
# Who may remove a person from the organization (their roles and access go too).
MEMBER_REMOVERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}
# Who may read the organization's audit log.
AUDIT_READERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}


def is_operator_staff(user) -> bool:
    """Operator staff run the back office (and must keep a second factor)."""
    return bool(user.is_authenticated and user.is_staff and user.is_active)


def may_use_admin(user) -> bool:
    """The Django admin is raw maintenance for superusers; staff work in the back office."""
    return is_operator_staff(user) and user.is_superuser


def role_codes(user, org: Organization) -> frozenset[str]:
    """The role codes the user holds in the organization (one query, cached per user)."""
    if not user.is_authenticated:
        return frozenset()
    cache = user.__dict__.setdefault("_role_codes", {})
    if org.pk not in cache:
        cache[org.pk] = frozenset(
            RoleAssignment.objects.filter(
                membership__organization=org, membership__person__user=user
            ).values_list("role_type__code", flat=True)
        )
    return cache[org.pk]


def forget_role_codes(user) -> None:
    user.__dict__.pop("_role_codes", None)


def managing_codes(role_type: RoleType) -> frozenset[str]:
    if not hasattr(role_type, "_managing_codes"):
        role_type._managing_codes = frozenset(role_type.managed_by.values_list("code", flat=True))
    return role_type._managing_codes


def can_manage_role(user, org: Organization, role_type: RoleType) -> bool:
    if is_operator_staff(user):
        return True
    return bool(role_codes(user, org) & managing_codes(role_type))


def can_add_member(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & MEMBER_ADDERS)


def can_remove_member(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & MEMBER_REMOVERS)


def can_read_audit(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & AUDIT_READERS)
