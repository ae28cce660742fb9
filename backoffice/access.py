"""Fetch-and-authorize for back-office objects: to anyone but operator staff they do not exist."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from backoffice.models import ApplicationContact, OrganizationApplication
from core.errors import NotFound
from core.text import sentence
from registry.access import require_staff, staff_page

__all__ = ["get_application_for", "require_staff", "staff_page"]


def get_application_for(user, reference) -> OrganizationApplication:
    require_staff(user)
    application = (
        OrganizationApplication.objects.filter(reference=str(reference)[:12].upper())
        .select_related("decided_by", "organization")
        .prefetch_related(Prefetch("contacts", ApplicationContact.objects.order_by("id")))
        .first()
    )
    if application is None:
        raise NotFound(
            sentence(
                _("There is no application with reference {reference}."),
                reference=str(reference)[:12],
            )
        )
    return application
