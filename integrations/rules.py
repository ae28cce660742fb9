"""Who may read an organization's events and manage its webhooks. Services, pages and the API
ask these, and nothing else decides."""

from django.utils.translation import gettext_lazy as _

from core.text import sentence
from registry.models import Organization
from registry.rules import Role, role_codes

# The event feed: what changed in the organization, for its own systems.
EVENT_READERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE, Role.RIGHTS_ADMINISTRATOR}
# Webhooks send the organization's events to a URL of their choosing.
WEBHOOK_MANAGERS = {Role.PRIMARY_CONTACT, Role.AUTHORIZED_REPRESENTATIVE}


def can_read_events(user, org: Organization) -> bool:
    return bool(role_codes(user, org) & EVENT_READERS)


def can_manage_webhooks(user, org: Organization) -> bool:
    return bool(role_codes(user, org) & WEBHOOK_MANAGERS)


def events_refusal_sentence(org: Organization) -> str:
    return sentence(
        _(
            "Only the Primary Contacts, Authorized Representatives and Rights Administrators of "
            "{org} can read its events."
        ),
        org=org.legal_name,
    )


def webhooks_refusal_sentence(org: Organization) -> str:
    return sentence(
        _(
            "Only the Primary Contacts and Authorized Representatives of {org} can manage its "
            "webhooks."
        ),
        org=org.legal_name,
    )
