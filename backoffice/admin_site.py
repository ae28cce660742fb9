"""Django's admin, themed with the operator's name (settings), for operator staff."""

from django.conf import settings
from django.contrib import admin


class OperatorAdminSite(admin.AdminSite):
    """The back office. Writes in every ModelAdmin go through the services (see
    `core.admin_tools.ServiceAdmin`), so rules and the audit log hold here too."""

    site_url = "/news/"
    # Django's sidebar repeats the index's model tables without their change column, which
    # leaves a header with no data cells (WCAG 1.3.1, axe th-has-data-cells); the index and the
    # breadcrumbs already lead everywhere.
    enable_nav_sidebar = False

    def __init__(self, name: str = "admin"):
        super().__init__(name)
        self.site_header = f"{settings.OPERATOR_SHORT_NAME} back office"
        self.site_title = f"{settings.OPERATOR_NAME} · back office"
        self.index_title = f"{settings.PORTAL_NAME}: operator staff"

    def each_context(self, request):
        context = super().each_context(request)
        context["operator_name"] = settings.OPERATOR_NAME
        return context
