"""News in the JSON API: my organizations' activity, the operator's announcements and the
notices to my groups, newest first."""

from datetime import datetime
from typing import Literal

from ninja import Query, Router

from audit.sentences import describe
from core.api import MAX_LIMIT, ListParams, Page, Schema, responses
from home.queries import news_entries
from notices.models import Announcement, Notice
from registry.rules import is_operator_staff

router = Router(tags=["news"])

# News is what happened lately: the API lists its newest 1,000 items. Counting all of an
# organization's activity would visit every audit entry it ever had (hundreds of thousands);
# bounded, each count stops after 1,000 index entries.
NEWS_API_ITEMS = 1000


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
    description=f"The newest {NEWS_API_ITEMS:,} items; `count` is at most {NEWS_API_ITEMS:,}.",
)
def list_news(request, params: Query[ListParams]):
    user = request.auth
    limit = min(params.limit, MAX_LIMIT)
    # The newest `window` of each source cover the page.
    window = min(params.offset + limit, NEWS_API_ITEMS)
    activity = news_entries(user)
    notices = Notice.objects.all() if is_operator_staff(user) else Notice.objects.addressed_to(user)
    announcements = Announcement.objects.published()
    rows = [
        {"at": e.at, "type": "activity", "org_id": e.org_id, "title": "", "text": describe(e)}
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
    count = sum(qs[:NEWS_API_ITEMS].count() for qs in (activity, announcements, notices))
    return {"items": rows[params.offset : window], "count": min(count, NEWS_API_ITEMS)}
