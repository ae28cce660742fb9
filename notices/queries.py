"""What News shows from the operator, in a fixed number of queries."""

from notices.models import Announcement, Notice
from registry.rules import is_operator_staff

RECENT = 5


def from_the_operator(user) -> dict:
    """The latest announcements and the latest notices to the user's groups (two queries)."""
    notices = Notice.objects.all() if is_operator_staff(user) else Notice.objects.addressed_to(user)
    return {
        "announcements": list(
            Announcement.objects.published().order_by("-published_at", "-id")[:RECENT]
        ),
        "notices": list(
            notices.select_related("organization").order_by("-issued_at", "-id")[:RECENT]
        ),
    }
