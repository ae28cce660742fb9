"""Every change the back office makes: applications, their decisions, recovery, exports.

Each checks permission, validates, changes the database in one transaction, writes the audit
record and queues notifications after commit. Registry changes (organization details, role
types) are registry.services'; the CSV encoding is core.csv; the audit rows audit.export.
"""

import secrets
from collections.abc import Iterator
from datetime import timedelta
from itertools import chain

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.export import AUDIT_COLUMNS, audit_rows
from audit.log import record
from audit.models import AuditEntry
from backoffice import notifications
from backoffice.forms import ApplicationForms, RejectApplicationForm
from backoffice.models import APPLICATION_REVIEW, ApplicationContact, OrganizationApplication
from core.csv import csv_lines
from core.errors import Invalid, RateLimited, RuleViolation, require
from core.forms import clean_text, field_errors
from core.locks import serialize_on
from core.services import service
from core.text import sentence
from registry import hooks as registry_hooks
from registry import services as registry
from registry.access import require_audit_reader
from registry.locks import lock_organization
from registry.models import Organization, Person, RoleAssignment, RoleType, Section, Sequence
from registry.rules import Role, is_operator_staff
from registry.services import delete_role_type, save_role_type, update_organization
from tasks.models import Task
from tasks.services import approve_task, create_task, reject_task

# Moved to the rooms they belong to; still importable from here.
__all__ = [
    "AUDIT_COLUMNS",
    "RateLimited",
    "audit_rows",
    "csv_lines",
    "delete_role_type",
    "save_role_type",
    "update_organization",
]

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _new_reference() -> str:
    while True:
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not OrganizationApplication.objects.filter(reference=reference).exists():
            return reference


# --- Register an Organization (public) ----------------------------------------------------


@service("application.submit", org=None, target=None)
def submit_application(*, data: dict, ip: str | None, actor=None) -> OrganizationApplication:
    """Anyone applies to register an organization; it waits for operator staff's review.

    The answer never depends on whether a named person is already registered (no account
    enumeration). Abuse limits: applications per client address per hour and per submitter
    e-mail per day (RateLimited, 429: @service rolls back and records the refusal).
    """
    forms = ApplicationForms(data=data)
    if not forms.is_valid():
        raise Invalid(_("Some details need correcting."), fields=forms.errors())
    org = forms.organization.cleaned_data
    submitter = forms.submitter.cleaned_data
    email = submitter["email"].lower()
    serialize_on(f"application-ip:{ip}", f"application-email:{email}")
    now = timezone.now()
    if ip and OrganizationApplication.objects.filter(
        submitted_ip=ip, submitted_at__gte=now - timedelta(hours=1)
    ).count() >= _limit("APPLICATIONS_PER_ADDRESS_PER_HOUR", 5):
        raise RateLimited(
            _(
                "Too many applications have been sent from your network in the last hour. "
                "Please try again later."
            )
        )
    if OrganizationApplication.objects.filter(
        submitter_email__iexact=email, submitted_at__gte=now - timedelta(days=1)
    ).count() >= _limit("APPLICATIONS_PER_EMAIL_PER_DAY", 3):
        raise RateLimited(
            _(
                "Too many applications have been sent for this submitter today. "
                "Please try again tomorrow."
            )
        )
    application = OrganizationApplication.objects.create(
        reference=_new_reference(),
        legal_name=org["legal_name"],
        business_number=org["business_number"],
        entity_type=org["entity_type"],
        street=org["street"],
        city=org["city"],
        province=org["province"],
        postal_code=org["postal_code"],
        country=org["country"],
        submitter_first_name=submitter["first_name"],
        submitter_last_name=submitter["last_name"],
        submitter_email=submitter["email"],
        submitter_phone=submitter["phone"],
        submitted_ip=ip,
    )
    ApplicationContact.objects.bulk_create(
        ApplicationContact(
            application=application,
            role_code=role.value,
            **{k: form.cleaned_data[k] for k in ["first_name", "last_name", "job_title"]},
            email=form.cleaned_data["email"],
            phone=form.cleaned_data["phone"],
        )
        for role, form in forms.contacts
    )
    record(actor, "application.submitted", target=application)
    create_task(
        kind=APPLICATION_REVIEW,
        to_staff=True,
        subject=application,
        summary=f"Register {application.legal_name} (application {application.reference}, "
        f"submitted by {application.submitter_name})",
        actor=None,  # the public submitted it; the task engine e-mails operator staff
    )
    notifications.application_received(application)
    return application


# --- Staff decisions ----------------------------------------------------------------------


def _lock_pending(application: OrganizationApplication) -> OrganizationApplication:
    locked = OrganizationApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != OrganizationApplication.Status.PENDING:
        already = (
            _("Application {reference} has already been approved.")
            if locked.status == OrganizationApplication.Status.APPROVED
            else _("Application {reference} has already been rejected.")
        )
        raise RuleViolation(sentence(already, reference=locked.reference), code="already_decided")
    return locked


def _person_for(contact: ApplicationContact) -> tuple[Person, bool]:
    """The registered person with this e-mail, or a new one: never a duplicate."""
    existing = Person.objects.same_email(contact.email).first()
    if existing is not None:
        return existing, False
    person = Person.objects.create(
        person_id=registry.next_number("person", registry.PERSON_ID_START),
        first_name=contact.first_name,
        last_name=contact.last_name,
        job_title=contact.job_title,
        email=contact.email,
        phone=contact.phone,
    )
    return person, True


def _open_review_task(application: OrganizationApplication) -> Task | None:
    return (
        Task.objects.open()
        .filter(
            kind=APPLICATION_REVIEW,
            subject_type=ContentType.objects.get_for_model(OrganizationApplication),
            subject_id=application.pk,
        )
        .first()
    )


@service("application.approve", org="application.organization", target="application")
def approve_application(application: OrganizationApplication, *, actor) -> Organization:
    """Staff approve an application. Its review task is decided with it (the task engine
    then calls `approve_now` under its own locks), so the decision is taken exactly once."""
    require(is_operator_staff(actor), _("Only operator staff can approve an application."))
    task = _open_review_task(application)
    if task is None:
        return approve_now(application, actor=actor)
    approve_task(task, actor=actor)
    return (
        OrganizationApplication.objects.select_related("organization")
        .get(pk=application.pk)
        .organization
    )


def approve_now(application: OrganizationApplication, *, actor) -> Organization:
    """The organization, its persons (matched by e-mail), memberships and roles, all in the
    caller's transaction (a service: `approve_application`, or the task engine)."""
    require(is_operator_staff(actor), _("Only operator staff can approve an application."))
    application = _lock_pending(application)
    # Lock the Person ID sequence first: every person creation takes it, so nobody else can
    # register a person with one of these e-mails between our look-up and our insert.
    Sequence.objects.get_or_create(name="person", defaults={"last_value": registry.PERSON_ID_START})
    Sequence.objects.select_for_update().get(name="person")
    persons: dict[str, Person] = {}
    created: list[Person] = []
    by_role: dict[str, Person] = {}
    for contact in application.contacts.order_by("id"):
        key = contact.email.lower()
        if key not in persons:
            persons[key], is_new = _person_for(contact)
            if is_new:
                created.append(persons[key])
        by_role[contact.role_code] = persons[key]
    org = registry.create_organization(
        data={
            name: getattr(application, name)
            for name in ["legal_name", "street", "city", "province", "postal_code", "country"]
        },
        primary_contact=by_role[Role.PRIMARY_CONTACT],
        authorized_representative=by_role[Role.AUTHORIZED_REPRESENTATIVE],
        rights_administrator=by_role.get(Role.RIGHTS_ADMINISTRATOR),
        actor=actor,
    )
    for person in created:
        record(actor, "person.registered", org=org, target=person)
        registry_hooks.person_registered(person, org=org)
    _decided(application, OrganizationApplication.Status.APPROVED, actor, organization=org)
    record(
        actor,
        "application.approved",
        org=org,
        target=application,
        details={
            "created_person_ids": [p.person_id for p in created],
            "matched_person_ids": sorted(
                {p.person_id for p in persons.values()} - {p.person_id for p in created}
            ),
        },
    )
    notifications.application_approved(application, org)
    return org


@service("application.reject", org="application.organization", target="application")
def reject_application(application: OrganizationApplication, *, reason: str, actor) -> None:
    """Staff reject an application; the submitter is told why (and the review task closes)."""
    require(is_operator_staff(actor), _("Only operator staff can reject an application."))
    task = _open_review_task(application)
    if task is None:
        reject_now(application, reason=reason, actor=actor)
    else:
        _valid_reason(reason)
        reject_task(task, actor=actor, comment=reason)


def _valid_reason(reason: str) -> str:
    form = RejectApplicationForm(data={"reason": reason})
    if not form.is_valid():
        raise Invalid(
            _("Give the reason for rejecting."),
            fields=field_errors(form),
        )
    return form.cleaned_data["reason"]


def _decided(application: OrganizationApplication, status: str, actor, **outcome) -> None:
    """Store the decision on the application: its status, when and by whom, and what came of
    it (the organization created, or the reason for rejecting)."""
    fields = {"status": status, "decided_at": timezone.now(), "decided_by": actor, **outcome}
    for name, value in fields.items():
        setattr(application, name, value)
    application.save(update_fields=list(fields))


def reject_now(application: OrganizationApplication, *, reason: str, actor) -> None:
    """Record the rejection and tell the submitter (inside the caller's transaction)."""
    require(is_operator_staff(actor), _("Only operator staff can reject an application."))
    reason = _valid_reason(reason)
    application = _lock_pending(application)
    _decided(application, OrganizationApplication.Status.REJECTED, actor, decision_reason=reason)
    record(
        actor,
        "application.rejected",
        target=application,
        details={"reason": application.decision_reason},
    )
    notifications.application_rejected(application)


# --- Recovery -----------------------------------------------------------------------------


@service("organization.recover", org="org", target="person")
def appoint_authorized_representative(
    org: Organization, person: Person, *, reason: str, actor
) -> None:
    """Staff appoint an Authorized Representative for an organization that has none."""
    require(
        is_operator_staff(actor),
        _("Only operator staff can appoint an Authorized Representative."),
    )
    reason = clean_text(reason or "", "The reason")
    if len(reason) < 5:
        raise Invalid(
            _("Give the reason for the appointment."),
            fields={"reason": [_("Explain the reason in a sentence.")]},
        )
    org = lock_organization(org, actor)
    role_type = RoleType.objects.get(code=Role.AUTHORIZED_REPRESENTATIVE)
    if RoleAssignment.objects.filter(membership__organization=org, role_type=role_type).exists():
        raise RuleViolation(
            sentence(
                _(
                    "{org} already has an Authorized Representative, who can register another "
                    "one. Staff appoint one only when none is left."
                ),
                org=org.legal_name,
            ),
            code="has_representative",
        )
    registry.add_contact(org, person, role_type, actor=actor)
    record(
        actor,
        "organization.recovered",
        org=org,
        target=person,
        details={"role": role_type.code, "role_name": role_type.name, "reason": reason},
    )
    notifications.representative_appointed(org, person, reason)


# --- Exports ------------------------------------------------------------------------------

# The header is in the reader's language (the rows are data, as typed).
CONTACT_COLUMNS = [
    _("Person ID"),
    _("First name"),
    _("Last name"),
    _("Job title"),
    _("E-mail"),
    _("Telephone"),
    _("Role"),
    _("Section"),
]
EXPORT_CHUNK = 1000


def _require_reader(org: Organization, actor) -> None:
    require_audit_reader(actor, org)


@service("organization.export_contacts", org="org", target=None)
def export_contacts(org: Organization, *, actor) -> Iterator[str]:
    """The organization's contacts, one line per role held, as CSV lines (streamed): the
    persons first, then the sections (shared points of contact, named in the last column)."""
    _require_reader(org, actor)
    record(actor, "organization.exported", org=org, target=org, details={"what": "contacts"})
    rows = (
        RoleAssignment.objects.filter(membership__organization=org)
        .order_by(
            "membership__person__last_name",
            "membership__person__person_id",
            "role_type__sort_order",
        )
        .values_list(
            "membership__person__person_id",
            "membership__person__first_name",
            "membership__person__last_name",
            "membership__person__job_title",
            "membership__person__email",
            "membership__person__phone",
            "role_type__name",
        )
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    sections = (
        Section.roles.through.objects.filter(section__organization=org)
        .order_by(Lower("section__name"), "section_id", "roletype__sort_order")
        .values_list("section__email", "section__phone", "roletype__name", "section__name")
        .iterator(chunk_size=EXPORT_CHUNK)
    )
    section_rows = (
        ("", "", "", "", email, phone, role, name) for email, phone, role, name in sections
    )
    return csv_lines(
        [str(c) for c in CONTACT_COLUMNS], chain(((*row, "") for row in rows), section_rows)
    )


@service("organization.export_audit", org="org", target=None)
def export_audit(org: Organization, *, actor) -> Iterator[str]:
    """The organization's audit log, newest first, as CSV lines (streamed)."""
    _require_reader(org, actor)
    record(actor, "organization.exported", org=org, target=org, details={"what": "audit"})
    entries = AuditEntry.objects.filter(org_id=org.org_id).order_by("-at", "-id")
    return csv_lines([str(c) for c in AUDIT_COLUMNS], audit_rows(entries))
