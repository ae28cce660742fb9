"""Who is told about registry changes, and in what words. Sent after commit."""

from core.mail import send_after_commit
from registry.models import Organization, Person, RoleType
from registry.rules import Role


def _contacts(org: Organization, codes) -> list[str]:
    return list(
        Person.objects.filter(
            memberships__organization=org, memberships__roles__role_type__code__in=list(codes)
        )
        .values_list("email", flat=True)
        .distinct()
    )


def contact_added(person: Person, org: Organization, role_type: RoleType) -> None:
    to = [person.email, *_contacts(org, [Role.PRIMARY_CONTACT])]
    send_after_commit(
        to,
        f"{person.full_name} is now {role_type.name} of {org.legal_name}",
        f"{person.full_name} (Person ID {person.person_id}) has been registered as "
        f"{role_type.name} of {org.legal_name} (Organization ID {org.org_id}).",
    )


def contact_removed(person: Person, org: Organization, role_type: RoleType) -> None:
    to = [person.email, *_contacts(org, [Role.PRIMARY_CONTACT])]
    send_after_commit(
        to,
        f"{person.full_name} is no longer {role_type.name} of {org.legal_name}",
        f"{person.full_name} (Person ID {person.person_id}) has been removed as "
        f"{role_type.name} of {org.legal_name} (Organization ID {org.org_id}).",
    )


def member_removed(person: Person, org: Organization) -> None:
    to = [person.email, *_contacts(org, [Role.PRIMARY_CONTACT])]
    send_after_commit(
        to,
        f"{person.full_name} has been removed from {org.legal_name}",
        f"{person.full_name} (Person ID {person.person_id}) no longer belongs to "
        f"{org.legal_name} (Organization ID {org.org_id}); their roles there have ended.",
    )
