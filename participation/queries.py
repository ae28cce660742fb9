"""Reads the participation pages and API need, each in a fixed number of queries."""

from django.db.models import Count, Prefetch, Q

from audit.models import AuditEntry
from participation.models import Application, Item, ParticipationType, Requirement
from registry.models import Organization


def _requirements() -> Prefetch:
    return Prefetch(
        "requirements",
        queryset=Requirement.objects.prefetch_related("roles").order_by("order", "id"),
    )


def participation_types(*, offered_only: bool = True) -> list[ParticipationType]:
    """The types with their requirements (2 queries + 1 for the roles)."""
    rows = ParticipationType.objects.all()
    if offered_only:
        rows = rows.filter(is_active=True)
    return list(rows.prefetch_related(_requirements()).order_by("sort_order", "name", "id"))


def _items() -> Prefetch:
    return Prefetch(
        "items",
        queryset=Item.objects.select_related("requirement", "document").order_by(
            "requirement__order", "requirement_id"
        ),
    )


def applications_of(org: Organization):
    """The organization's applications, newest first, with their items (2 queries)."""
    return (
        Application.objects.filter(organization=org)
        .select_related("participation_type")
        .prefetch_related(_items())
        .order_by("-started_at", "-id")
    )


def participations_of(org: Organization) -> list[Application]:
    """What the organization is or was authorized as: authorized, suspended, or withdrawn
    after being authorized (1 query)."""
    return list(
        Application.objects.filter(organization=org, authorized_at__isnull=False)
        .select_related("participation_type")
        .order_by("participation_type__sort_order", "-authorized_at", "-id")
    )


def application_for(org: Organization, application_id) -> Application | None:
    try:
        number = int(application_id)
    except (TypeError, ValueError):
        return None
    return (
        Application.objects.filter(organization=org, pk=number)
        .select_related("participation_type", "organization", "started_by")
        .prefetch_related(_items())
        .first()
    )


def timeline(app: Application) -> list[AuditEntry]:
    """Every transition of the application, oldest first, as audited."""
    return list(
        AuditEntry.objects.filter(
            target_type=Application.audit_type,
            target_id=str(app.pk),
            outcome=AuditEntry.Outcome.DONE,
        ).order_by("at", "id")
    )


def review_queue(state: str | None = None):
    """Applications for staff, the submitted first, with what waits for them (1 query)."""
    rows = Application.objects.select_related("participation_type", "organization").annotate(
        waiting=Count("items", filter=Q(items__state=Item.State.SUBMITTED)),
        returned=Count("items", filter=Q(items__state=Item.State.RETURNED)),
        total=Count("items"),
    )
    if state:
        rows = rows.filter(state=state)
    return rows.order_by("state", "-submitted_at", "-started_at", "-id")


def applying_organizations(user) -> tuple[list[Organization], bool]:
    """The organizations whose applications the user may drive (by the rule the services
    require), and whether the user is a member of any organization at all."""
    from registry.rules import can_apply_for_participation, is_operator_staff

    if not user.is_authenticated or is_operator_staff(user):
        return [], False
    orgs = list(Organization.objects.visible_to(user).order_by("legal_name"))
    return [org for org in orgs if can_apply_for_participation(user, org)], bool(orgs)
