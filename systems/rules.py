"""Who may grant, revoke and request access to the operator's systems. Services ask these."""

from django.utils.functional import keep_lazy_text
from django.utils.translation import gettext_lazy as _

from core.text import sentence
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


# --- Machine accounts -----------------------------------------------------------------------
# Each answers the refusal the service raises, or None: a page offers the action where it is
# None and shows the sentence where it is not. The sentences are lazy: read in the reader's
# language, audited in English.


@keep_lazy_text
def _lower(text) -> str:
    return str(text).lower()


def _state(account):
    """The account's state as a lazy, lower-case word ("revoked", « révoqué »)."""
    return _lower(type(account).State(account.state).label)


def machine_request_refusal(user, org: Organization) -> str | None:
    if can_grant_access(user, org):
        return None
    return sentence(
        _("Only a Rights Administrator of {org} can request a machine account."),
        org=org.legal_name,
    )


def _is_rights_administrator(user, org: Organization) -> bool:
    return bool(role_codes(user, org) & ACCESS_GRANTERS)


def machine_credentials_refusal(user, account) -> str | None:
    """Only a Rights Administrator of the organization sees a secret, never operator staff."""
    org = account.organization
    if not _is_rights_administrator(user, org):
        return sentence(
            _("Only a Rights Administrator of {org} can issue its credentials."),
            org=org.legal_name,
        )
    if not account.is_active:
        return sentence(_("It is {state}: it has no credentials to issue."), state=_state(account))
    return None


_ONLY_GRANTERS = {
    "renew": _("Only a Rights Administrator of {org} can renew it."),
    "revoke": _("Only a Rights Administrator of {org} can revoke it."),
}


def _not_granter(user, account, what: str) -> str | None:
    """Only a Rights Administrator of the account's organization (or operator staff) may."""
    org = account.organization
    if not can_grant_access(user, org):
        return sentence(_ONLY_GRANTERS[what], org=org.legal_name)
    return None


def machine_renewal_refusal(user, account) -> str | None:
    if refusal := _not_granter(user, account, "renew"):
        return refusal
    if not account.is_active:
        return sentence(_("It is {state}: only an active one is renewed."), state=_state(account))
    if account.renewal_task_id is not None:
        return _("Its renewal is waiting for approval.")
    return None


def machine_revoke_refusal(user, account) -> str | None:
    if refusal := _not_granter(user, account, "revoke"):
        return refusal
    if not account.is_live:
        return sentence(_("It is already {state}."), state=_state(account))
    return None
