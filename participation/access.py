"""Fetch-and-authorize for participation pages and API: an application is visible to the
organization's members and operator staff; anyone else gets 404."""

from core.errors import NotFound
from participation import queries
from participation.models import Application, ParticipationType
from registry.access import get_organization_for


def get_application_for(user, org_id, application_id) -> Application:
    org = get_organization_for(user, org_id)
    app = queries.application_for(org, application_id)
    if app is None:
        raise NotFound("There is no such application.")
    return app


def get_staff_application(application_id) -> Application:
    """For back-office pages (already staff-only)."""
    try:
        number = int(application_id)
    except (TypeError, ValueError):
        number = None
    app = (
        Application.objects.filter(pk=number)
        .select_related("participation_type", "organization", "started_by")
        .first()
        if number is not None
        else None
    )
    if app is None:
        raise NotFound("There is no such application.")
    return app


def get_participation_type(code: str, *, offered_only: bool = False) -> ParticipationType:
    rows = ParticipationType.objects.filter(code=str(code)[:60])
    if offered_only:
        rows = rows.filter(is_active=True)
    ptype = rows.first()
    if ptype is None:
        raise NotFound(f"There is no participation type {str(code)[:60]!r}.")
    return ptype
