"""Who may grant, revoke and request access to the operator's systems. Services ask these."""

from registry.models import Organization
from registry.rules import Role, is_operator_staff, role_codes

# Who grants and revokes access on behalf of an organization (operator staff always may).
ACCESS_GRANTERS = {Role.RIGHTS_ADMINISTRATOR}
# Holders of these roles keep their grants unless operator staff revoke them: a Rights
# Administrator, whom a Primary Contact appoints, cannot cut off the people above them.
PROTECTED_HOLDERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}


def can_grant_access(user, org: Organization) -> bool:
    return is_operator_staff(user) or bool(role_codes(user, org) & ACCESS_GRANTERS)


def can_revoke_grant_of(user, org: Organization, holder_codes) -> bool:
    """May `user` revoke a grant whose holder has `holder_codes` in `org`?"""
    if is_operator_staff(user):
        return True
    return can_grant_access(user, org) and not (set(holder_codes) & PROTECTED_HOLDERS)


def can_request_access(user, org: Organization) -> bool:
    """Any member may ask their organization's Rights Administrators for access."""
    return (
        user.is_authenticated
        and not is_operator_staff(user)
        and getattr(user, "person", None) is not None
    )
