from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from backoffice.models import ApplicationContact, OrganizationApplication
from core.admin_tools import ReadOnlyAdmin


class ApplicationContactInline(admin.TabularInline):
    model = ApplicationContact
    fields = ["role_code", "first_name", "last_name", "email", "phone"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(OrganizationApplication)
class OrganizationApplicationAdmin(ReadOnlyAdmin):
    """Decisions are taken on the review page, which calls the services."""

    list_display = ["reference", "legal_name", "status", "submitted_at", "review"]
    list_filter = ["status", "entity_type"]
    search_fields = ["=reference", "legal_name", "business_number", "submitter_email"]
    inlines = [ApplicationContactInline]
    exclude = ["submitted_ip"]

    @admin.display(description="Review")
    def review(self, application: OrganizationApplication) -> str:
        url = reverse("backoffice-application", args=[application.reference])
        return format_html('<a href="{}">Review {}</a>', url, application.reference)
