"""Who may do what with participation applications: the one place pages, API and services ask.

Refusals (`*_refusal`) return the error the service raises, or None; a page offers the action
exactly when the refusal is None, and shows its sentence otherwise."""

from core.errors import Forbidden, RuleViolation
from core.text import and_list, with_article
from participation.models import Application, Item, Requirement
from registry.models import Organization, RoleAssignment
from registry.rules import can_apply_for_participation, is_operator_staff

__all__ = ["can_apply_for_participation", "can_review", "apply_refusal"]


def can_review(user) -> bool:
    """Review requirements, record fees, authorize, suspend: operator staff."""
    return is_operator_staff(user)


def apply_refusal(user, org: Organization):
    """Why the user may not drive the organization's applications, or None."""
    if can_apply_for_participation(user, org):
        return None
    if is_operator_staff(user):
        return Forbidden(
            f"Operator staff review applications; the Applicant Representatives and "
            f"Authorized Representatives of {org.legal_name} make them."
        )
    return Forbidden(
        f"Only an Applicant Representative or an Authorized Representative of "
        f"{org.legal_name} can apply for a participation. Ask one of them, or ask an "
        f"Authorized Representative to make you an Applicant Representative."
    )


def submit_item_refusal(user, application: Application, item: Item):
    """Why the user may not submit this requirement now, or None."""
    refusal = apply_refusal(user, application.organization)
    if refusal:
        return refusal
    if not application.is_open:
        return RuleViolation(
            f"This application is {application.get_state_display().lower()}; its requirements "
            f"can no longer change.",
            code="application_closed",
        )
    if item.requirement.kind == Requirement.Kind.FEE:
        return RuleViolation(
            "The fee is recorded by operator staff when the payment is received.",
            code="fee_by_staff",
        )
    if item.state == Item.State.ACCEPTED:
        return RuleViolation(
            f"{item.requirement.name} has been accepted; it can no longer change.",
            code="already_accepted",
        )
    if item.requirement.kind == Requirement.Kind.ROLES:
        return roles_refusal(application.organization, item.requirement)
    return None


def submit_application_refusal(user, application: Application, items):
    refusal = apply_refusal(user, application.organization)
    if refusal:
        return refusal
    if application.state != Application.State.IN_PROGRESS:
        return RuleViolation(
            f"This application is {application.get_state_display().lower()}, not in progress.",
            code="not_in_progress",
        )
    missing = [
        i.requirement.name
        for i in items
        if i.requirement.kind != Requirement.Kind.FEE and i.state not in Item.IN_STATES
    ]
    if missing:
        return RuleViolation(
            f"Submit {and_list(missing)} first.",
            code="requirements_missing",
        )
    return None


def review_refusal(user, application: Application, item: Item | None = None, *, accept=True):
    if not can_review(user):
        return Forbidden("Only operator staff can review applications.")
    if not application.is_open:
        return RuleViolation(
            f"This application is {application.get_state_display().lower()}; its requirements "
            f"can no longer be reviewed.",
            code="application_closed",
        )
    if item is not None and accept and item.state != Item.State.SUBMITTED:
        return RuleViolation(
            f"{item.requirement.name} is {item.get_state_display().lower()}: only a "
            f"submitted requirement can be accepted.",
            code="not_submitted",
        )
    if item is not None and not accept and item.state == Item.State.RETURNED:
        return RuleViolation(
            f"{item.requirement.name} is already returned.", code="already_returned"
        )
    return None


def authorize_refusal(user, application: Application, items):
    if not can_review(user):
        return Forbidden("Only operator staff can authorize a participation.")
    if application.state != Application.State.SUBMITTED:
        return RuleViolation(
            f"This application is {application.get_state_display().lower()}; only a submitted "
            f"application can be authorized.",
            code="not_submitted",
        )
    waiting = [i.requirement.name for i in items if i.state != Item.State.ACCEPTED]
    if waiting:
        return RuleViolation(
            f"Every requirement must be accepted first: {and_list(waiting)} "
            f"{'is' if len(waiting) == 1 else 'are'} not.",
            code="requirements_not_accepted",
        )
    return None


def withdraw_refusal(user, application: Application):
    if not (can_apply_for_participation(user, application.organization) or can_review(user)):
        return apply_refusal(user, application.organization)
    if application.state == Application.State.WITHDRAWN:
        return RuleViolation("This application is already withdrawn.", code="already_withdrawn")
    return None


def missing_roles(org: Organization, requirement: Requirement) -> list:
    """The requirement's roles nobody in the organization holds (persons, not sections)."""
    held = set(
        RoleAssignment.objects.filter(
            membership__organization=org, role_type__in=requirement.roles.all()
        ).values_list("role_type_id", flat=True)
    )
    return [role for role in requirement.roles.all() if role.pk not in held]


def roles_refusal(org: Organization, requirement: Requirement):
    """Why a contact-roles requirement cannot be handed in yet (a role nobody holds), or
    None: the page says so in place of its button, and the service refuses the same."""
    missing = missing_roles(org, requirement)
    if not missing:
        return None
    return RuleViolation(
        f"{org.legal_name} has no {and_list([r.name for r in missing])} yet: add "
        f"{'them' if len(missing) > 1 else with_article(missing[0].name)} under Update "
        f"Contact(s), then submit {requirement.name}.",
        code="roles_not_held",
    )
