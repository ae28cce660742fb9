"""The reads SCIM lists need, in a fixed number of queries whatever the number of rows."""

from collections import defaultdict

from django.db.models import Q

from registry.models import Organization, Person, RoleAssignment, RoleType
from scim.models import ScimIdentity, ScimToken


def members(org: Organization):
    return Person.objects.filter(memberships__organization=org)


def roles_and_identities(org: Organization, persons: list[Person]) -> tuple[dict, dict]:
    """Person pk -> the role types they hold in `org`; person pk -> their SCIM identity there
    (two queries)."""
    roles = defaultdict(list)
    assignments = (
        RoleAssignment.objects.filter(membership__organization=org, membership__person__in=persons)
        .select_related("role_type", "membership")
        .order_by("role_type__sort_order", "role_type__name")
    )
    for assignment in assignments:
        roles[assignment.membership.person_id].append(assignment.role_type)
    identities = {
        i.person_id: i for i in ScimIdentity.objects.filter(organization=org, person__in=persons)
    }
    return roles, identities


def users_page(org: Organization, q: Q, start: int, count: int):
    """(total, persons, roles, identities): four queries (count, page, roles, identities)."""
    matching = members(org).filter(q).order_by("person_id")
    total = matching.count()
    persons = list(matching[start - 1 : start - 1 + count]) if count else []
    roles, identities = roles_and_identities(org, persons) if persons else ({}, {})
    return total, persons, roles, identities


def holders_by_role(org: Organization, role_types: list[RoleType]) -> dict[int, list[Person]]:
    """Role type pk -> the members holding it in `org`, by Person ID (one query)."""
    holders = defaultdict(list)
    assignments = (
        RoleAssignment.objects.filter(membership__organization=org, role_type__in=role_types)
        .select_related("membership__person")
        .order_by("membership__person__person_id")
    )
    for assignment in assignments:
        holders[assignment.role_type_id].append(assignment.membership.person)
    return holders


def groups_page(org: Organization, q: Q, start: int, count: int):
    """(total, role types, holders): three queries."""
    matching = RoleType.objects.filter(q).order_by("sort_order", "name", "code")
    total = matching.count()
    role_types = list(matching[start - 1 : start - 1 + count]) if count else []
    return total, role_types, holders_by_role(org, role_types) if role_types else {}


def tokens_of(org: Organization):
    """The organization's SCIM tokens, newest first, with their issuers (one query)."""
    return ScimToken.objects.filter(organization=org).select_related("issued_by__person")
