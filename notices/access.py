"""Fetch-and-authorize for the operator's announcements (staff pages)."""

from core.errors import NotFound
from notices.models import Announcement
from registry.access import require_staff


def get_announcement_for(user, announcement_id) -> Announcement:
    require_staff(user)
    announcement = (
        Announcement.objects.select_related("published_by__person", "withdrawn_by__person")
        .filter(pk=announcement_id)
        .first()
    )
    if announcement is None:
        raise NotFound(f"There is no announcement {announcement_id}.")
    return announcement
