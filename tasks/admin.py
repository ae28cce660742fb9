from django.contrib import admin

from core.admin_tools import ReadOnlyAdmin
from tasks.models import Task, TaskEvent


class TaskEventInline(admin.TabularInline):
    model = TaskEvent
    fields = ["at", "actor_label", "action", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    """Every task with its history; staff act on tasks from the Tasks page (the services)."""

    list_display = ["summary", "kind", "organization", "state", "accepted_by", "due"]
    list_filter = ["state", "kind", "to_staff"]
    search_fields = ["summary", "organization__legal_name"]
    list_select_related = ["organization", "accepted_by"]
    date_hierarchy = "created_at"
    inlines = [TaskEventInline]
