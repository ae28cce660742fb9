"""Small helpers shared by the registry's tests."""

from audit.models import AuditEntry
from registry.models import RoleAssignment, RoleType


def holds(person, org, code: str) -> bool:
    return RoleAssignment.objects.filter(
        membership__organization=org, membership__person=person, role_type__code=code
    ).exists()


def role(code: str) -> RoleType:
    return RoleType.objects.get(code=code)


def last_audit() -> AuditEntry:
    return AuditEntry.objects.order_by("-id").first()


def login(client, user):
    client.force_login(user)
    return client
