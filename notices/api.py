"""News in the JSON API: my organizations' activity, the operator's announcements and the
notices to my groups, newest first."""

from datetime import datetime
from typing import Literal

from ninja import Query, Router

from config.api import MAX_LIMIT, ListParams, Page, Schema, responses
from core.views import news_entries
from notices.models import Announcement, Notice

router = Router(tags=["news"])


class NewsOut(Schema):
    at: datetime
    type: Literal["activity", "announcement", "notice"]
    org_id: int | None
    title: str
    text: str


@router.get(
    "/news",
    response=responses(200, Page[NewsOut]),
    operation_id="list_news",
    summary="Activity of my organizations, announcements and notices, newest first",
)
def list_news(request, params: Query[ListParams]):
    user = request.auth
    limit = min(params.limit, MAX_LIMIT)
    window = params.offset + limit  # the newest `window` of each source cover the page
    activity = news_entries(user)
    notices = Notice.objects.all() if user.is_staff else Notice.objects.addressed_to(user)
    announcements = Announcement.objects.all()
    rows = [
        {"at": e.at, "type": "activity", "org_id": e.org_id, "title": "", "text": e.sentence}
        for e in activity[:window]
    ]
    rows += [
        {
            "at": a.published_at,
            "type": "announcement",
            "org_id": None,
            "title": a.title,
            "text": a.body,
        }
        for a in announcements.order_by("-published_at", "-id")[:window]
    ]
    rows += [
        {
            "at": n.issued_at,
            "type": "notice",
            "org_id": n.organization.org_id if n.organization_id else None,
            "title": n.title,
            "text": n.body,
        }
        for n in notices.select_related("organization").order_by("-issued_at", "-id")[:window]
    ]
    rows.sort(key=lambda r: r["at"], reverse=True)
    count = activity.count() + announcements.count() + notices.count()
    return {"items": rows[params.offset : params.offset + limit], "count": count}
