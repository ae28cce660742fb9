"""Django's admin: raw maintenance for superusers only. Operator staff work in the back office
(`/backoffice/`, backoffice/views_staff.py); the admin is out of their navigation."""

from functools import update_wrapper

from django.conf import settings
from django.contrib import admin

from core.errors import Forbidden
from registry.access import require_staff
from registry.rules import may_use_admin


def refuse_admin(user) -> None:
    """Everyone signed in but a superuser: staff pages' one answer to non-staff, and a reason
    (with the way to their workplace) to staff."""
    require_staff(user)
    raise Forbidden(
        "The maintenance pages are for superusers only. Your work is in the Back office."
    )


class OperatorAdminSite(admin.AdminSite):
    """Raw maintenance. Writes in every ModelAdmin go through the services (see
    `core.admin_tools.ServiceAdmin`), so rules and the audit log hold here too."""

    site_url = "/backoffice/"
    # Django's sidebar repeats the index's model tables without their change column, which
    # leaves a header with no data cells (WCAG 1.3.1, axe th-has-data-cells); the index and the
    # breadcrumbs already lead everywhere.
    enable_nav_sidebar = False

    def __init__(self, name: str = "admin"):
        super().__init__(name)
        # The template puts the operator's short name before the header.
        self.site_header = "Maintenance (superusers only)"
        self.site_title = f"{settings.OPERATOR_SHORT_NAME} maintenance"
        self.index_title = "Raw data maintenance"

    def has_permission(self, request) -> bool:
        return may_use_admin(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                refuse_admin(request.user)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request, extra_context=None):
        if request.user.is_authenticated and not self.has_permission(request):
            refuse_admin(request.user)
        return super().login(request, extra_context)

    def each_context(self, request):
        context = super().each_context(request)
        context["operator_name"] = settings.OPERATOR_NAME
        return context
