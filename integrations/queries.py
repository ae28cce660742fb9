"""The reads that the feed and the webhook pages need, each in a fixed number of queries."""

from django.db.models import QuerySet

from integrations.models import Delivery, Event, Webhook
from registry.models import Organization

FEED_LIMIT = 100
FEED_MAX = 500


def events_after(org: Organization, after: int, limit: int = FEED_LIMIT) -> list[Event]:
    """The organization's events after the cursor, oldest first (one query, on the index
    (org_id, id))."""
    limit = max(1, min(limit, FEED_MAX))
    return list(Event.objects.filter(org_id=org.org_id, id__gt=after).order_by("id")[:limit])


def latest_events(org: Organization, limit: int = 20) -> list[Event]:
    return list(Event.objects.filter(org_id=org.org_id).order_by("-id")[:limit])


def webhooks_of(org: Organization) -> QuerySet[Webhook]:
    return Webhook.objects.filter(organization=org).order_by("created_at", "id")


def deliveries_of(webhook: Webhook) -> QuerySet[Delivery]:
    """The delivery log, newest first."""
    return Delivery.objects.filter(webhook=webhook).order_by("-id")
