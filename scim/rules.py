"""Who may issue and revoke an organization's SCIM tokens. Services and pages ask these."""

from django.utils.translation import gettext_lazy as _

from core.text import sentence
from registry.models import Organization
from registry.rules import Role, role_codes

# A SCIM token provisions the organization's people and their roles.
SCIM_ISSUERS = {Role.PRIMARY_CONTACT, Role.RIGHTS_ADMINISTRATOR}


def can_manage_scim_tokens(user, org: Organization) -> bool:
    return bool(role_codes(user, org) & SCIM_ISSUERS)


def scim_refusal_sentence(org: Organization) -> str:
    return sentence(
        _(
            "Only the Primary Contacts and Rights Administrators of {org} can issue or revoke "
            "its SCIM tokens."
        ),
        org=org.legal_name,
    )
