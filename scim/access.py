"""Fetch-and-authorize: another organization's SCIM token or person is 404, like a missing one."""

from core.access import as_id, one_of
from core.errors import NotFound, require
from registry.models import Organization, Person, RoleType
from scim.models import ScimToken
from scim.rules import can_manage_scim_tokens, scim_refusal_sentence


def require_scim_manager(user, org: Organization) -> None:
    require(can_manage_scim_tokens(user, org), scim_refusal_sentence(org))


def get_scim_token_for(user, org: Organization, token_id) -> ScimToken:
    """One of the organization's SCIM tokens, for those who manage them (403 for others)."""
    require_scim_manager(user, org)
    return one_of(org, ScimToken.objects, token_id, "SCIM token")


def get_member_for_scim(org: Organization, person_id) -> Person:
    """A member of the organization by Person ID: anyone else is not found."""
    number = as_id(person_id)
    person = (
        Person.objects.filter(person_id=number, memberships__organization=org).first()
        if number is not None
        else None
    )
    if person is None:
        raise NotFound(f"{org.legal_name} has no member with ID {str(person_id)[:20]}.")
    return person


def get_role_type_for_scim(code) -> RoleType:
    role_type = RoleType.objects.filter(code=str(code)[:60]).first()
    if role_type is None:
        raise NotFound(f"There is no group {str(code)[:60]!r}.")
    return role_type
