"""Accounts in the admin: read-only, with actions that call the account services.

Django's stock `UserAdmin` changed `is_active`, `is_staff`, `is_superuser` and passwords with
no rule and no audit entry. Here the form is read-only (the set-password page with it: a
password is changed by its owner or reset through the e-mailed link), and every change is an
action that calls `accounts.services` (audited, refused where a rule forbids, staff and
superuser grants only by a superuser verified with the second factor).
"""

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin

from accounts import services
from accounts.models import User
from core.errors import DomainError


def _each(modeladmin, request, queryset, change, done: str) -> None:
    """Run `change(user, actor=...)` for each selected account; say what was done and what
    was refused, and why."""
    changed = 0
    for user in queryset:
        try:
            change(user, actor=request.user)
        except DomainError as exc:
            modeladmin.message_user(request, f"{user.username}: {exc.message}", messages.ERROR)
        else:
            changed += 1
    if changed:
        modeladmin.message_user(request, f"{changed} account(s) {done}.", messages.SUCCESS)


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "is_active", "is_staff"]
    actions = [
        "deactivate",
        "reactivate",
        "unlock",
        "grant_staff",
        "revoke_staff",
        "grant_superuser",
        "revoke_superuser",
    ]

    def has_add_permission(self, request, obj=None) -> bool:
        return False  # accounts come from invitations (staff: `createsuperuser`)

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # read-only form, and no set-password page (403)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # deactivate instead: the person, roles and audit trail stay

    @admin.action(description="Deactivate the selected accounts")
    def deactivate(self, request, queryset):
        _each(self, request, queryset, services.deactivate_account, "deactivated")

    @admin.action(description="Reactivate the selected accounts")
    def reactivate(self, request, queryset):
        _each(self, request, queryset, services.reactivate_account, "reactivated")

    @admin.action(description="Unlock sign-in and password recovery")
    def unlock(self, request, queryset):
        _each(self, request, queryset, services.unlock_account, "unlocked")

    @admin.action(description="Make operator staff (superuser, second factor)")
    def grant_staff(self, request, queryset):
        _each(self, request, queryset, services.grant_staff, "made operator staff")

    @admin.action(description="Remove operator-staff rights (superuser, second factor)")
    def revoke_staff(self, request, queryset):
        _each(self, request, queryset, services.revoke_staff, "no longer operator staff")

    @admin.action(description="Make superuser (superuser, second factor)")
    def grant_superuser(self, request, queryset):
        _each(self, request, queryset, services.grant_superuser, "made superusers")

    @admin.action(description="Remove superuser rights (superuser, second factor)")
    def revoke_superuser(self, request, queryset):
        _each(self, request, queryset, services.revoke_superuser, "no longer superusers")
