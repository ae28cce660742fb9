"""Who is told about registry changes, and in what words. Sent after commit.

Each subject and body is a `sentence` of a `gettext_lazy` template: `core.mail` puts it
together once per language among the recipients (issue 20)."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from core.mail import send_after_commit
from registry.models import Organization, Person, RoleType
from registry.rules import Role


def _when(moment) -> str:
    """A date and time as the reader's language writes them (config/formats)."""
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


# Formatted when the e-mail is put together, in each recipient's language.
_lazy_when = lazy(_when, str)
_lazy_lines = lazy(lambda *lines: "\n".join(str(line) for line in lines), str)


def _contacts(org: Organization, codes) -> list[str]:
    return list(
        Person.objects.filter(
            memberships__organization=org, memberships__roles__role_type__code__in=list(codes)
        )
        .values_list("email", flat=True)
        .distinct()
    )


def _role_changed(person: Person, org: Organization, role_type: RoleType, subject, body) -> None:
    """The person and the organization's Primary Contacts hear of a role gained or lost; the
    role's name reads in each recipient's language (its str(), core.bilingual)."""
    from core.text import sentence

    values = {
        "person": person.full_name,
        "person_id": person.person_id,
        "role": role_type,
        "org": org.legal_name,
        "org_id": org.org_id,
    }
    to = [person.email, *_contacts(org, [Role.PRIMARY_CONTACT])]
    send_after_commit(to, sentence(subject, **values), sentence(body, **values))


def contact_added(person: Person, org: Organization, role_type: RoleType) -> None:
    _role_changed(
        person,
        org,
        role_type,
        _("{person} is now {role} of {org}"),
        _(
            "{person} (Person ID {person_id}) has been registered as {role} of {org} "
            "(Organization ID {org_id})."
        ),
    )


def contact_removed(person: Person, org: Organization, role_type: RoleType) -> None:
    _role_changed(
        person,
        org,
        role_type,
        _("{person} is no longer {role} of {org}"),
        _(
            "{person} (Person ID {person_id}) has been removed as {role} of {org} "
            "(Organization ID {org_id})."
        ),
    )


FIELD_NAMES = {
    "legal_name": _("Legal name"),
    "street": _("Street address"),
    "city": _("City"),
    "province": _("Province or state"),
    "postal_code": _("Postal code"),
    "country": _("Country"),
}


def organization_updated(org: Organization, changed: list[str], before: dict) -> None:
    """The Primary Contacts hear what operator staff corrected, before and after."""
    from core.text import sentence

    none = _("(none)")
    lines = [
        sentence(
            _("- {field}: {before} → {after}"),
            field=FIELD_NAMES.get(name, name.capitalize()),
            before=before.get(name) or none,
            after=getattr(org, name) or none,
        )
        for name in changed
    ]
    send_after_commit(
        _contacts(org, [Role.PRIMARY_CONTACT]),
        sentence(_("Registered details of {org} corrected by the operator"), org=org.legal_name),
        sentence(
            _(
                "Operator staff corrected the registered details of {org} (Organization ID "
                "{org_id}):\n\n{lines}\n\nIf anything here is wrong, reply to Customer Relations."
            ),
            org=org.legal_name,
            org_id=org.org_id,
            lines=_lazy_lines(*lines),
        ),
    )


def member_removed(person: Person, org: Organization) -> None:
    from core.text import sentence

    to = [person.email, *_contacts(org, [Role.PRIMARY_CONTACT])]
    send_after_commit(
        to,
        sentence(
            _("{person} has been removed from {org}"), person=person.full_name, org=org.legal_name
        ),
        sentence(
            _(
                "{person} (Person ID {person_id}) no longer belongs to {org} (Organization ID "
                "{org_id}); their roles there have ended."
            ),
            person=person.full_name,
            person_id=person.person_id,
            org=org.legal_name,
            org_id=org.org_id,
        ),
    )


def email_change_requested(person: Person, new_email: str, link: str, expires) -> None:
    """The link goes to the NEW address (proof it is theirs); the OLD one is told, so a
    change nobody asked for does not pass unnoticed."""
    from django.conf import settings

    from core.text import sentence

    send_after_commit(
        [new_email],
        _("Confirm your new e-mail address"),
        sentence(
            _(
                "You asked to use this address, {new_email}, as the business e-mail of "
                "{person} (Person ID {person_id}) on the {short} {portal}.\n\n"
                "To confirm it, open this link and sign in: {link}\n"
                "It works once, until {until}. Until you confirm, your e-mail stays "
                "{old_email}.\n\nIf you did not ask for this, ignore this message."
            ),
            new_email=new_email,
            person=person.full_name,
            person_id=person.person_id,
            short=settings.OPERATOR_SHORT_NAME,
            portal=settings.PORTAL_NAME,
            link=link,
            until=_lazy_when(expires),
            old_email=person.email,
        ),
    )
    send_after_commit(
        [person.email],
        _("A change of your e-mail address was requested"),
        sentence(
            _(
                "Someone signed in as {person} (Person ID {person_id}) asked to change the "
                "business e-mail from {old_email} to {new_email}. Nothing changes until the "
                "link sent to the new address is opened.\n\nIf this was not you, change your "
                "password and call Customer Relations at {phone}."
            ),
            person=person.full_name,
            person_id=person.person_id,
            old_email=person.email,
            new_email=new_email,
            phone=settings.CUSTOMER_RELATIONS_PHONE,
        ),
    )


def email_changed(person: Person, old_email: str) -> None:
    from django.conf import settings

    from core.text import sentence

    send_after_commit(
        [old_email, person.email],
        _("Your e-mail address was changed"),
        sentence(
            _(
                "The business e-mail of {person} (Person ID {person_id}) is now {new_email} "
                "(it was {old_email}).\n\nIf this was not you, call Customer Relations at "
                "{phone}."
            ),
            person=person.full_name,
            person_id=person.person_id,
            new_email=person.email,
            old_email=old_email,
            phone=settings.CUSTOMER_RELATIONS_PHONE,
        ),
    )


def affiliation_requested(person: Person, org: Organization, actor) -> None:
    from core.text import sentence

    by = getattr(getattr(actor, "person", None), "full_name", "") or _("Someone")
    send_after_commit(
        [person.email],
        sentence(_("{org} asks to add you as a member"), org=org.legal_name),
        sentence(
            _(
                "{by} asked to add you (Person ID {person_id}) to {org} (Organization ID "
                "{org_id}). Until you confirm, they see only your name and a masked e-mail "
                "address. Confirm or decline on Manage My Information; if you do not know "
                "{org}, decline and tell Customer Relations."
            ),
            by=by,
            person_id=person.person_id,
            org=org.legal_name,
            org_id=org.org_id,
        ),
    )


def section_email_link(section, new_email: str, link: str, expires, actor) -> None:
    """The link goes to the section's (new) shared address: whoever reads it confirms it."""
    from django.conf import settings

    from audit.log import actor_label
    from core.text import sentence

    org = section.organization
    send_after_commit(
        [new_email],
        sentence(
            _("Confirm this address for {section} of {org}"),
            section=section.name,
            org=org.legal_name,
        ),
        sentence(
            _(
                "{by} registered this address, {new_email}, as the shared e-mail of the "
                "section {section} of {org} (Organization ID {org_id}) on the {short} "
                "{portal}. Once confirmed, it receives the operator's notices to the "
                "section's roles.\n\nTo confirm it, open this link (no sign-in needed): "
                "{link}\nIt works once, until {until}.\n\nIf this address should not receive "
                "them, ignore this message, or call Customer Relations at {phone}."
            ),
            by=actor_label(actor, nobody=_("Operator staff")),
            new_email=new_email,
            section=section.name,
            org=org.legal_name,
            org_id=org.org_id,
            short=settings.OPERATOR_SHORT_NAME,
            portal=settings.PORTAL_NAME,
            link=link,
            until=_lazy_when(expires),
            phone=settings.CUSTOMER_RELATIONS_PHONE,
        ),
    )
