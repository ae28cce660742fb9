"""Fetch-and-authorize, one function per kind of object: invisible is 404, like missing."""

from functools import wraps

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from audit.log import record_refusal
from core.access import as_id
from core.errors import NotFound, require
from core.text import sentence
from registry.models import Organization, Person, RoleType, Section
from registry.rules import can_read_audit, is_operator_staff


def require_staff(user) -> None:
    """Staff pages (the back office) are invisible (404) to everyone but operator staff: the
    one answer every staff-only page gives, whichever app it lives in."""
    if not is_operator_staff(user):
        raise NotFound(_("There is no such page."))


def staff_page(view):
    """A staff-only page view: `require_staff` before the view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_staff(request.user)
        return view(request, *args, **kwargs)

    return wrapped


def require_audit_reader(user, org: Organization) -> None:
    """The organization's audit log and record exports: `can_read_audit`, else 403."""
    require(
        can_read_audit(user, org),
        sentence(
            _(
                "Only operator staff and the Primary Contacts or Authorized Representatives of "
                "{org} can read its audit log and records."
            ),
            org=org.legal_name,
        ),
    )


def get_organization_for(user, org_id) -> Organization:
    """An organization the user belongs to (staff: any), else NotFound."""
    number = as_id(org_id)
    org = (
        Organization.objects.visible_to(user).filter(org_id=number).first()
        if number is not None
        else None
    )
    if org is None:
        if number is not None and Organization.objects.filter(org_id=number).exists():
            record_refusal(
                user,
                "access.denied",
                target=Organization.objects.get(org_id=number),
                code="not_found",
                message="They are not a member of this organization.",
            )
        raise NotFound(
            sentence(_("No organization with ID {org_id} is visible to you."), org_id=org_id)
        )
    return org


def get_member_for(user, org: Organization, person_id) -> Person:
    """A person who belongs to `org` (which the caller already got through access)."""
    number = as_id(person_id)
    person = (
        Person.objects.filter(person_id=number, memberships__organization=org)
        .select_related("user")
        .first()
        if number is not None
        else None
    )
    if person is None:
        raise NotFound(
            sentence(
                _("No person with ID {person_id} belongs to {org}."),
                person_id=person_id,
                org=org.legal_name,
            )
        )
    return person


def get_person_for(user, person_id) -> Person:
    """A person who shares an organization with the user (staff: any), else NotFound."""
    number = as_id(person_id)
    qs = Person.objects.filter(person_id=number) if number is not None else Person.objects.none()
    if not is_operator_staff(user):
        qs = qs.filter(
            memberships__organization__in=Organization.objects.visible_to(user)
        ).distinct()
    person = qs.first()
    if person is None:
        raise NotFound(
            sentence(_("No person with ID {person_id} is visible to you."), person_id=person_id)
        )
    return person


def get_person_by_number(person_id) -> Person:
    """Any registered person by Person ID, for registering them as a contact after a search."""
    number = as_id(person_id)
    person = Person.objects.filter(person_id=number).first() if number is not None else None
    if person is None:
        raise NotFound(
            sentence(_("No person with ID {person_id} is registered."), person_id=person_id)
        )
    return person


def get_role_type(code) -> RoleType:
    role_type = RoleType.objects.filter(code=str(code)[:60]).first()
    if role_type is None:
        raise NotFound(sentence(_("There is no role called {code!r}."), code=str(code)[:60]))
    return role_type


def get_section_for(user, org: Organization, section_id) -> Section:
    """A section of `org` (which the caller already got through access), else NotFound: one
    of another organization is missing to them."""
    number = as_id(section_id)
    section = (
        Section.objects.filter(pk=number, organization=org).first() if number is not None else None
    )
    if section is None:
        raise NotFound(
            sentence(
                _("{org} has no section with ID {section_id}."),
                org=org.legal_name,
                section_id=section_id,
            )
        )
    section.organization = org
    return section


def next_within(request, org: Organization, default: str) -> str:
    """Where to go back to after an action: the page's `next` (POST, then GET) when it is
    one of this organization's pages, else `default` (never another site or organization)."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    prefix = reverse("registry-organization", kwargs={"org_id": org.org_id})
    return url if url.startswith(prefix) and "//" not in url else default
