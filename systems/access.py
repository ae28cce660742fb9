"""Fetch-and-authorize for systems and grants: invisible is 404, like missing."""

from core.errors import NotFound
from registry.access import _as_int
from registry.models import Organization, Person
from systems.models import AccessGrant, InformationSystem


def get_system(code) -> InformationSystem:
    """An active system of the catalogue, by code."""
    text = str(code or "").strip()[:40]
    system = InformationSystem.objects.filter(code=text, is_active=True).first() if text else None
    if system is None:
        raise NotFound(f"There is no information system called {text!r}.")
    return system


def get_grant_for(user, org: Organization, grant_id) -> AccessGrant:
    """A grant of `org` (which the caller already got through access), else NotFound."""
    number = _as_int(grant_id)
    grant = (
        AccessGrant.objects.select_related("person", "system")
        .filter(pk=number, organization=org)
        .first()
        if number is not None
        else None
    )
    if grant is None:
        raise NotFound(f"No access grant {grant_id} of {org.legal_name} is visible to you.")
    return grant


def get_grantee(org: Organization, person_id) -> Person:
    """The person named in a grant request, found by Person ID whatever their organization.

    Whether they belong to `org` is the grant service's rule (it refuses, and audits the
    refusal); the message is the same for a stranger and for nobody at all.
    """
    number = _as_int(person_id)
    person = Person.objects.filter(person_id=number).first() if number is not None else None
    if person is None:
        raise NotFound(f"No person with ID {person_id} belongs to {org.legal_name}.")
    return person
