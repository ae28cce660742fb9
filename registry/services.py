"""Every change to the registry. Each checks permission, validates, changes the database in
one transaction, writes the audit record and queues notifications after commit."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.log import record
from core.bilingual import CATALOGUE_TEXT
from core.errors import Invalid, NotFound, RuleViolation, require
from core.forms import validated
from core.reauth import require_recent_sign_in
from core.services import service
from core.text import sentence
from registry import hooks, notifications, queries
from registry.forms import OrganizationForm, PersonDetailsForm, PersonSearchForm, SectionForm
from registry.locks import lock_organization
from registry.models import (
    AffiliationRequest,
    EmailChange,
    Membership,
    Organization,
    Person,
    RoleAssignment,
    RoleType,
    Section,
    Sequence,
    email_key,
)
from registry.rules import (
    Role,
    add_contact_refusal,
    can_add_member,
    forget_role_codes,
    is_operator_staff,
    last_holder_refusal,
    manage_role_refusal,
    manage_sections_refusal,
    remove_member_refusal,
    section_may_hold,
)

ORG_ID_START = 100000
PERSON_ID_START = 500000

PERSON_FIELDS = [
    "first_name",
    "last_name",
    "job_title",
    "email",
    "phone",
    "street",
    "city",
    "province",
    "postal_code",
    "country",
]


def next_number(name: str, start: int) -> int:
    """Take the next number of a named sequence (call inside a transaction)."""
    Sequence.objects.get_or_create(name=name, defaults={"last_value": start})
    Sequence.objects.filter(name=name).update(last_value=F("last_value") + 1)
    return Sequence.objects.select_for_update().get(name=name).last_value


def _validated(form_class, data: dict, *, partial_from=None) -> dict:
    if partial_from is not None:
        merged = {name: getattr(partial_from, name) for name in form_class.base_fields}
        merged.update({k: v for k, v in data.items() if k in form_class.base_fields})
        data = merged
    return validated(form_class(data=data))


def _membership(org: Organization, person: Person) -> Membership | None:
    return Membership.objects.filter(organization=org, person=person).first()


def _duplicate_email(email: str, exclude: Person | None = None) -> Person | None:
    # Compared by email_key (case, fullwidth and look-alike letters folded), a unique index.
    qs = Person.objects.same_email(email)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.first()


def _refuse(refusal) -> None:
    if refusal is not None:
        raise refusal


# --- Organizations ------------------------------------------------------------------------


@service("organization.create", org=None, target="primary_contact")
def create_organization(
    *,
    data: dict,
    primary_contact: Person,
    authorized_representative: Person,
    rights_administrator: Person | None = None,
    actor,
) -> Organization:
    """Operator staff register an organization with its first mandatory contacts."""
    require(is_operator_staff(actor), _("Only operator staff can register an organization."))
    cleaned = _validated(OrganizationForm, data)
    org = Organization.objects.create(org_id=next_number("organization", ORG_ID_START), **cleaned)
    record(actor, "organization.created", org=org, target=org)
    firsts = [
        (primary_contact, Role.PRIMARY_CONTACT),
        (authorized_representative, Role.AUTHORIZED_REPRESENTATIVE),
    ]
    if rights_administrator is not None:
        firsts.append((rights_administrator, Role.RIGHTS_ADMINISTRATOR))
    for person, code in firsts:
        _assign(org, person, RoleType.objects.get(code=code), actor=actor)
    return org


# --- Persons ------------------------------------------------------------------------------


@service("person.search", org="member_of", target=None)
def search_persons(*, text: str, actor, member_of: Organization | None = None) -> list[Person]:
    """Search registered persons before registering anyone; every search is audited."""
    require(actor.is_authenticated, _("Sign in to search for persons."))
    cleaned = _validated(PersonSearchForm, {"q": text})
    results = list(queries.search_persons(cleaned["q"], member_of=member_of))
    record(actor, "person.searched", details={"query": cleaned["q"], "results": len(results)})
    return results


@service("person.register", org="org", target=None)
def register_person(
    org: Organization,
    *,
    data: dict,
    actor,
    role_type: RoleType | None = None,
    allow_similar_name: bool = False,
) -> Person:
    """Register a genuinely new person as a member of `org` (and, if given, for a role).

    Searching first is enforced here: the same e-mail is refused with the existing Person ID,
    and a person of the same name already in the organization needs an explicit confirmation.
    """
    org = lock_organization(org, actor)
    require(
        can_add_member(actor, org),
        sentence(
            _(
                "Only a Primary Contact, Authorized Representative or Rights Administrator of "
                "{org} can register a person for it."
            ),
            org=org.legal_name,
        ),
    )
    if role_type is not None:
        _refuse(manage_role_refusal(actor, org, role_type, "add"))
    require_recent_sign_in(actor)
    cleaned = _validated(PersonDetailsForm, data)
    existing = _duplicate_email(cleaned["email"])
    if existing is not None:
        raise RuleViolation(
            sentence(
                _(
                    "A person with this e-mail is already registered, with Person ID "
                    "{person_id}. Search for that Person ID and add them instead."
                ),
                person_id=existing.person_id,
            ),
            code="duplicate_person",
        )
    if not allow_similar_name:
        similar = Person.objects.filter(
            memberships__organization=org,
            first_name__iexact=cleaned["first_name"],
            last_name__iexact=cleaned["last_name"],
        ).first()
        if similar is not None:
            raise RuleViolation(
                sentence(
                    _(
                        "{person} (Person ID {person_id}) already belongs to {org}. If this is "
                        "a different person, confirm to register them."
                    ),
                    person=similar.full_name,
                    person_id=similar.person_id,
                    org=org.legal_name,
                ),
                code="similar_person",
            )
    try:
        with transaction.atomic():
            person = Person.objects.create(
                person_id=next_number("person", PERSON_ID_START), **cleaned
            )
    except IntegrityError:
        # Registered by someone else a moment ago: the unique index had the last word.
        raise RuleViolation(
            _(
                "A person with this e-mail was registered a moment ago. Search for them and add "
                "them instead."
            ),
            code="duplicate_person",
        ) from None
    Membership.objects.create(organization=org, person=person)
    record(actor, "person.registered", org=org, target=person)
    hooks.person_registered(person, org=org)
    if role_type is not None:
        _assign(org, person, role_type, actor=actor)
    return person


@service("person.update", org=None, target="person")
def update_my_information(person: Person, *, data: dict, actor) -> Person:
    """A person reviews and corrects their own contact details. A new e-mail address is not
    used until it is confirmed from the link sent to it (`confirm_email_change`): it waits as
    `person.email_change`, and the old address is told of the request."""
    own = getattr(actor, "person", None)
    require(own is not None and own.pk == person.pk, _("You can only change your own details."))
    person = Person.objects.select_for_update().get(pk=person.pk)
    cleaned = _validated(PersonDetailsForm, data, partial_from=person)
    if _duplicate_email(cleaned["email"], exclude=person) is not None:
        raise Invalid(
            _("Some details need correcting."),
            fields={"email": [_("Another registered person already uses this e-mail.")]},
        )
    new_email = cleaned["email"]
    if email_key(new_email) != email_key(person.email):
        require_recent_sign_in(actor)  # password resets will go to this address
        _request_email_change(person, new_email, actor=actor)
        cleaned["email"] = person.email  # stays in use until confirmed
    changed = [name for name in PERSON_FIELDS if getattr(person, name) != cleaned[name]]
    if not changed:
        return person
    if "email" in changed:  # a change of case or spacing only
        require_recent_sign_in(actor)
    before = {name: getattr(person, name) for name in changed}
    for name in changed:
        setattr(person, name, cleaned[name])
    person.save(update_fields=[*changed, "updated_at"])
    record(
        actor,
        "person.updated",
        target=person,
        details={"fields": changed, "before": before},
    )
    return person


EMAIL_CHANGE_VALID = timedelta(hours=48)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _email_link(
    new_email: str, *, person: Person | None = None, section=None, valid: timedelta
) -> tuple[EmailChange, str]:
    """Store a new address waiting for confirmation, for a person or a section, with a
    single-use link (replacing any earlier request of theirs and its link): the change and
    the token to put in the link sent to the new address. Persons and sections share it."""
    token = secrets.token_urlsafe(32)
    owner = {"person": person} if person is not None else {"section": section}
    EmailChange.objects.filter(**owner).delete()
    change = EmailChange.objects.create(
        **owner,
        new_email=new_email,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + valid,
    )
    return change, token


def _locked_email_change(token: str) -> EmailChange | None:
    """The waiting change a link is for, locked (expired or not), or None."""
    if not token or len(token) > 100:
        return None
    return (
        # of=self: the person and section are outer joins now, which FOR UPDATE cannot lock.
        EmailChange.objects.select_for_update(of=("self",))
        .select_related("person", "section")
        .filter(token_hash=_token_hash(token))
        .first()
    )


def _request_email_change(person: Person, new_email: str, *, actor) -> EmailChange:
    """Store the new address with a single-use link (replacing any earlier request and its
    link), send the link to the new address and tell the old one."""
    change, token = _email_link(new_email, person=person, valid=EMAIL_CHANGE_VALID)
    record(
        actor,
        "person.email_change_requested",
        target=person,
        details={"new_email": queries.mask_email(new_email)},
    )
    link = settings.SITE_URL + reverse("me-confirm-email", args=[token])
    notifications.email_change_requested(person, new_email, link, change.expires_at)
    return change


def pending_email_change(token: str) -> EmailChange | None:
    """The request a confirmation link is for, if it is still waiting (not yet expired)."""
    if not token or len(token) > 100:
        return None
    return (
        EmailChange.objects.select_related("person", "section__organization")
        .filter(token_hash=_token_hash(token), expires_at__gt=timezone.now())
        .first()
    )


@service("person.email_confirm", org=None, target=None)
def confirm_email_change(token: str, *, actor) -> Person:
    """The owner of the new address, signed in as the person who asked, confirms it: from
    now on it is their business e-mail (and where password resets go). The link works once."""
    change = _locked_email_change(token)
    own = getattr(actor, "person", None)
    if change is None or own is None or change.person_id is None or own.pk != change.person_id:
        raise NotFound(
            _(
                "This confirmation link is not valid: it was used already, replaced by a later "
                "request, or is for another account. Ask again on Manage My Information."
            )
        )
    if change.expires_at <= timezone.now():
        raise RuleViolation(
            _("This confirmation link has expired. Ask again on Manage My Information."),
            code="link_expired",
        )
    person = Person.objects.select_for_update().get(pk=change.person_id)
    if _duplicate_email(change.new_email, exclude=person) is not None:
        raise RuleViolation(
            sentence(
                _(
                    "{email} is now used by another registered person, so it cannot be yours. "
                    "Your e-mail is unchanged."
                ),
                email=change.new_email,
            ),
            code="duplicate_person",
        )
    old_email = person.email
    person.email = change.new_email
    person.save(update_fields=["email", "updated_at"])
    change.delete()
    record(
        actor,
        "person.email_changed",
        target=person,
        details={"fields": ["email"], "before": {"email": old_email}},
    )
    notifications.email_changed(person, old_email)
    return person


@service("person.email_cancel", org=None, target="person")
def cancel_email_change(person: Person, *, actor) -> None:
    """Withdraw a change of e-mail that is waiting for confirmation (its link stops working)."""
    own = getattr(actor, "person", None)
    require(own is not None and own.pk == person.pk, _("You can only change your own details."))
    if EmailChange.objects.filter(person=person).delete()[0]:
        record(actor, "person.email_change_cancelled", target=person)


# --- Membership ---------------------------------------------------------------------------


@service("member.add", org="org", target="person")
def add_member(org: Organization, person: Person, *, actor) -> Membership | None:
    """Affiliate an existing person with the organization. A person who already belongs to
    another organization is asked first (an AffiliationRequest, an e-mail; None is returned):
    until they confirm, this organization sees nothing more of them than a search shows."""
    org = lock_organization(org, actor)
    require(
        can_add_member(actor, org),
        sentence(
            _(
                "Only a Primary Contact, Authorized Representative or Rights Administrator of "
                "{org} can add people to it."
            ),
            org=org.legal_name,
        ),
    )
    require_recent_sign_in(actor)
    if _membership(org, person) is not None:
        raise RuleViolation(
            sentence(
                _("{person} already belongs to {org}."), person=person.full_name, org=org.legal_name
            ),
            code="already_member",
        )
    if _needs_their_confirmation(person, actor):
        _request, created = AffiliationRequest.objects.get_or_create(
            organization=org, person=person, defaults={"requested_by": actor}
        )
        if created:
            record(actor, "member.confirmation_requested", org=org, target=person)
            notifications.affiliation_requested(person, org, actor)
        return None
    membership = Membership.objects.create(organization=org, person=person)
    record(actor, "member.added", org=org, target=person)
    return membership


AWAITING_CONFIRMATION = _(
    "{name} belongs to another organization, so we have asked them to confirm joining {org}; "
    "they appear among its members once they do."
)


def _needs_their_confirmation(person: Person, actor) -> bool:
    """Affiliating someone who belongs to another organization needs their word (operator
    staff, who see every person anyway, affiliate directly)."""
    return not is_operator_staff(actor) and person.memberships.exists()


@service("member.confirm", org=None, target=None)
def confirm_affiliation(request: AffiliationRequest, *, actor) -> Membership:
    """The person asked confirms: they now belong to the organization."""
    request = _own_request(request, actor)
    org = lock_organization(request.organization, actor)
    membership, _created = Membership.objects.get_or_create(organization=org, person=request.person)
    request.delete()
    record(actor, "member.added", org=org, target=request.person, details={"confirmed": True})
    return membership


@service("member.decline", org=None, target=None)
def decline_affiliation(request: AffiliationRequest, *, actor) -> None:
    """The person asked declines: nothing changes, and the organization learns nothing more."""
    request = _own_request(request, actor)
    request.delete()
    record(actor, "member.declined", org=request.organization, target=request.person)


def _own_request(request: AffiliationRequest, actor) -> AffiliationRequest:
    person = getattr(actor, "person", None)
    locked = (
        AffiliationRequest.objects.select_for_update()
        .select_related("organization", "person")
        .filter(pk=request.pk, person=person)
        .first()
        if person is not None
        else None
    )
    if locked is None:
        raise NotFound(_("There is no such request waiting for your answer."))
    return locked


@service("member.remove", org="org", target="person")
def remove_member(org: Organization, person: Person, *, actor) -> None:
    """Remove a person from the organization with their roles (never a last holder)."""
    org = lock_organization(org, actor)
    _refuse(remove_member_refusal(actor, org, person, ()))
    require_recent_sign_in(actor)
    membership = _membership(org, person)
    if membership is None:
        raise NotFound(
            sentence(
                _("{person} does not belong to {org}."), person=person.full_name, org=org.legal_name
            )
        )
    held = [a.role_type for a in membership.roles.select_related("role_type")]
    counts = queries.holder_counts_for_removal(org, person)
    _refuse(remove_member_refusal(actor, org, person, [(r, counts.get(r.pk, 1)) for r in held]))
    hooks.membership_ending(org, person, actor=actor)
    membership.delete()
    if person.user_id:
        forget_role_codes(person.user)
    record(
        actor,
        "member.removed",
        org=org,
        target=person,
        details={"roles": [r.code for r in held]},
    )
    notifications.member_removed(person, org)


# --- Roles --------------------------------------------------------------------------------


def _assign(org: Organization, person: Person, role_type: RoleType, *, actor) -> RoleAssignment:
    membership = _membership(org, person)
    if membership is None and _needs_their_confirmation(person, actor):
        raise RuleViolation(
            sentence(
                _(
                    "{person} belongs to another organization, so they must first agree to join "
                    "{org}: add them as a member, and give the role once they have confirmed."
                ),
                person=person.full_name,
                org=org.legal_name,
            ),
            code="confirmation_needed",
        )
    if membership is None:
        membership = Membership.objects.create(organization=org, person=person)
        record(actor, "member.added", org=org, target=person)
    held = membership.roles.filter(role_type=role_type).exists()
    _refuse(add_contact_refusal(actor, org, person, role_type, held=held))
    assignment = RoleAssignment.objects.create(
        membership=membership, role_type=role_type, created_by=actor
    )
    record(
        actor,
        "contact.added",
        org=org,
        target=person,
        details={"role": role_type.code, "role_name": role_type.name},
    )
    notifications.contact_added(person, org, role_type)
    return assignment


@service("contact.add", org="org", target="person")
def add_contact(org: Organization, person: Person, role_type: RoleType, *, actor):
    """Register `person` for a role of the organization (affiliating them if needed)."""
    org = lock_organization(org, actor)
    _refuse(manage_role_refusal(actor, org, role_type, "add"))
    require_recent_sign_in(actor)
    return _assign(org, person, role_type, actor=actor)


@service("contact.remove", org="org", target="person")
def remove_contact(org: Organization, person: Person, role_type: RoleType, *, actor) -> None:
    """Remove `person` from a role; the last holder of a mandatory role stays."""
    org = lock_organization(org, actor)
    _refuse(manage_role_refusal(actor, org, role_type, "remove"))
    require_recent_sign_in(actor)
    assignment = RoleAssignment.objects.filter(
        membership__organization=org, membership__person=person, role_type=role_type
    ).first()
    if assignment is None:
        raise NotFound(
            sentence(
                _("{person} is not {role} of {org}."),
                person=person.full_name,
                role=role_type.name,
                org=org.legal_name,
            )
        )
    holders = queries.holder_counts_for_removal(org, person).get(role_type.pk, 1)
    _refuse(last_holder_refusal(org, person, role_type, holders))
    assignment.delete()
    if person.user_id:
        forget_role_codes(person.user)
    record(
        actor,
        "contact.removed",
        org=org,
        target=person,
        details={"role": role_type.code, "role_name": role_type.name},
    )
    # A member left with no role keeps their grants only if the Rights Administrators say so.
    hooks.roles_lost(org, person, actor=actor)
    notifications.contact_removed(person, org, role_type)


# --- Organization details (the admin's change form) ----------------------------------------


@service("organization.update", org="org", target=None)
def update_organization(org: Organization, *, data: dict, actor) -> Organization:
    """Staff correct an organization's legal name or address."""
    require(
        is_operator_staff(actor), _("Only operator staff can change an organization's details.")
    )
    org = Organization.objects.select_for_update().get(pk=org.pk)
    cleaned = _validated(OrganizationForm, data, partial_from=org)
    changed = [name for name, value in cleaned.items() if getattr(org, name) != value]
    if not changed:
        return org
    before = {name: getattr(org, name) for name in changed}
    for name in changed:
        setattr(org, name, cleaned[name])
    org.save(update_fields=changed)
    record(
        actor,
        "organization.updated",
        org=org,
        target=org,
        details={"fields": changed, "before": before},
    )
    notifications.organization_updated(org, changed, before)
    return org


# --- Role types (data the operator extends) ----------------------------------------------

ROLE_TYPE_FIELDS = [
    *CATALOGUE_TEXT,
    "mandatory",
    "recommended_holders",
    "sort_order",
    "communications_only",
]


def _refuse_communications_only(role_type: RoleType | None, code: str, values: dict) -> None:
    """A role sections may hold only receives communications: never mandatory, never one
    the rules name (they decide); and it stays so while sections hold it."""
    mark = values.get("communications_only", getattr(role_type, "communications_only", False))
    mandatory = values.get("mandatory", getattr(role_type, "mandatory", False))
    if mark and (mandatory or code in Role.values):
        raise Invalid(
            _("Some details need correcting."),
            fields={
                "communications_only": [
                    _(
                        "A mandatory role, or one that decides (representation, access, "
                        "banking), cannot be one that only receives communications."
                    )
                ]
            },
        )
    still_held = role_type is not None and role_type.communications_only and not mark
    if still_held and role_type.sections.exists():
        raise RuleViolation(
            sentence(_("Sections hold {role}: remove it from them first."), role=role_type.name),
            code="role_in_use",
        )


@service("role_type.save", org=None, target=None)
def save_role_type(
    role_type: RoleType | None, *, data: dict, managed_by: list[RoleType], actor
) -> RoleType:
    """Staff add a registration role, or change one's name, description or holder rules."""
    require(is_operator_staff(actor), "Only operator staff can change the registration roles.")
    values = {name: data[name] for name in ROLE_TYPE_FIELDS if name in data}
    if role_type is not None:
        role_type = RoleType.objects.select_for_update().get(pk=role_type.pk)
    _refuse_communications_only(
        role_type, role_type.code if role_type else str(data.get("code") or "").strip(), values
    )
    if role_type is None:
        code = str(data.get("code") or "").strip()
        if not code or RoleType.objects.filter(code=code).exists():
            raise Invalid(
                _("Some details need correcting."),
                fields={"code": [_("Choose a code no other role uses.")]},
            )
        role_type = RoleType.objects.create(code=code, **values)
        action = "role_type.created"
    else:
        for name, value in values.items():
            setattr(role_type, name, value)
        role_type.save(update_fields=list(values))
        action = "role_type.updated"
    role_type.managed_by.set(managed_by)
    record(
        actor,
        action,
        target=role_type,
        details={
            **{k: str(v) for k, v in values.items()},
            "managed_by": sorted(r.code for r in managed_by),
        },
    )
    return role_type


@service("role_type.delete", org=None, target=None)
def delete_role_type(role_type: RoleType, *, actor) -> None:
    """Staff remove a registration role nobody holds and the rules do not name."""
    require(is_operator_staff(actor), "Only operator staff can change the registration roles.")
    role_type = RoleType.objects.select_for_update().get(pk=role_type.pk)
    if role_type.code in Role.values:
        raise RuleViolation(
            sentence(
                _("{role} is named by the operator's rules and cannot be removed."),
                role=role_type.name,
            ),
            code="role_in_use",
        )
    if role_type.assignments.exists():
        raise RuleViolation(
            sentence(_("{role} still has holders; remove them first."), role=role_type.name),
            code="role_in_use",
        )
    record(actor, "role_type.deleted", target=role_type)
    role_type.delete()


# --- Sections (By Section) ----------------------------------------------------------------

# A shared mailbox is read by a team: its link waits longer than a person's own.
SECTION_EMAIL_LINK_VALID = timedelta(days=7)
SECTION_FIELDS = ["name", "email", "phone"]


def _section_data(data: dict, section: Section | None) -> dict:
    """The section's fields as the form reads them; an update keeps what it does not name."""
    merged = {}
    if section is not None:
        merged = {name: getattr(section, name) for name in SECTION_FIELDS}
        merged["roles"] = [r.code for r in section.roles.all()]
    for name in [*SECTION_FIELDS, "roles"]:
        if name in data and data[name] is not None:
            merged[name] = data[name]
    if isinstance(merged.get("roles"), str):
        merged["roles"] = [merged["roles"]]
    _refuse_section_roles(merged.get("roles") or [])
    return merged


def _refuse_section_roles(codes) -> None:
    """A role that does not exist is not found (404); one that decides is a rule a section
    breaks by holding it (409). Both say which role, under the roles field."""
    known = {r.code: r for r in RoleType.objects.filter(code__in=[str(c)[:60] for c in codes])}
    for code in codes:
        role_type = known.get(str(code)[:60])
        if role_type is None:
            message = sentence(_("There is no role called {code!r}."), code=str(code)[:60])
            raise NotFound(message, fields={"roles": [message]})
        if not section_may_hold(role_type):
            message = sentence(
                _(
                    "A section can hold only a role that receives communications and decides "
                    "nothing (such as Settlement Contact); {role} is not one."
                ),
                role=role_type.name,
            )
            raise RuleViolation(message, code="section_role", fields={"roles": [message]})


def _refuse_same_name(org: Organization, name: str, section: Section | None = None) -> None:
    # Read under the organization's lock, which every change of its sections takes first.
    same = Section.objects.filter(organization=org, name__iexact=name)
    if section is not None:
        same = same.exclude(pk=section.pk)
    if same.exists():
        message = sentence(
            _("{org} already has a section called {name}."), org=org.legal_name, name=name
        )
        raise RuleViolation(message, code="section_name_taken", fields={"name": [message]})


def _role_details(roles) -> dict:
    from core.text import and_list

    roles = sorted(roles, key=lambda r: (r.sort_order, r.name))
    return {"roles": [r.code for r in roles], "role_name": and_list(r.name for r in roles)}


def _send_section_link(section: Section, new_email: str, *, actor) -> EmailChange:
    """The shared mailbox proves it is the section's: nothing is sent to it (beyond the
    link) until the link is opened."""
    change, token = _email_link(new_email, section=section, valid=SECTION_EMAIL_LINK_VALID)
    record(
        actor,
        "section.email_change_requested",
        org=section.organization,
        target=section,
        details={"new_email": queries.mask_email(new_email)},
    )
    link = settings.SITE_URL + reverse("section-confirm-email", args=[token])
    notifications.section_email_link(section, new_email, link, change.expires_at, actor)
    return change


@service("section.create", org="org", target=None)
def create_section(org: Organization, *, data: dict, actor) -> Section:
    """Register a section: a name, a shared e-mail (confirmed from the link sent to it) and
    a telephone, holding communications-only roles."""
    org = lock_organization(org, actor)
    _refuse(manage_sections_refusal(actor, org))
    require_recent_sign_in(actor)
    cleaned = _validated(SectionForm, _section_data(data, None))
    _refuse_same_name(org, cleaned["name"])
    section = Section.objects.create(
        organization=org, **{name: cleaned[name] for name in SECTION_FIELDS}
    )
    section.roles.set(cleaned["roles"])
    record(
        actor, "section.created", org=org, target=section, details=_role_details(cleaned["roles"])
    )
    _send_section_link(section, section.email, actor=actor)
    return section


@service("section.update", org="section.organization", target="section")
def update_section(section: Section, *, data: dict, actor) -> Section:
    """Change a section's name, telephone or roles; a new shared e-mail waits for its link
    (a confirmed address stays in use until then)."""
    org = lock_organization(section.organization, actor)
    _refuse(manage_sections_refusal(actor, org))
    require_recent_sign_in(actor)
    section = Section.objects.select_for_update().get(pk=section.pk)
    section.organization = org
    cleaned = _validated(SectionForm, _section_data(data, section))
    _refuse_same_name(org, cleaned["name"], section)
    new_email = cleaned["email"]
    email_changed = email_key(new_email) != email_key(section.email)
    if email_changed and section.email_confirmed:
        cleaned["email"] = section.email  # stays in use until the new one is confirmed
    changed = [name for name in SECTION_FIELDS if getattr(section, name) != cleaned[name]]
    before = {name: getattr(section, name) for name in changed}
    for name in changed:
        setattr(section, name, cleaned[name])
    if changed:
        section.save(update_fields=[*changed, "updated_at"])
    held = {r.pk for r in section.roles.all()}
    roles_changed = held != {r.pk for r in cleaned["roles"]}
    if roles_changed:
        section.roles.set(cleaned["roles"])
    if changed or roles_changed:
        details = {"fields": changed + (["roles"] if roles_changed else []), "before": before}
        record(
            actor,
            "section.updated",
            org=org,
            target=section,
            details={**details, **_role_details(cleaned["roles"])},
        )
    if email_changed:
        _send_section_link(section, new_email, actor=actor)
    return section


@service("section.delete", org="section.organization", target="section")
def delete_section(section: Section, *, actor) -> None:
    """Remove a section: its roles' notices stop going to its address."""
    org = lock_organization(section.organization, actor)
    _refuse(manage_sections_refusal(actor, org))
    require_recent_sign_in(actor)
    section = Section.objects.select_for_update().get(pk=section.pk)
    roles = list(section.roles.all())
    record(actor, "section.deleted", org=org, target=section, details=_role_details(roles))
    section.delete()


def pending_section_email(token: str) -> EmailChange | None:
    """The section address a link is for, if it is still waiting (not yet expired)."""
    change = pending_email_change(token)
    return change if change is not None and change.section_id is not None else None


@service("section.email_confirm", org=None, target=None)
def confirm_section_email(token: str, *, actor) -> Section:
    """Whoever reads the shared mailbox opens the link: the address is confirmed and receives
    the notices of the section's roles from now on. Nobody signs in: a section never does,
    and the link (single use, stored hashed) is the proof that the mailbox is theirs."""
    change = _locked_email_change(token)
    if change is None or change.section_id is None:
        raise NotFound(
            _(
                "This confirmation link is not valid: it was used already or replaced by a "
                "later one. Ask a Primary Contact of the organization to save the address again."
            )
        )
    if change.expires_at <= timezone.now():
        raise RuleViolation(
            _(
                "This confirmation link has expired. Ask a Primary Contact of the organization "
                "to save the address again: we send a new link."
            ),
            code="link_expired",
        )
    section = (
        Section.objects.select_for_update().select_related("organization").get(pk=change.section_id)
    )
    before = section.email
    section.email = change.new_email
    section.email_confirmed_at = timezone.now()
    section.save(update_fields=["email", "email_confirmed_at", "updated_at"])
    change.delete()
    record(
        actor,
        "section.email_confirmed",
        org=section.organization,
        target=section,
        details={"email": queries.mask_email(section.email), "before": queries.mask_email(before)},
    )
    return section
