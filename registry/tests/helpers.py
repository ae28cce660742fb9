"""Small helpers shared by the registry's tests."""

from core.testing import last_audit  # noqa: F401 (shared)
from registry.models import RoleAssignment, RoleType


def holds(person, org, code: str) -> bool:
    return RoleAssignment.objects.filter(
        membership__organization=org, membership__person=person, role_type__code=code
    ).exists()


def role(code: str) -> RoleType:
    return RoleType.objects.get(code=code)


def login(client, user):
    client.force_login(user)
    return client
