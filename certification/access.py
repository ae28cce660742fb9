"""Fetch-and-authorize a certification: another organization's does not exist (404); a member
of the organization without the role to read it is told why (403)."""

from certification.models import Certification
from certification.rules import can_read_certification
from core.errors import Forbidden, NotFound
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
        raise NotFound(f"No certification {cert_id} of {org.legal_name} is visible to you.")
    if not can_read_certification(user, org):
        raise Forbidden(
            f"Only the Authorized Representatives and Primary Contacts of {org.legal_name} (and "
            f"operator staff) read its certification."
        )
    cert.organization = org
    return cert
