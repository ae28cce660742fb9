"""ModelAdmin plumbing so that every admin write is a service call.

Subclasses implement `save_through_service` / `delete_through_service`. A refusal (any
DomainError) is shown as an admin error message; nothing changes, nothing claims success,
and Django's own change log is not written for it (the service's audit entry is the record).
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect

from core.errors import DomainError

_REFUSED = "_service_refused"


class ServiceAdmin(admin.ModelAdmin):
    def save_through_service(self, request, obj, form, change: bool):
        raise NotImplementedError

    def delete_through_service(self, request, obj) -> None:
        raise NotImplementedError

    def _refuse(self, request, exc: DomainError) -> None:
        setattr(request, _REFUSED, True)
        message = exc.message
        if exc.fields:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
            message = f"{message} {details}"
        self.message_user(request, message, messages.ERROR)

    def refused(self, request) -> bool:
        return getattr(request, _REFUSED, False)

    # --- saving ---------------------------------------------------------------------------
    def save_model(self, request, obj, form, change):
        try:
            saved = self.save_through_service(request, obj, form, change)
        except DomainError as exc:
            self._refuse(request, exc)
            return
        if saved is not None and saved is not obj:
            obj.pk = saved.pk
            obj.__dict__.update({k: v for k, v in saved.__dict__.items() if not k.startswith("_")})

    def save_related(self, request, form, formsets, change):
        if not self.refused(request):
            super().save_related(request, form, formsets, change)

    def log_addition(self, request, obj, message):
        if not self.refused(request):
            return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        if not self.refused(request):
            return super().log_change(request, obj, message)

    def response_add(self, request, obj, post_url_continue=None):
        if self.refused(request):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self.refused(request):
            return HttpResponseRedirect(request.get_full_path())
        return super().response_change(request, obj)

    # --- deleting -------------------------------------------------------------------------
    def log_deletions(self, request, queryset):
        return []  # the service writes the audit entry

    def delete_model(self, request, obj):
        try:
            self.delete_through_service(request, obj)
        except DomainError as exc:
            self._refuse(request, exc)

    def response_delete(self, request, obj_display, obj_id):
        if self.refused(request):
            return HttpResponseRedirect(request.get_full_path().rsplit("delete/", 1)[0])
        return super().response_delete(request, obj_display, obj_id)

    def get_actions(self, request):
        actions = super().get_actions(request)
        # Bulk deletes go through `delete_selected_via_services`, never straight to the rows.
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description="Delete selected, through the rules")
    def delete_selected_via_services(self, request, queryset):
        done = refused = 0
        for obj in queryset:
            try:
                self.delete_through_service(request, obj)
            except DomainError as exc:
                refused += 1
                self.message_user(request, f"{obj}: {exc.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, f"{done} deleted.", messages.SUCCESS)
        if refused and not done:
            self.message_user(request, "Nothing was deleted.", messages.WARNING)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff look, and change things through the pages and services that own them."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
