"""Fetch-and-authorize for back-office objects: to anyone but operator staff they do not exist."""

from functools import wraps

from django.db.models import Prefetch

from backoffice.models import ApplicationContact, OrganizationApplication
from core.errors import NotFound
from registry.rules import is_operator_staff


def require_staff(user) -> None:
    """Back-office pages are invisible (404) to everyone but operator staff."""
    if not is_operator_staff(user):
        raise NotFound("There is no such page.")


def may_use_admin(user) -> bool:
    """The Django admin is raw maintenance for superusers; staff work in the back office."""
    return is_operator_staff(user) and user.is_superuser


def staff_page(view):
    """A staff-only page: `require_staff` (the one answer to everyone else) before the view."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        require_staff(request.user)
        return view(request, *args, **kwargs)

    return wrapped


def get_application_for(user, reference) -> OrganizationApplication:
    require_staff(user)
    application = (
        OrganizationApplication.objects.filter(reference=str(reference)[:12].upper())
        .select_related("decided_by", "organization")
        .prefetch_related(Prefetch("contacts", ApplicationContact.objects.order_by("id")))
        .first()
    )
    if application is None:
        raise NotFound(f"There is no application with reference {str(reference)[:12]}.")
    return application
