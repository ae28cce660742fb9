"""Every change the back office makes: applications, their decisions, recovery, exports.

Each checks permission, validates, changes the database in one transaction, writes the audit
record and queues notifications after commit. Registry changes go through registry.services.
"""

import csv
import re
import secrets
from collections.abc import Iterator
from datetime import UTC, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from audit.log import record, record_refusal
from audit.models import AuditEntry
from backoffice import notifications
from backoffice.forms import ApplicationForms, RejectApplicationForm
from backoffice.models import ApplicationContact, OrganizationApplication
from backoffice.task_kinds import APPLICATION_REVIEW
from core.errors import DomainError, Invalid, RuleViolation, require
from core.forms import field_errors
from core.locks import serialize_on
from core.services import service
from registry import notifications as registry_notifications
from registry import services as registry
from registry.forms import OrganizationForm, _clean_text
from registry.locks import lock_organization
from registry.models import Organization, Person, RoleAssignment, RoleType, Sequence
from registry.rules import Role, can_read_audit
from tasks.models import Task
from tasks.services import approve_task, create_task, reject_task

REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes


class RateLimited(DomainError):
    """Too many requests from one client or for one address; try again later."""

    status = 429
    code = "rate_limited"


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def _new_reference() -> str:
    while True:
        reference = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        if not OrganizationApplication.objects.filter(reference=reference).exists():
            return reference


# --- Register an Organization (public) ----------------------------------------------------


def submit_application(*, data: dict, ip: str | None, actor=None) -> OrganizationApplication:
    """Anyone applies to register an organization; it waits for operator staff's review.

    The answer never depends on whether a named person is already registered (no account
    enumeration). Abuse limits: applications per client address per hour and per submitter
    e-mail per day.
    """
    try:
        return _submit_application(data=data, ip=ip, actor=actor)
    except RateLimited as exc:
        # The refused transaction rolled back; the refusal is recorded on its own.
        record_refusal(actor, "application.submit", code=exc.code, message=exc.message)
        raise


@service("application.submit")
def _submit_application(*, data: dict, ip: str | None, actor=None) -> OrganizationApplication:
    forms = ApplicationForms(data=data)
    if not forms.is_valid():
        raise Invalid("Some details need correcting.", fields=forms.errors())
    org = forms.organization.cleaned_data
    submitter = forms.submitter.cleaned_data
    email = submitter["email"].lower()
    serialize_on(f"application-ip:{ip}", f"application-email:{email}")
    now = timezone.now()
    if ip and OrganizationApplication.objects.filter(
        submitted_ip=ip, submitted_at__gte=now - timedelta(hours=1)
    ).count() >= _limit("APPLICATIONS_PER_ADDRESS_PER_HOUR", 5):
        raise RateLimited(
            "Too many applications have been sent from your network in the last hour. "
            "Please try again later."
        )
    if OrganizationApplication.objects.filter(
        submitter_email__iexact=email, submitted_at__gte=now - timedelta(days=1)
    ).count() >= _limit("APPLICATIONS_PER_EMAIL_PER_DAY", 3):
        raise RateLimited(
            "Too many applications have been sent for this submitter today. "
            "Please try again tomorrow."
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
        raise RuleViolation(
            f"Application {locked.reference} has already been "
            f"{locked.get_status_display().lower()}.",
            code="already_decided",
        )
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


@service("application.approve")
def approve_application(application: OrganizationApplication, *, actor) -> Organization:
    """Staff approve an application. Its review task is decided with it (the task engine
    then calls `approve_now` under its own locks), so the decision is taken exactly once."""
    require(actor.is_staff, "Only operator staff can approve an application.")
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
    require(actor.is_staff, "Only operator staff can approve an application.")
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
        registry_notifications.person_registered(person, org)
    application.status = OrganizationApplication.Status.APPROVED
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.organization = org
    application.save(update_fields=["status", "decided_at", "decided_by", "organization"])
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


@service("application.reject")
def reject_application(application: OrganizationApplication, *, reason: str, actor) -> None:
    """Staff reject an application; the submitter is told why (and the review task closes)."""
    require(actor.is_staff, "Only operator staff can reject an application.")
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
            "Give the reason for rejecting.",
            fields=field_errors(form),
        )
    return form.cleaned_data["reason"]


def reject_now(application: OrganizationApplication, *, reason: str, actor) -> None:
    """Record the rejection and tell the submitter (inside the caller's transaction)."""
    require(actor.is_staff, "Only operator staff can reject an application.")
    reason = _valid_reason(reason)
    application = _lock_pending(application)
    application.status = OrganizationApplication.Status.REJECTED
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.decision_reason = reason
    application.save(update_fields=["status", "decided_at", "decided_by", "decision_reason"])
    record(
        actor,
        "application.rejected",
        target=application,
        details={"reason": application.decision_reason},
    )
    notifications.application_rejected(application)


# --- Recovery -----------------------------------------------------------------------------


@service("organization.recover")
def appoint_authorized_representative(
    org: Organization, person: Person, *, reason: str, actor
) -> None:
    """Staff appoint an Authorized Representative for an organization that has none."""
    require(actor.is_staff, "Only operator staff can appoint an Authorized Representative.")
    reason = _clean_text(reason or "", "The reason")
    if len(reason) < 5:
        raise Invalid(
            "Give the reason for the appointment.",
            fields={"reason": ["Explain the reason in a sentence."]},
        )
    org = lock_organization(org, actor)
    role_type = RoleType.objects.get(code=Role.AUTHORIZED_REPRESENTATIVE)
    if RoleAssignment.objects.filter(membership__organization=org, role_type=role_type).exists():
        raise RuleViolation(
            f"{org.legal_name} already has an Authorized Representative, who can register "
            f"another one. Staff appoint one only when none is left.",
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


# --- Organization details (the admin's change form) ----------------------------------------


@service("organization.update")
def update_organization(org: Organization, *, data: dict, actor) -> Organization:
    """Staff correct an organization's legal name or address."""
    require(actor.is_staff, "Only operator staff can change an organization's details.")
    org = Organization.objects.select_for_update().get(pk=org.pk)
    cleaned = registry._validated(OrganizationForm, data, partial_from=org)
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
    return org


# --- Role types (data the operator extends) ----------------------------------------------

ROLE_TYPE_FIELDS = ["name", "description", "mandatory", "recommended_holders", "sort_order"]


@service("role_type.save")
def save_role_type(
    role_type: RoleType | None, *, data: dict, managed_by: list[RoleType], actor
) -> RoleType:
    """Staff add a registration role, or change one's name, description or holder rules."""
    require(actor.is_staff, "Only operator staff can change the registration roles.")
    values = {name: data[name] for name in ROLE_TYPE_FIELDS if name in data}
    if role_type is None:
        code = str(data.get("code") or "").strip()
        if not code or RoleType.objects.filter(code=code).exists():
            raise Invalid(
                "Some details need correcting.",
                fields={"code": ["Choose a code no other role uses."]},
            )
        role_type = RoleType.objects.create(code=code, **values)
        action = "role_type.created"
    else:
        role_type = RoleType.objects.select_for_update().get(pk=role_type.pk)
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


@service("role_type.delete")
def delete_role_type(role_type: RoleType, *, actor) -> None:
    """Staff remove a registration role nobody holds and the rules do not name."""
    require(actor.is_staff, "Only operator staff can change the registration roles.")
    role_type = RoleType.objects.select_for_update().get(pk=role_type.pk)
    if role_type.code in Role.values:
        raise RuleViolation(
            f"{role_type.name} is named by the operator's rules and cannot be removed.",
            code="role_in_use",
        )
    if role_type.assignments.exists():
        raise RuleViolation(
            f"{role_type.name} still has holders; remove them first.", code="role_in_use"
        )
    record(actor, "role_type.deleted", target=role_type)
    role_type.delete()


# --- Exports ------------------------------------------------------------------------------

CONTACT_COLUMNS = [
    "Person ID",
    "First name",
    "Last name",
    "Job title",
    "E-mail",
    "Telephone",
    "Role",
]
AUDIT_COLUMNS = ["When (UTC)", "Actor", "Action", "Outcome", "Target", "Details", "Request ID"]
EXPORT_CHUNK = 1000
E164 = re.compile(r"\+[0-9]{7,15}")


def _csv_safe(value) -> str:
    """Neutralize spreadsheet formulas (CSV injection): a cell never starts with = + - @, a tab
    or a carriage return (a telephone number in E.164 stays as it is)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not E164.fullmatch(text):
        return "'" + text
    return text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: list[str], rows) -> Iterator[str]:
    """Encode rows as CSV one line at a time (constant memory). Every cell is quoted: where `;`
    is the spreadsheet's list separator, an unquoted `a;=cmd` would be read as two cells, the
    second a formula, and quoting only cells with a comma misses it."""
    writer = csv.writer(_Echo(), quoting=csv.QUOTE_ALL)
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow([_csv_safe(v) for v in row])


def _require_reader(org: Organization, actor) -> None:
    require(
        can_read_audit(actor, org),
        f"Only operator staff and the Primary Contacts or Authorized Representatives of "
        f"{org.legal_name} can download its records.",
    )


@service("organization.export_contacts")
def export_contacts(org: Organization, *, actor) -> Iterator[str]:
    """The organization's contacts, one line per role held, as CSV lines (streamed)."""
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
    return csv_lines(CONTACT_COLUMNS, rows)


def audit_rows(queryset) -> Iterator[tuple]:
    from audit.sentences import describe

    for entry in queryset.iterator(chunk_size=EXPORT_CHUNK):
        yield (
            entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S"),
            entry.actor_label,
            describe(entry),
            entry.outcome,
            entry.target_label,
            entry.details.get("reason", "") if isinstance(entry.details, dict) else "",
            entry.request_id,
        )


@service("organization.export_audit")
def export_audit(org: Organization, *, actor) -> Iterator[str]:
    """The organization's audit log, newest first, as CSV lines (streamed)."""
    _require_reader(org, actor)
    record(actor, "organization.exported", org=org, target=org, details={"what": "audit"})
    entries = AuditEntry.objects.filter(org_id=org.org_id).order_by("-at", "-id")
    return csv_lines(AUDIT_COLUMNS, audit_rows(entries))
