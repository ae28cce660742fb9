from django.contrib import admin

from oidc.models import SystemClient


@admin.register(SystemClient)
class SystemClientAdmin(admin.ModelAdmin):
    """Which OAuth application each information system signs people in with. Register new
    ones with `manage.py register_oidc_client` (it shows the secret once)."""

    list_display = ["system", "application", "created_at"]
    readonly_fields = ["system", "application", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False
