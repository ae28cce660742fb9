from django.contrib import admin

from systems.models import InformationSystem


@admin.register(InformationSystem)
class InformationSystemAdmin(admin.ModelAdmin):
    """Staff manage the catalogue here; grants change only through the services."""

    list_display = ["code", "name", "levels", "open_to_all", "is_active", "sort_order"]
    list_editable = ["is_active", "sort_order"]
    search_fields = ["code", "name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Grants point at systems; retire a system with is_active instead.
        return False
