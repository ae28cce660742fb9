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


def review_lapsed(addresses: list[str], org: Organization, review, items) -> None:
    """Tell the Rights Administrators which grants the deadline sweep revoked."""
    lines = "\n".join(
        f"- {i.person_name} (Person ID {i.person_number}): {i.system_name} ({i.level})"
        for i in items
    )
    send_after_commit(
        addresses,
        f"Access not confirmed in time has been revoked for {org.legal_name}",
        f"Hello,\n\nThe access review of {org.legal_name} (Organization ID {org.org_id}) ended "
        f"on {review.deadline:%Y-%m-%d}. These grants were not confirmed and have been "
        f"revoked; each person has been told:\n\n{lines}\n\nTo restore access, grant it again "
        f"on Manage Access.",
    )
