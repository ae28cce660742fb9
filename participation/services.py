"""Participation applications: start, submit each requirement, submit the application; staff
review each requirement (accept, or return with a reason), record the fee, authorize from an
effective date, suspend and reinstate; the organization or staff withdraw. Participation
types and their requirements are operator data staff maintain (save_participation_type,
save_requirement, delete_requirement).

Every step locks the organization row first (`registry.locks`), then the application and its
items, so two staff deciding at once are serialized: an application is never authorized with
a requirement that is not accepted."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from audit.log import record
from core.bilingual import CATALOGUE_TEXT
from core.errors import Invalid, NotFound, RuleViolation, require
from core.forms import validated
from core.services import service
from documents.services import store_document
from participation import notifications, rules
from participation.documents import PURPOSE
from participation.forms import (
    AuthorizeForm,
    FeeForm,
    ParticipationTypeForm,
    RequirementForm,
    ReturnForm,
    requirement_fields_form,
)
from participation.models import Application, Item, ParticipationType, Requirement
from registry.locks import lock_organization
from registry.models import Organization, RoleAssignment
from registry.rules import is_operator_staff


def _raise(refusal) -> None:
    if refusal is not None:
        raise refusal


def _lock(application: Application, actor) -> tuple[Application, list[Item]]:
    """The organization row first, then the application and its items, re-read."""
    lock_organization(application.organization, actor, what="its applications")
    app = (
        Application.objects.select_for_update(of=("self",))
        .select_related("participation_type", "organization")
        .get(pk=application.pk)
    )
    items = list(
        Item.objects.select_for_update(of=("self",))
        .filter(application=app)
        .select_related("requirement")
        .order_by("requirement__order", "requirement_id")
    )
    return app, items


def _item(items: list[Item], code: str) -> Item:
    for item in items:
        if item.requirement.code == code:
            return item
    raise NotFound(f"This application has no requirement {code[:60]!r}.")


def _details(item: Item, **more) -> dict:
    return {
        "requirement": item.requirement.code,
        "requirement_name": item.requirement.name,
        **{k: v for k, v in more.items() if v not in (None, "")},
    }


def _holders(org: Organization, requirement: Requirement) -> dict:
    rows = RoleAssignment.objects.filter(
        membership__organization=org, role_type__in=requirement.roles.all()
    ).values_list(
        "role_type__code", "membership__person__first_name", "membership__person__last_name"
    )
    holders: dict[str, list[str]] = {}
    for code, first, last in rows:
        holders.setdefault(code, []).append(f"{first} {last}")
    return holders


# --- The organization's side ------------------------------------------------------------------


@service("participation.start", org="org", target=None)
def start_application(
    org: Organization, participation_type: ParticipationType, *, answers: dict, actor
) -> Application:
    """An Applicant Representative (or Authorized Representative) starts an application:
    one item per requirement that applies given the answers to the conditions."""
    org = lock_organization(org, actor, what="its applications")
    _raise(rules.apply_refusal(actor, org))
    if not participation_type.is_active:
        raise RuleViolation(
            f"{participation_type.name} is not offered at the moment.", code="not_offered"
        )
    existing = (
        Application.objects.live()
        .filter(organization=org, participation_type=participation_type)
        .first()
    )
    if existing is not None:
        raise RuleViolation(
            f"{org.legal_name} already has a {participation_type.name} application "
            f"({existing.get_state_display().lower()}).",
            code="already_applied",
        )
    requirements = list(participation_type.requirements.all())
    given = {}
    for requirement in requirements:
        if requirement.condition:
            given[requirement.code] = bool((answers or {}).get(requirement.code))
    application = Application.objects.create(
        organization=org, participation_type=participation_type, answers=given, started_by=actor
    )
    Item.objects.bulk_create(
        Item(application=application, requirement=r) for r in requirements if r.applies(given)
    )
    record(
        actor,
        "participation.started",
        org=org,
        target=application,
        details={"participation_type": participation_type.code, "answers": given},
    )
    return application


def _attach_document(item: Item, file, *, actor) -> None:
    """Store the upload (checked by its content, encrypted; documents.services) and hand it
    in as this requirement's document. A file refused says why under the file field."""
    item.document = store_document(
        actor=actor, organization=item.application.organization, file=file, purpose=PURPOSE
    )


@service("participation.submit_requirement", org="application.organization", target="application")
def submit_requirement(
    application: Application, code: str, *, actor, data: dict | None = None, file=None
) -> Item:
    """Hand in one requirement: a document, the form's fields, or (contact roles) the check
    that the organization holds them now. A returned requirement is submitted again."""
    app, items = _lock(application, actor)
    item = _item(items, code)
    _raise(rules.submit_item_refusal(actor, app, item))
    requirement = item.requirement
    again = item.state == Item.State.RETURNED
    if requirement.kind == Requirement.Kind.DOCUMENT:
        if file is None:
            raise Invalid(
                f"Choose the file for {requirement.name}.", fields={"file": ["Choose a file."]}
            )
        _attach_document(item, file, actor=actor)
        item.values = {}
    elif requirement.kind == Requirement.Kind.FORM:
        form = requirement_fields_form(requirement)(data=data or {})
        item.values = validated(
            form, message=f"Some details of {requirement.name} need correcting."
        )
    elif requirement.kind == Requirement.Kind.ROLES:
        _raise(rules.roles_refusal(app.organization, requirement))
        item.values = {"holders": _holders(app.organization, requirement)}
    item.state = Item.State.SUBMITTED
    item.submitted_by, item.submitted_at = actor, timezone.now()
    item.reviewed_by, item.reviewed_at = None, None
    item.save()
    record(
        actor,
        "participation.requirement_resubmitted" if again else "participation.requirement_submitted",
        org=app.organization,
        target=app,
        details=_details(item, document_id=item.document_id),
    )
    return item


@service("participation.submit", org="application.organization", target="application")
def submit_application(application: Application, *, actor) -> Application:
    """Every requirement is in (the fee is recorded by staff when it is received): the
    application goes to operator staff for review."""
    app, items = _lock(application, actor)
    _raise(rules.submit_application_refusal(actor, app, items))
    app.state, app.submitted_at = Application.State.SUBMITTED, timezone.now()
    app.save(update_fields=["state", "submitted_at"])
    record(actor, "participation.submitted", org=app.organization, target=app)
    notifications.submitted(app)
    return app


@service("participation.withdraw", org="application.organization", target="application")
def withdraw_application(application: Application, *, actor, reason: str = "") -> Application:
    """The organization (or staff) withdraws an application or ends a participation."""
    app, _ = _lock(application, actor)
    _raise(rules.withdraw_refusal(actor, app))
    reason = (reason or "").strip()[:500]
    app.state, app.withdrawn_at = Application.State.WITHDRAWN, timezone.now()
    app.save(update_fields=["state", "withdrawn_at"])
    record(
        actor,
        "participation.withdrawn",
        org=app.organization,
        target=app,
        details={"reason": reason} if reason else {},
    )
    notifications.told(app, "withdrawn", reason)
    return app


# --- Operator staff ---------------------------------------------------------------------------


@service("participation.review_requirement", org="application.organization", target="application")
def accept_requirement(application: Application, code: str, *, actor) -> Item:
    app, items = _lock(application, actor)
    item = _item(items, code)
    _raise(rules.review_refusal(actor, app, item, accept=True))
    item.state, item.reviewed_by, item.reviewed_at = Item.State.ACCEPTED, actor, timezone.now()
    item.return_reason = ""
    item.save(update_fields=["state", "reviewed_by", "reviewed_at", "return_reason"])
    record(
        actor,
        "participation.requirement_accepted",
        org=app.organization,
        target=app,
        details=_details(item),
    )
    return item


@service("participation.review_requirement", org="application.organization", target="application")
def return_requirement(application: Application, code: str, *, reason: str, actor) -> Item:
    """Staff send a requirement back with the reason; the organization submits it again."""
    app, items = _lock(application, actor)
    item = _item(items, code)
    _raise(rules.review_refusal(actor, app, item, accept=False))
    cleaned = validated(ReturnForm(data={"reason": reason}), message="Say why it is returned.")
    item.state, item.reviewed_by, item.reviewed_at = Item.State.RETURNED, actor, timezone.now()
    item.return_reason = cleaned["reason"]
    item.save(update_fields=["state", "reviewed_by", "reviewed_at", "return_reason"])
    record(
        actor,
        "participation.requirement_returned",
        org=app.organization,
        target=app,
        details=_details(item, reason=item.return_reason),
    )
    notifications.returned(app, item)
    return item


@service("participation.record_fee", org="application.organization", target="application")
def record_fee(application: Application, code: str, *, data: dict, actor) -> Item:
    """Staff record the fee as received: the processor's reference and the amount (never card
    data). The item is accepted and the receipt is e-mailed to the applicants."""
    app, items = _lock(application, actor)
    item = _item(items, code)
    require(rules.can_review(actor), "Only operator staff can record a fee as received.")
    if item.requirement.kind != Requirement.Kind.FEE:
        raise NotFound(f"{item.requirement.name} is not a fee.")
    if not app.is_open:
        _raise(rules.review_refusal(actor, app))
    if item.state == Item.State.ACCEPTED:
        raise RuleViolation(
            f"{item.requirement.name} is already recorded as received.", code="already_recorded"
        )
    cleaned = validated(FeeForm(data=data), message="The fee's details need correcting.")
    due = item.requirement.fee_amount or Decimal("0")
    if cleaned["amount"] < due:
        owed = f"{item.requirement.currency} {due:,.2f}"
        raise Invalid(
            f"The amount received is less than the fee due ({owed}).",
            fields={"amount": [f"The fee due is {owed}."]},
        )
    now = timezone.now()
    item.fee_reference, item.fee_received = cleaned["reference"], cleaned["amount"]
    item.state, item.reviewed_by, item.reviewed_at = Item.State.ACCEPTED, actor, now
    item.submitted_by, item.submitted_at = actor, now
    item.save()
    record(
        actor,
        "participation.fee_recorded",
        org=app.organization,
        target=app,
        details=_details(
            item,
            reference=item.fee_reference,
            amount=f"{item.requirement.currency} {item.fee_received:,.2f}",
        ),
    )
    notifications.receipt(app, item)
    return item


@service("participation.authorize", org="application.organization", target="application")
def authorize_application(application: Application, *, effective_from, actor) -> Application:
    """Every requirement accepted (and the contact roles still held): the organization is
    authorized from the effective date. Decided under the organization lock, so a requirement
    returned at the same moment either comes first (and this is refused) or after (and it is
    refused, the application being authorized)."""
    app, items = _lock(application, actor)
    _raise(rules.authorize_refusal(actor, app, items))
    if isinstance(effective_from, date):
        effective_from = effective_from.isoformat()
    cleaned = validated(
        AuthorizeForm(data={"effective_from": effective_from or ""}),
        message="Give the date the participation takes effect.",
    )
    for item in items:
        if item.requirement.kind == Requirement.Kind.ROLES:
            _raise(rules.roles_refusal(app.organization, item.requirement))
    app.state, app.authorized_at = Application.State.AUTHORIZED, timezone.now()
    app.effective_from = cleaned["effective_from"]
    app.save(update_fields=["state", "authorized_at", "effective_from"])
    record(
        actor,
        "participation.authorized",
        org=app.organization,
        target=app,
        details={
            "effective_from": app.effective_from.isoformat(),
            "participation_type_name": app.participation_type.name,
        },
    )
    notifications.authorized(app)
    return app


@service("participation.suspend", org="application.organization", target="application")
def suspend_participation(application: Application, *, reason: str, actor) -> Application:
    app, _ = _lock(application, actor)
    require(rules.can_review(actor), "Only operator staff can suspend a participation.")
    if app.state != Application.State.AUTHORIZED:
        raise RuleViolation(
            "Only an authorized participation can be suspended.", code="not_authorized"
        )
    cleaned = validated(ReturnForm(data={"reason": reason}), message="Say why it is suspended.")
    app.state, app.suspended_at = Application.State.SUSPENDED, timezone.now()
    app.save(update_fields=["state", "suspended_at"])
    record(
        actor,
        "participation.suspended",
        org=app.organization,
        target=app,
        details={"reason": cleaned["reason"]},
    )
    notifications.told(app, "suspended", cleaned["reason"])
    return app


@service("participation.reinstate", org="application.organization", target="application")
def reinstate_participation(application: Application, *, actor) -> Application:
    app, _ = _lock(application, actor)
    require(rules.can_review(actor), "Only operator staff can reinstate a participation.")
    if app.state != Application.State.SUSPENDED:
        raise RuleViolation(
            "Only a suspended participation can be reinstated.", code="not_suspended"
        )
    app.state, app.suspended_at = Application.State.AUTHORIZED, None
    app.save(update_fields=["state", "suspended_at"])
    record(actor, "participation.reinstated", org=app.organization, target=app)
    notifications.told(app, "reinstated", "")
    return app


# --- Participation types (operator data) -------------------------------------------------------


@service("participation_type.save", org=None, target="ptype")
def save_participation_type(
    ptype: ParticipationType | None, *, data: dict, actor
) -> ParticipationType:
    """Staff add a participation type or change one (never its code)."""
    require(is_operator_staff(actor), "Only operator staff can change the participation types.")
    if ptype is not None:
        ptype = ParticipationType.objects.select_for_update().get(pk=ptype.pk)
    cleaned = validated(ParticipationTypeForm(data=data, instance=ptype))
    fields = [*CATALOGUE_TEXT, "is_active", "sort_order"]
    if ptype is None:
        ptype = ParticipationType.objects.create(
            code=cleaned["code"], **{f: cleaned[f] for f in fields}
        )
        action = "participation_type.created"
    else:
        for f in fields:
            setattr(ptype, f, cleaned[f])
        ptype.save(update_fields=fields)
        action = "participation_type.updated"
    record(actor, action, target=ptype, details={f: str(cleaned[f]) for f in fields})
    return ptype


@service("participation_requirement.save", org=None, target="requirement")
def save_requirement(
    ptype: ParticipationType, requirement: Requirement | None, *, data: dict, actor
) -> Requirement:
    """Staff add a requirement to a type or change one (its code and kind stay once an
    application has it)."""
    require(is_operator_staff(actor), "Only operator staff can change the participation types.")
    ptype = ParticipationType.objects.select_for_update().get(pk=ptype.pk)
    if requirement is not None:
        requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    form = RequirementForm(data=data, instance=requirement, participation_type=ptype)
    cleaned = validated(form, message="Some details of the requirement need correcting.")
    if (
        requirement is not None
        and requirement.items.exists()
        and (cleaned["kind"] != requirement.kind or cleaned["code"] != requirement.code)
    ):
        raise RuleViolation(
            f"Applications already have {requirement.name}: its code and kind cannot change. "
            f"Add a new requirement instead.",
            code="requirement_in_use",
        )
    made = requirement is None
    saved = form.save(commit=False)
    saved.participation_type = ptype
    saved.save()
    form.save_m2m()
    if saved.kind != Requirement.Kind.ROLES:
        saved.roles.clear()
    record(
        actor,
        "participation_requirement.created" if made else "participation_requirement.updated",
        target=saved,
        details={
            "participation_type": ptype.code,
            "kind": saved.kind,
            "requirement_name": saved.name,
            "condition": saved.condition,
        },
    )
    return saved


@service("participation_requirement.delete", org=None, target="requirement")
def delete_requirement(requirement: Requirement, *, actor) -> None:
    require(is_operator_staff(actor), "Only operator staff can change the participation types.")
    requirement = Requirement.objects.select_for_update().get(pk=requirement.pk)
    if requirement.items.exists():
        raise RuleViolation(
            f"Applications already have {requirement.name}, so it stays; change its "
            f"instructions instead.",
            code="requirement_in_use",
        )
    record(
        actor,
        "participation_requirement.deleted",
        target=requirement,
        details={"participation_type": requirement.participation_type.code},
    )
    requirement.delete()


__all__ = [
    "start_application",
    "submit_requirement",
    "submit_application",
    "withdraw_application",
    "accept_requirement",
    "return_requirement",
    "record_fee",
    "authorize_application",
    "suspend_participation",
    "reinstate_participation",
    "save_participation_type",
    "save_requirement",
    "delete_requirement",
]
