"""The event feed and webhook subscriptions over the API: the same access and services as the
pages."""

from datetime import datetime
from typing import Literal

from ninja import Field, Query, Router, Status

from audit.actions import event_types
from core.api import In, ListParams, Page, Schema, page, responses
from integrations import queries, services
from integrations.access import get_webhook_for, require_event_reader, require_webhook_manager
from integrations.models import Delivery, Event, Webhook
from registry.access import get_organization_for

router = Router(tags=["integrations"])

# Every event type the action registry names (audit/actions.py), as the schema's enum.
EventType = Literal[tuple(event_types())]  # type: ignore[valid-type]
CURSOR = r"^[0-9]{1,18}$"


class EventOut(Schema):
    id: str = Field(description="The event's cursor: pass it as `after` to read what follows.")
    type: str = Field(description="The action registry's event type, e.g. contact.added.")
    at: datetime
    data: dict = Field(
        description="organization {org_id, legal_name}, actor {person_id, name} or null, "
        "target {type, id, label} or null, details (never a secret)."
    )


class FeedOut(Schema):
    items: list[EventOut]
    next: str = Field(description="The cursor to pass as `after` next time (kept across restarts).")


class FeedParams(Schema):
    after: str = Field(
        "0", pattern=CURSOR, description="The last event ID you have read; 0 for all."
    )
    limit: int = Field(queries.FEED_LIMIT, ge=1, le=queries.FEED_MAX)


def _event(event: Event) -> dict:
    return {"id": str(event.pk), "type": event.type, "at": event.at, "data": event.data}


@router.get(
    "/organizations/{org_id}/events",
    response=responses(200, FeedOut, 403, 404),
    operation_id="list_events",
    summary="The organization's events after a cursor, oldest first (PC, AR, RA)",
)
def list_events(request, org_id: int, params: Query[FeedParams]):
    org = get_organization_for(request.auth, org_id)
    require_event_reader(request.auth, org)
    events = queries.events_after(org, int(params.after), params.limit)
    return {
        "items": [_event(e) for e in events],
        "next": str(events[-1].pk) if events else params.after,
    }


class WebhookIn(In):
    url: str = Field(
        ...,
        min_length=1,
        max_length=500,
        description="https:// (http:// only to loopback in development); its host must not "
        "resolve to a private, loopback, link-local or reserved address.",
    )
    events: list[EventType] = Field(..., min_length=1, max_length=500)  # type: ignore[valid-type]


class WebhookOut(Schema):
    webhook_id: int
    url: str
    events: list[str]
    active: bool
    disabled_reason: str
    failure_run: int = Field(description="Failed attempts in a row.")
    created_at: datetime


class NewWebhookOut(WebhookOut):
    secret: str = Field(description="The signing secret (whsec_...). It is shown only this once.")


class DeliveryOut(Schema):
    delivery_id: int
    message_id: str = Field(description="The webhook-id header of every attempt.")
    event_id: str | None
    event_type: str
    state: str = Field(description="pending, delivered or failed")
    attempts: int
    last_status_code: int | None
    last_error: str
    created_at: datetime
    last_attempt_at: datetime | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None


class TestOut(Schema):
    delivery_id: int
    message_id: str


class ReplayIn(In):
    after: str = Field(..., pattern=CURSOR, description="Replay the events after this one.")


class ReplayOut(Schema):
    queued: int = Field(description=f"Events queued again (at most {services.REPLAY_LIMIT}).")


def _webhook(webhook: Webhook) -> dict:
    return {
        "webhook_id": webhook.pk,
        "url": webhook.url,
        "events": webhook.events,
        "active": webhook.is_active,
        "disabled_reason": webhook.disabled_reason,
        "failure_run": webhook.failure_run,
        "created_at": webhook.created_at,
    }


def _delivery(delivery: Delivery) -> dict:
    return {
        "delivery_id": delivery.pk,
        "message_id": delivery.message_id,
        "event_id": str(delivery.event_id) if delivery.event_id else None,
        "event_type": delivery.event_type,
        "state": delivery.state,
        "attempts": delivery.attempts,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "created_at": delivery.created_at,
        "last_attempt_at": delivery.last_attempt_at,
        "next_attempt_at": delivery.next_attempt_at,
        "delivered_at": delivery.delivered_at,
    }


def _webhook_of(request, org_id: int, webhook_id: int) -> Webhook:
    return get_webhook_for(request.auth, get_organization_for(request.auth, org_id), webhook_id)


@router.get(
    "/organizations/{org_id}/webhooks",
    response=responses(200, Page[WebhookOut], 403, 404),
    operation_id="list_webhooks",
    summary="The organization's webhooks, never their secrets (PC, AR)",
)
def list_webhooks(request, org_id: int, params: Query[ListParams]):
    org = get_organization_for(request.auth, org_id)
    require_webhook_manager(request.auth, org)
    result = page(queries.webhooks_of(org), params)
    return {**result, "items": [_webhook(w) for w in result["items"]]}


@router.post(
    "/organizations/{org_id}/webhooks",
    response=responses(201, NewWebhookOut, 403, 404, 409),
    operation_id="create_webhook",
    summary="Subscribe a URL to event types; the answer holds its secret, shown only once",
)
def create_webhook(request, org_id: int, payload: WebhookIn):
    org = get_organization_for(request.auth, org_id)
    webhook, secret = services.create_webhook(org, data=payload.model_dump(), actor=request.auth)
    return Status(201, {**_webhook(webhook), "secret": secret})


@router.get(
    "/organizations/{org_id}/webhooks/{webhook_id}",
    response=responses(200, WebhookOut, 403, 404),
    operation_id="get_webhook",
    summary="One webhook of the organization (PC, AR)",
)
def get_webhook(request, org_id: int, webhook_id: int):
    return _webhook(_webhook_of(request, org_id, webhook_id))


@router.delete(
    "/organizations/{org_id}/webhooks/{webhook_id}",
    response=responses(204, None, 403, 404, 409),
    operation_id="delete_webhook",
    summary="Delete a webhook and its delivery log (PC, AR)",
)
def delete_webhook(request, org_id: int, webhook_id: int):
    services.delete_webhook(_webhook_of(request, org_id, webhook_id), actor=request.auth)
    return Status(204, None)


@router.get(
    "/organizations/{org_id}/webhooks/{webhook_id}/deliveries",
    response=responses(200, Page[DeliveryOut], 403, 404),
    operation_id="list_webhook_deliveries",
    summary="A webhook's delivery log, newest first (PC, AR)",
)
def list_webhook_deliveries(request, org_id: int, webhook_id: int, params: Query[ListParams]):
    result = page(queries.deliveries_of(_webhook_of(request, org_id, webhook_id)), params)
    return {**result, "items": [_delivery(d) for d in result["items"]]}


@router.post(
    "/organizations/{org_id}/webhooks/{webhook_id}/test",
    response=responses(202, TestOut, 403, 404, 409),
    operation_id="send_test_event",
    summary="Send a signed webhook.test message to the webhook (PC, AR)",
)
def send_test_event(request, org_id: int, webhook_id: int):
    delivery = services.send_test_event(
        _webhook_of(request, org_id, webhook_id), actor=request.auth
    )
    return Status(202, {"delivery_id": delivery.pk, "message_id": delivery.message_id})


@router.post(
    "/organizations/{org_id}/webhooks/{webhook_id}/replay",
    response=responses(202, ReplayOut, 403, 404, 409),
    operation_id="replay_webhook",
    summary="Send again the events after a cursor, with their first webhook-id (PC, AR)",
)
def replay_webhook(request, org_id: int, webhook_id: int, payload: ReplayIn):
    queued = services.replay_webhook(
        _webhook_of(request, org_id, webhook_id),
        data={"after": int(payload.after)},
        actor=request.auth,
    )
    return Status(202, {"queued": queued})


@router.post(
    "/organizations/{org_id}/webhooks/{webhook_id}/enable",
    response=responses(200, WebhookOut, 403, 404, 409),
    operation_id="enable_webhook",
    summary="Enable a disabled webhook: what waited is sent (PC, AR)",
)
def enable_webhook(request, org_id: int, webhook_id: int):
    webhook = services.enable_webhook(_webhook_of(request, org_id, webhook_id), actor=request.auth)
    return _webhook(webhook)
