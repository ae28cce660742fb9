"""Small helpers shared by the systems app's tests."""

from audit.models import AuditEntry
from systems.models import AccessGrant, InformationSystem


def system(code: str) -> InformationSystem:
    return InformationSystem.objects.get(code=code)


def grants(org, person) -> dict[str, str]:
    """system code -> level of `person`'s grants in `org`."""
    return dict(
        AccessGrant.objects.filter(organization=org, person=person).values_list(
            "system__code", "level"
        )
    )


def last_audit() -> AuditEntry:
    return AuditEntry.objects.order_by("-id").first()
