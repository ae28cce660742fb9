from django.contrib import admin

from core.admin_tools import ReadOnlyAdmin
from notices.models import Announcement, Notice


@admin.register(Announcement)
class AnnouncementAdmin(ReadOnlyAdmin):
    """Published from /announcements/new/ (the publish service); listed here."""

    list_display = ["title", "published_at", "published_by"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_at"


@admin.register(Notice)
class NoticeAdmin(ReadOnlyAdmin):
    """Issued from /notices/new/ (the issue service, which fans it out); listed here."""

    list_display = ["title", "organization", "issued_at", "issued_by"]
    list_filter = ["roles"]
    search_fields = ["title", "body", "organization__legal_name"]
    list_select_related = ["organization", "issued_by"]
    date_hierarchy = "issued_at"
