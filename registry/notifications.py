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


FIELD_NAMES = {
    "legal_name": "legal name",
    "street": "street address",
    "city": "city",
    "province": "province or state",
    "postal_code": "postal code",
    "country": "country",
}


def organization_updated(org: Organization, changed: list[str], before: dict) -> None:
    """The Primary Contacts hear what operator staff corrected, before and after."""
    lines = [
        f"- {FIELD_NAMES.get(name, name).capitalize()}: {before.get(name) or '(none)'} → "
        f"{getattr(org, name) or '(none)'}"
        for name in changed
    ]
    send_after_commit(
        _contacts(org, [Role.PRIMARY_CONTACT]),
        f"Registered details of {org.legal_name} corrected by the operator",
        f"Operator staff corrected the registered details of {org.legal_name} (Organization "
        f"ID {org.org_id}):\n\n" + "\n".join(lines) + "\n\nIf anything here is wrong, "
        "reply to Customer Relations.",
    )


def member_removed(person: Person, org: Organization) -> None:
    to = [person.email, *_contacts(org, [Role.PRIMARY_CONTACT])]
    send_after_commit(
        to,
        f"{person.full_name} has been removed from {org.legal_name}",
        f"{person.full_name} (Person ID {person.person_id}) no longer belongs to "
        f"{org.legal_name} (Organization ID {org.org_id}); their roles there have ended.",
    )


def email_change_requested(person: Person, new_email: str, link: str, expires) -> None:
    """The link goes to the NEW address (proof it is theirs); the OLD one is told, so a
    change nobody asked for does not pass unnoticed."""
    from django.conf import settings
    from django.utils import timezone

    until = timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")
    send_after_commit(
        [new_email],
        "Confirm your new e-mail address",
        f"You asked to use this address, {new_email}, as the business e-mail of "
        f"{person.full_name} (Person ID {person.person_id}) on the "
        f"{settings.OPERATOR_SHORT_NAME} {settings.PORTAL_NAME}.\n\n"
        f"To confirm it, open this link and sign in: {link}\n"
        f"It works once, until {until}. Until you confirm, your e-mail stays "
        f"{person.email}.\n\nIf you did not ask for this, ignore this message.",
    )
    send_after_commit(
        [person.email],
        "A change of your e-mail address was requested",
        f"Someone signed in as {person.full_name} (Person ID {person.person_id}) asked to "
        f"change the business e-mail from {person.email} to {new_email}. Nothing changes until "
        f"the link sent to the new address is opened.\n\nIf this was not you, change your "
        f"password and call Customer Relations at {settings.CUSTOMER_RELATIONS_PHONE}.",
    )


def email_changed(person: Person, old_email: str) -> None:
    from django.conf import settings

    send_after_commit(
        [old_email, person.email],
        "Your e-mail address was changed",
        f"The business e-mail of {person.full_name} (Person ID {person.person_id}) is now "
        f"{person.email} (it was {old_email}).\n\nIf this was not you, call Customer Relations "
        f"at {settings.CUSTOMER_RELATIONS_PHONE}.",
    )


def affiliation_requested(person: Person, org: Organization, actor) -> None:
    by = getattr(getattr(actor, "person", None), "full_name", "") or "Someone"
    send_after_commit(
        [person.email],
        f"{org.legal_name} asks to add you as a member",
        f"{by} asked to add you (Person ID {person.person_id}) to {org.legal_name} "
        f"(Organization ID {org.org_id}). Until you confirm, they see only your name and a "
        f"masked e-mail address. Confirm or decline on Manage My Information; if you do not "
        f"know {org.legal_name}, decline and tell Customer Relations.",
    )


def section_email_link(section, new_email: str, link: str, expires, actor) -> None:
    """The link goes to the section's (new) shared address: whoever reads it confirms it."""
    from django.conf import settings
    from django.utils import timezone

    from audit.log import actor_label

    org = section.organization
    until = timezone.localtime(expires).strftime("%Y-%m-%d %H:%M")
    send_after_commit(
        [new_email],
        f"Confirm this address for {section.name} of {org.legal_name}",
        f"{actor_label(actor, nobody='Operator staff')} registered this address, {new_email}, "
        f"as the shared e-mail of the section {section.name} of {org.legal_name} "
        f"(Organization ID {org.org_id}) on the {settings.OPERATOR_SHORT_NAME} "
        f"{settings.PORTAL_NAME}. Once confirmed, it receives the operator's notices to the "
        f"section's roles.\n\nTo confirm it, open this link (no sign-in needed): {link}\n"
        f"It works once, until {until}.\n\nIf this address should not receive them, ignore "
        f"this message, or call Customer Relations at {settings.CUSTOMER_RELATIONS_PHONE}.",
    )
