"""The Applicant Representative is required once an organization has applied: the registry's
last-holder rule asks `registry.hooks.role_required`, answered here."""

from participation.models import Application
from registry.rules import Role


def applicant_representative_required(org, role_type) -> bool:
    """An organization with an application that is not withdrawn (in progress, submitted,
    authorized or suspended) keeps at least one Applicant Representative at all times."""
    if role_type.code != Role.APPLICANT_REPRESENTATIVE:
        return False
    return Application.objects.live().filter(organization=org).exists()
