from django.contrib import admin, messages

from apitokens import services
from apitokens.models import ApiToken


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created through the API, the page or `create_api_token`; here staff see and
    revoke them. Secrets are never stored, so never shown."""

    list_display = ["name", "kind", "user", "prefix", "created_at", "last_used_at", "status"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["name", "prefix", "user__username"]
    readonly_fields = [f.name for f in ApiToken._meta.fields]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Revoke the selected tokens")
    def revoke(self, request, queryset):
        for token in queryset:
            services.revoke_api_token(token, actor=request.user)
        messages.success(request, "The selected tokens are revoked.")
