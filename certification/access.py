"""Fetch-and-authorize a certification: another organization's does not exist (404); a member
of the organization without the role to read it is told why (403)."""

from django.utils.translation import gettext_lazy as _

from certification.models import Certification
from certification.rules import can_read_certification
from core.errors import Forbidden, NotFound
from core.text import sentence
from registry.access import get_organization_for


def get_certification_for(user, org_id, cert_id) -> Certification:
    """A certification of an organization the user may read it for; else 404 (another
    organization's) or 403 with the reason (a member without the role)."""
    org = get_organization_for(user, org_id)
    cert = (
        Certification.objects.select_related("campaign", "task", "organization")
        .filter(organization=org, pk=cert_id)
        .first()
        if str(cert_id).isascii() and str(cert_id).isdigit()
        else None
    )
    if cert is None:
        raise NotFound(
            sentence(
                _("No certification {id} of {org} is visible to you."),
                id=cert_id,
                org=org.legal_name,
            )
        )
    if not can_read_certification(user, org):
        raise Forbidden(
            sentence(
                _(
                    "Only the Authorized Representatives and Primary Contacts of {org} (and "
                    "operator staff) read its certification."
                ),
                org=org.legal_name,
            )
        )
    cert.organization = org
    return cert
