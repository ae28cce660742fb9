"""The registry's JSON operations: Schema in -> access -> the same service as the pages -> out."""

from datetime import datetime
from typing import Annotated

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Status
from pydantic import StringConstraints

from audit.queries import org_audit_count, org_audit_entries
from audit.sentences import describe
from core.api import (
    MAX_LIMIT,
    SEARCH_TEXT,
    Email,
    Filled,
    In,
    ListParams,
    Name,
    Page,
    Schema,
    Telephone,
    Text,
    page,
    rate_limited,
    responses,
)
from core.errors import NotFound
from core.text import sentence
from registry import queries, services
from registry.access import (
    get_member_for,
    get_organization_for,
    get_person_by_number,
    get_person_for,
    get_role_type,
    get_section_for,
    require_audit_reader,
)
from registry.models import Organization, Person, Section
from registry.rules import is_operator_staff

router = Router(tags=["registry"])

PersonId = Field(..., ge=1, le=2**31 - 1, description="A Person ID.")
RoleCode = Field(..., min_length=1, max_length=60, description="A role code.")


# --- Schemas ------------------------------------------------------------------------------


class OrgRolesOut(Schema):
    org_id: int
    legal_name: str
    roles: list[str]


class MeOut(Schema):
    person_id: int | None
    account: str
    first_name: str
    last_name: str
    job_title: str
    email: str
    phone: str
    street: str = ""
    city: str = ""
    province: str = ""
    postal_code: str = ""
    country: str = ""
    # A new e-mail asked for and not confirmed yet (the link went to it); `email` stays the
    # address in use until then.
    pending_email: str | None = None
    organizations: list[OrgRolesOut]


class MeIn(In):
    first_name: Name(100) | None = None
    last_name: Name(100) | None = None
    job_title: Text(150) | None = None
    email: Email() | None = None
    phone: Telephone() | None = None
    street: Text(200) | None = None
    city: Text(100) | None = None
    province: Text(100) | None = None
    postal_code: Text(20) | None = None
    country: Text(100) | None = None


class OrganizationOut(Schema):
    org_id: int
    legal_name: str
    is_active: bool


class HolderOut(Schema):
    person_id: int
    name: str


class SectionHolderOut(Schema):
    section_id: int
    name: str


class RoleHoldersOut(Schema):
    role: str
    role_name: str
    mandatory: bool
    holders: list[HolderOut]
    sections: list[SectionHolderOut] = Field(
        default_factory=list, description="Sections (shared points of contact) holding it."
    )


class OrganizationDetailOut(OrganizationOut):
    street: str
    city: str
    province: str
    postal_code: str
    country: str
    contacts: list[RoleHoldersOut]
    warnings: list[str]


class OrganizationIn(In):
    legal_name: Filled(200)
    primary_contact: int = PersonId
    authorized_representative: int = PersonId
    rights_administrator: int | None = Field(None, ge=1, le=2**31 - 1)
    street: Text(200) = ""
    city: Text(100) = ""
    province: Text(100) = ""
    postal_code: Text(20) = ""
    country: Text(100) = "Canada"


class ContactOut(Schema):
    person_id: int | None = Field(description="The holder's Person ID; null for a section.")
    section_id: int | None = Field(None, description="The section's ID; null for a person.")
    name: str
    role: str


class ContactIn(In):
    person_id: int = PersonId
    role: str = RoleCode


class ContactParams(ListParams):
    role: str | None = Field(None, max_length=60, description="Only holders of this role.")


class MemberOut(Schema):
    person_id: int
    name: str
    roles: list[str]


class MemberIn(In):
    person_id: int = PersonId


class PersonSummaryOut(Schema):
    person_id: int
    name: str
    email: str = Field(description="Masked, enough to recognize the person.")


class SearchParams(ListParams):
    q: str = Field(
        ...,
        max_length=100,
        pattern=SEARCH_TEXT,
        description="A name, an e-mail or a Person ID: at least 2 characters.",
    )


class PersonIn(In):
    first_name: Name(100)
    last_name: Name(100)
    email: Email()
    phone: Telephone()
    job_title: Text(150) = ""
    organization_id: int = Field(..., ge=1, le=2**31 - 1)
    role: str | None = Field(None, max_length=60, description="Also register them for it.")
    allow_similar_name: bool = Field(
        False, description="Confirm a different person of the same name in the organization."
    )


class PersonOut(Schema):
    person_id: int
    first_name: str
    last_name: str
    job_title: str
    email: str
    phone: str
    organizations: list[OrgRolesOut]


class AuditOut(Schema):
    at: datetime
    actor: str
    action: str
    outcome: str = Field(description="done or refused")
    target: str
    details: dict
    sentence: str


# --- Helpers ------------------------------------------------------------------------------


def _orgs_with_roles(person: Person, visible_to=None) -> list[dict]:
    orgs = queries.organizations_with_roles(person)
    if visible_to is not None and not is_operator_staff(visible_to):
        mine = set(Organization.objects.visible_to(visible_to).values_list("pk", flat=True))
        orgs = [org for org in orgs if org.pk in mine]
    return [
        {"org_id": o.org_id, "legal_name": o.legal_name, "roles": [r.code for r in o.person_roles]}
        for o in orgs
    ]


def _me(request: HttpRequest) -> dict:
    user = request.auth
    person = getattr(user, "person", None)
    if person is None:
        return {
            "person_id": None,
            "account": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "job_title": "",
            "email": user.email,
            "phone": "",
            "organizations": [],
        }
    fields = {name: getattr(person, name) for name in services.PERSON_FIELDS}
    return {
        **fields,
        "person_id": person.person_id,
        "account": user.get_username(),
        "pending_email": getattr(queries.pending_email_change(person), "new_email", None),
        "organizations": _orgs_with_roles(person),
    }


def _referenced_person(field: str, number: int | None) -> Person | None:
    """A Person ID named in a request body: one that does not exist (or is not visible) is
    404, as the same ID in a path is ("No person with ID 5 is registered.")."""
    return None if number is None else get_person_by_number(number)


def _referenced_role(code: str):
    return get_role_type(code)


def _organization_detail(org: Organization) -> dict:
    by_role: dict[str, list[dict]] = {}
    for assignment in queries.contacts(org):
        person = assignment.membership.person
        by_role.setdefault(assignment.role_type.code, []).append(
            {"person_id": person.person_id, "name": person.full_name}
        )
    by_role_sections: dict[str, list[dict]] = {}
    for section in queries.sections(org):
        for role in section.roles.all():
            by_role_sections.setdefault(role.code, []).append(
                {"section_id": section.pk, "name": section.name}
            )
    contacts = [
        {
            "role": role.code,
            "role_name": role.name,
            "mandatory": role.mandatory,
            "holders": by_role.get(role.code, []),
            "sections": by_role_sections.get(role.code, []),
        }
        for role in queries.role_types()
    ]
    return {
        "org_id": org.org_id,
        "legal_name": org.legal_name,
        "is_active": org.is_active,
        "street": org.street,
        "city": org.city,
        "province": org.province,
        "postal_code": org.postal_code,
        "country": org.country,
        "contacts": contacts,
        "warnings": [w.message for w in queries.coverage_warnings(org)],
    }


# --- Me -----------------------------------------------------------------------------------


@router.get(
    "/me",
    response=responses(200, MeOut),
    operation_id="get_my_information",
    summary="My contact details and my organizations with my roles",
)
def get_my_information(request):
    return _me(request)


@router.patch(
    "/me",
    response=responses(200, MeOut, 403, 404),
    operation_id="update_my_information",
    summary="Correct my own contact details",
    description="A new `email` is not used until confirmed: a link goes to the new address "
    "and the old one is told. Until then the answer shows the current `email` unchanged and "
    "the new one as `pending_email`.",
)
def update_my_information(request, payload: MeIn):
    person = getattr(request.auth, "person", None)
    if person is None:
        raise NotFound(_("Your account has no contact details to change."))
    services.update_my_information(
        person, data=payload.model_dump(exclude_unset=True, exclude_none=True), actor=request.auth
    )
    request.auth.person.refresh_from_db()
    return _me(request)


# --- Organizations ------------------------------------------------------------------------


@router.get(
    "/organizations",
    response=responses(200, Page[OrganizationOut]),
    operation_id="list_organizations",
    summary="Organizations I belong to (operator staff: all)",
)
def list_organizations(request, params: Query[ListParams]):
    # 2 queries: the count, then the page.
    rows = Organization.objects.visible_to(request.auth).order_by("legal_name", "org_id")
    return page(rows, params)


@router.post(
    "/organizations",
    response=responses(201, OrganizationDetailOut, 403, 404, 409),
    operation_id="create_organization",
    summary="Register an organization with its first mandatory contacts (operator staff)",
)
def create_organization(request, payload: OrganizationIn):
    data = payload.model_dump(
        exclude={"primary_contact", "authorized_representative", "rights_administrator"}
    )
    org = services.create_organization(
        data=data,
        primary_contact=_referenced_person("primary_contact", payload.primary_contact),
        authorized_representative=_referenced_person(
            "authorized_representative", payload.authorized_representative
        ),
        rights_administrator=_referenced_person(
            "rights_administrator", payload.rights_administrator
        ),
        actor=request.auth,
    )
    return Status(201, _organization_detail(org))


@router.get(
    "/organizations/{org_id}",
    response=responses(200, OrganizationDetailOut, 404),
    operation_id="get_organization",
    summary="An organization's details and its contacts by role",
)
def get_organization(request, org_id: int):
    return _organization_detail(get_organization_for(request.auth, org_id))


# --- Contacts -----------------------------------------------------------------------------


@router.get(
    "/organizations/{org_id}/contacts",
    response=responses(200, Page[ContactOut], 404),
    operation_id="list_contacts",
    summary="Who holds which role (optionally one role)",
)
def list_contacts(request, org_id: int, params: Query[ContactParams]):
    org = get_organization_for(request.auth, org_id)
    # 4 queries whatever the size: the persons' count and page (assignments with their
    # persons, read as plain values: four model instances per row cost more than the query),
    # then the sections' count and page. Persons come first, by role then name; the sections
    # holding roles follow them, by role then name.
    rows = queries.contacts(org, params.role).values_list(
        "membership__person__person_id",
        "membership__person__first_name",
        "membership__person__last_name",
        "role_type__code",
    )
    sections = queries.section_contacts(org, params.role)
    limit = min(params.limit, MAX_LIMIT)
    persons_count = rows.count()
    persons = (
        list(rows[params.offset : params.offset + limit]) if params.offset < persons_count else []
    )
    items = [
        {"person_id": person_id, "name": f"{first} {last}".strip(), "role": code}
        for person_id, first, last, code in persons
    ]
    sections_count = sections.count()
    start = max(params.offset - persons_count, 0)
    room = limit - len(items)
    # Always one query (at least one row asked for), so the count is the same on every page.
    rows_left = list(sections[start : start + max(room, 1)])[: max(room, 0)]
    items += [
        {"person_id": None, "section_id": pk, "name": name, "role": code}
        for pk, name, code in rows_left
    ]
    return {"items": items, "count": persons_count + sections_count}


@router.post(
    "/organizations/{org_id}/contacts",
    response=responses(201, ContactOut, 403, 404, 409),
    operation_id="add_contact",
    summary="Register a person (by Person ID) for a role, affiliating them if needed",
)
def add_contact(request, org_id: int, payload: ContactIn):
    org = get_organization_for(request.auth, org_id)
    role_type = _referenced_role(payload.role)
    person = _referenced_person("person_id", payload.person_id)
    services.add_contact(org, person, role_type, actor=request.auth)
    return Status(
        201, {"person_id": person.person_id, "name": person.full_name, "role": role_type.code}
    )


@router.delete(
    "/organizations/{org_id}/contacts/{person_id}/{role}",
    response=responses(204, None, 403, 404, 409),
    operation_id="remove_contact",
    summary="Remove a person from a role (never the last holder of a mandatory role)",
)
def remove_contact(request, org_id: int, person_id: int, role: str):
    org = get_organization_for(request.auth, org_id)
    role_type = get_role_type(role)
    person = get_member_for(request.auth, org, person_id)
    services.remove_contact(org, person, role_type, actor=request.auth)
    return Status(204, None)


# --- Members ------------------------------------------------------------------------------


@router.get(
    "/organizations/{org_id}/members",
    response=responses(200, Page[MemberOut], 404),
    operation_id="list_members",
    summary="Everyone who belongs to the organization, with their roles",
)
def list_members(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    # 3 queries whatever the size: the count (from the membership index alone), one page of
    # members, their role assignments.
    count = queries.member_count(org)
    limit = min(params.limit, MAX_LIMIT)
    people = queries.members(org)[params.offset : params.offset + limit]
    people = list(people) if params.offset < count else []
    return {
        "items": [
            {"person_id": p.person_id, "name": p.full_name, "roles": [r.code for r in p.org_roles]}
            for p in queries.attach_roles(org, people)
        ],
        "count": count,
    }


class AwaitingConfirmationOut(Schema):
    person_id: int
    name: str
    state: str = Field(description="awaiting_confirmation")
    detail: str = Field(description="A sentence for a person.")


@router.post(
    "/organizations/{org_id}/members",
    response={
        **responses(201, MemberOut, 403, 404, 409),
        202: AwaitingConfirmationOut,
    },
    operation_id="add_member",
    summary="Affiliate an existing person (by Person ID) with the organization",
    description="201: they belong to it now. 202: they belong to another organization, so "
    "they are asked first (e-mailed); until they confirm, nothing more of them is shown.",
)
def add_member(request, org_id: int, payload: MemberIn):
    org = get_organization_for(request.auth, org_id)
    person = _referenced_person("person_id", payload.person_id)
    if services.add_member(org, person, actor=request.auth) is None:
        return Status(
            202,
            {
                "person_id": person.person_id,
                "name": person.full_name,
                "state": "awaiting_confirmation",
                "detail": str(
                    sentence(
                        services.AWAITING_CONFIRMATION, name=person.full_name, org=org.legal_name
                    )
                ),
            },
        )
    return Status(201, {"person_id": person.person_id, "name": person.full_name, "roles": []})


@router.delete(
    "/organizations/{org_id}/members/{person_id}",
    response=responses(204, None, 403, 404, 409),
    operation_id="remove_member",
    summary="Remove a person from the organization with their roles and access",
)
def remove_member(request, org_id: int, person_id: int):
    org = get_organization_for(request.auth, org_id)
    person = get_member_for(request.auth, org, person_id)
    services.remove_member(org, person, actor=request.auth)
    return Status(204, None)


# --- Persons ------------------------------------------------------------------------------


@router.get(
    "/persons",
    response=responses(200, Page[PersonSummaryOut]),
    operation_id="search_persons",
    summary="Search registered persons by name, e-mail or Person ID (search before registering)",
    throttle=rate_limited("search"),
)
def search_persons(request, params: Query[SearchParams]):
    # The search is bounded (queries.SEARCH_LIMIT) and audited by the service.
    rows = [
        {"person_id": p.person_id, "name": p.full_name, "email": queries.mask_email(p.email)}
        for p in services.search_persons(text=params.q or "", actor=request.auth)
    ]
    return page(rows, params)


@router.post(
    "/persons",
    response=responses(201, PersonOut, 403, 404, 409),
    operation_id="register_person",
    summary="Register a genuinely new person in an organization, and invite them",
)
def register_person(request, payload: PersonIn):
    org = get_organization_for(request.auth, payload.organization_id)
    role_type = _referenced_role(payload.role) if payload.role else None
    data = payload.model_dump(exclude={"organization_id", "role", "allow_similar_name"})
    person = services.register_person(
        org,
        data=data,
        role_type=role_type,
        allow_similar_name=payload.allow_similar_name,
        actor=request.auth,
    )
    return Status(201, _person_detail(person, request.auth))


def _person_detail(person: Person, viewer) -> dict:
    return {
        "person_id": person.person_id,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "job_title": person.job_title,
        "email": person.email,
        "phone": person.phone,
        "organizations": _orgs_with_roles(person, visible_to=viewer),
    }


@router.get(
    "/persons/{person_id}",
    response=responses(200, PersonOut, 404),
    operation_id="get_person",
    summary="A person who shares an organization with me (operator staff: anyone)",
)
def get_person(request, person_id: int):
    return _person_detail(get_person_for(request.auth, person_id), request.auth)


# --- Audit --------------------------------------------------------------------------------


@router.get(
    "/organizations/{org_id}/audit",
    response=responses(200, Page[AuditOut], 403, 404),
    operation_id="list_audit_entries",
    summary="The organization's audit log, newest first (Primary Contacts, ARs, staff)",
)
def list_audit_entries(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    require_audit_reader(request.auth, org)
    # 2 queries: the count from the chain's head (one row at any size), then the page.
    result = page(org_audit_entries(org), params, count=org_audit_count(org))
    result["items"] = [
        {
            "at": e.at,
            "actor": e.actor_label,
            "action": e.action,
            "outcome": e.outcome,
            "target": e.target_label,
            "details": e.details,
            "sentence": describe(e),
        }
        for e in result["items"]
    ]
    return result


# --- Sections (By Section) ----------------------------------------------------------------

RoleCodeStr = Annotated[str, StringConstraints(min_length=1, max_length=60)]


class SectionOut(Schema):
    section_id: int
    org_id: int
    name: str
    email: str = Field(description="The shared e-mail in use (confirmed, or not yet).")
    email_confirmed: bool = Field(
        description="Whether the address was confirmed from the link sent to it: only a "
        "confirmed address receives notices."
    )
    pending_email: str | None = Field(
        None, description="A new address waiting for its link to be opened."
    )
    phone: str = Field(description="E.164.")
    roles: list[str] = Field(description="Codes of the communications-only roles it holds.")


class SectionIn(In):
    name: Name(100)
    email: Email()
    phone: Telephone()
    roles: list[RoleCodeStr] = Field(
        default_factory=list,
        max_length=20,
        description="Codes of roles that only receive communications (`settlement_contact`, "
        "`metering_contact`, `emergency_preparedness_contact`, ...): never a mandatory role, "
        "banking or access.",
    )


class SectionPatch(In):
    name: Name(100) | None = None
    email: Email() | None = None
    phone: Telephone() | None = None
    roles: list[RoleCodeStr] | None = Field(None, max_length=20)


def _section_out(section: Section, org: Organization) -> dict:
    change = getattr(section, "email_change", None)
    return {
        "section_id": section.pk,
        "org_id": org.org_id,
        "name": section.name,
        "email": section.email,
        "email_confirmed": section.email_confirmed,
        "pending_email": change.new_email if change and section.email_confirmed else None,
        "phone": section.phone,
        "roles": [r.code for r in section.roles.all()],
    }


def _fresh_section(org: Organization, section_id: int) -> Section:
    return queries.section(org, section_id)


@router.get(
    "/organizations/{org_id}/sections",
    response=responses(200, Page[SectionOut], 404),
    operation_id="list_sections",
    summary="The organization's sections (shared points of contact) and their roles",
)
def list_sections(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    # 3 queries: the count, one page of sections with their waiting addresses, their roles.
    result = page(queries.sections_queryset(org), params)
    result["items"] = [_section_out(s, org) for s in result["items"]]
    return result


@router.post(
    "/organizations/{org_id}/sections",
    response=responses(201, SectionOut, 403, 404, 409),
    operation_id="create_section",
    summary="Register a section; a link goes to its shared e-mail to confirm it",
    description="Primary Contacts and Authorized Representatives (and operator staff). The "
    "section receives the notices of its roles once its address is confirmed; it never signs "
    "in and never holds a role that decides.",
)
def create_section(request, org_id: int, payload: SectionIn):
    org = get_organization_for(request.auth, org_id)
    section = services.create_section(org, data=payload.model_dump(), actor=request.auth)
    return Status(201, _section_out(_fresh_section(org, section.pk), org))


@router.get(
    "/organizations/{org_id}/sections/{section_id}",
    response=responses(200, SectionOut, 404),
    operation_id="get_section",
    summary="One section of the organization",
)
def get_section(request, org_id: int, section_id: int):
    org = get_organization_for(request.auth, org_id)
    get_section_for(request.auth, org, section_id)
    return _section_out(_fresh_section(org, section_id), org)


@router.patch(
    "/organizations/{org_id}/sections/{section_id}",
    response=responses(200, SectionOut, 403, 404, 409),
    operation_id="update_section",
    summary="Change a section; a new e-mail is used once confirmed from its link",
)
def update_section(request, org_id: int, section_id: int, payload: SectionPatch):
    org = get_organization_for(request.auth, org_id)
    section = get_section_for(request.auth, org, section_id)
    services.update_section(section, data=payload.model_dump(exclude_none=True), actor=request.auth)
    return _section_out(_fresh_section(org, section_id), org)


@router.delete(
    "/organizations/{org_id}/sections/{section_id}",
    response=responses(204, None, 403, 404),
    operation_id="delete_section",
    summary="Remove a section (its address stops receiving notices)",
)
def delete_section(request, org_id: int, section_id: int):
    org = get_organization_for(request.auth, org_id)
    section = get_section_for(request.auth, org, section_id)
    services.delete_section(section, actor=request.auth)
    return Status(204, None)
