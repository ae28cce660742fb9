"""Who is told about access changes, and in what words. Sent after commit."""

from core.mail import send_after_commit
from registry.models import Organization, Person
from systems.models import InformationSystem


def access_granted(person: Person, org: Organization, system: InformationSystem, level: str):
    send_after_commit(
        [person.email],
        f"You now have {level} access to {system.name}",
        f"Hello {person.first_name},\n\nOn behalf of {org.legal_name} (Organization ID "
        f"{org.org_id}) you may now use {system.name} at the {level!r} level.",
    )


def access_revoked(person: Person, org: Organization, system: InformationSystem, why: str):
    send_after_commit(
        [person.email],
        f"Your access to {system.name} has ended",
        f"Hello {person.first_name},\n\nYour access to {system.name} on behalf of "
        f"{org.legal_name} (Organization ID {org.org_id}) has ended: {why}.",
    )
