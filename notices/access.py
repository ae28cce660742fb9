"""Fetch-and-authorize for the operator's announcements (staff pages)."""

from django.utils.translation import gettext_lazy as _

from core.errors import NotFound
from core.text import sentence
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
        raise NotFound(sentence(_("There is no announcement {number}."), number=announcement_id))
    return announcement
