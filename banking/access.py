"""Fetch-and-authorize for banking pages: outsiders get 404, members outside the banking
group 403."""

from django.utils.translation import gettext_lazy as _

from banking.rules import can_view_banking
from core.errors import require
from core.text import sentence
from registry.access import get_organization_for
from registry.models import Organization


def get_banking_organization_for(user, org_id) -> Organization:
    org = get_organization_for(user, org_id)
    require(
        can_view_banking(user, org),
        sentence(
            _(
                "Only the Primary Contacts, Authorized Representatives and Invoicing and Banking "
                "Contacts of {org} can see its banking information."
            ),
            org=org.legal_name,
        ),
    )
    return org
