"""Deliveries: the organization's new events fanned out to its webhooks, and each message
sent, signed (Standard Webhooks), through the outbox and worker (django-tasks), with retries.

- Fan-out (`fan_out`) runs after the change commits: for each active webhook of the
  organization, under the webhook's row lock, the events after its `cursor` of the types it
  wants become `Delivery` rows (one per event and webhook: a unique constraint), and the
  cursor moves on. Events of one organization commit in id order (events.py), so nothing is
  skipped; a fan-out lost with its process is caught up by the next one, `enable_webhook` or
  `manage.py sweep_webhooks`.
- Each delivery is one `deliver_webhook` task (the outbox row is written with the delivery).
  An attempt claims the delivery, POSTs it with no transaction open, then records the answer.
  Every attempt carries the delivery's `message_id` as `webhook-id`: a receiver that keeps the
  ids it processed sees every event exactly once, retries and replays included.
- A failed attempt is retried with exponential backoff (`core.mail.backoff`) up to
  `WEBHOOKS_MAX_ATTEMPTS`; `WEBHOOKS_DISABLE_AFTER_FAILURES` failed attempts in a row disable
  the webhook and e-mail its organization's Primary Contacts and Authorized Representatives.
  Pending deliveries of a disabled webhook wait; enabling it sends them.
"""

import json
import logging
import secrets
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import default_task_backend, task
from standardwebhooks.webhooks import Webhook as Signer

from integrations import network
from integrations.models import Delivery, Event, Webhook

logger = logging.getLogger(__name__)

FAN_OUT_BATCH = 500
TEST_EVENT = "webhook.test"


def _retries_possible() -> bool:
    return bool(getattr(default_task_backend, "supports_defer", False))


def new_message_id() -> str:
    return "msg_" + secrets.token_urlsafe(18)


def enqueue(delivery_ids: list[int], *, at: datetime | None = None) -> None:
    """Queue one task per delivery with the current transaction (database backend: the outbox
    row commits with the delivery); in-request backends run them after commit."""
    if not delivery_ids:
        return
    if _retries_possible():
        task_ = deliver_webhook.using(run_after=at) if at is not None else deliver_webhook
        for pk in delivery_ids:
            task_.enqueue(pk)
    else:
        ids = list(delivery_ids)
        transaction.on_commit(lambda: [deliver_webhook.enqueue(pk) for pk in ids])


def fan_out_after_commit(org_id: int) -> None:
    transaction.on_commit(lambda: fan_out(org_id))


def fan_out(org_id: int) -> int:
    """Deliveries for the organization's events not yet fanned out; how many were made."""
    made = 0
    ids = list(
        Webhook.objects.filter(organization__org_id=org_id, is_active=True).values_list(
            "pk", flat=True
        )
    )
    for pk in ids:
        made += fan_out_webhook(pk)
    return made


def fan_out_webhook(webhook_pk: int) -> int:
    made = 0
    while True:
        with transaction.atomic():
            webhook = (
                Webhook.objects.select_for_update()
                .select_related("organization")
                .filter(pk=webhook_pk, is_active=True)
                .first()
            )
            if webhook is None:
                return made
            events = list(
                Event.objects.filter(
                    org_id=webhook.organization.org_id, id__gt=webhook.cursor
                ).order_by("id")[:FAN_OUT_BATCH]
            )
            if not events:
                return made
            new = Delivery.objects.bulk_create(
                Delivery(webhook=webhook, event=e, event_type=e.type, message_id=new_message_id())
                for e in events
                if webhook.wants(e.type)
            )
            webhook.cursor = events[-1].pk
            webhook.save(update_fields=["cursor"])
            enqueue([d.pk for d in new])
            made += len(new)
        if len(events) < FAN_OUT_BATCH:
            return made


# --- The message ----------------------------------------------------------------------------


def payload(delivery: Delivery) -> dict:
    """The body: Standard Webhooks' `type`, `timestamp` and `data` (the feed item's data and
    its `event_id`, the feed's cursor)."""
    event = delivery.event
    if event is None:
        org = delivery.webhook.organization
        return {
            "type": TEST_EVENT,
            "timestamp": delivery.created_at.isoformat(),
            "data": {
                "event_id": None,
                "organization": {"org_id": org.org_id, "legal_name": org.legal_name},
                "webhook_id": delivery.webhook_id,
                "message": "A test event sent from the portal.",
            },
        }
    return {
        "type": event.type,
        "timestamp": event.at.isoformat(),
        "data": {"event_id": event.pk, **event.data},
    }


def signed(delivery: Delivery, now: datetime) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload(delivery), separators=(",", ":"), sort_keys=True)
    stamp = now.astimezone(UTC)
    signature = Signer(delivery.webhook.secret).sign(delivery.message_id, stamp, body)
    headers = {
        "webhook-id": delivery.message_id,
        "webhook-timestamp": str(int(stamp.timestamp())),
        "webhook-signature": signature,
    }
    return body.encode(), headers


# --- Attempts -------------------------------------------------------------------------------


def _claim(delivery_id: int) -> Delivery | None:
    """The delivery, if it is to be sent now, claimed so that no other worker sends it too."""
    now = timezone.now()
    hold = timedelta(
        seconds=2 * (settings.WEBHOOKS_CONNECT_TIMEOUT + settings.WEBHOOKS_READ_TIMEOUT)
    )
    with transaction.atomic():
        delivery = (
            Delivery.objects.select_for_update(of=("self",))
            .select_related("webhook__organization", "event")
            .filter(pk=delivery_id)
            .first()
        )
        if delivery is None or delivery.state != Delivery.State.PENDING:
            return None
        if not delivery.webhook.is_active:
            return None  # waits: enabling the webhook queues it again
        if delivery.claimed_until is not None and delivery.claimed_until > now:
            return None
        delivery.claimed_until = now + hold
        delivery.save(update_fields=["claimed_until"])
    return delivery


@task()
def deliver_webhook(delivery_id: int) -> dict:
    """One attempt at one delivery."""
    delivery = _claim(delivery_id)
    if delivery is None:
        return {"skipped": delivery_id}
    body, headers = signed(delivery, timezone.now())
    answer = network.post(delivery.webhook.url, body, headers)
    return _record(delivery.pk, answer)


def _record(delivery_id: int, answer: network.Response) -> dict:
    from integrations import services  # the disabling is a service's audited change

    now = timezone.now()
    with transaction.atomic():
        delivery = Delivery.objects.select_related("webhook").get(pk=delivery_id)
        webhook = Webhook.objects.select_for_update().get(pk=delivery.webhook_id)  # first
        delivery = Delivery.objects.select_for_update().get(pk=delivery_id)
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.last_status_code = answer.status
        delivery.last_error = answer.error[:200]
        delivery.claimed_until = None
        fields = ["attempts", "last_attempt_at", "last_status_code", "last_error", "claimed_until"]
        if answer.ok:
            delivery.state, delivery.delivered_at, delivery.next_attempt_at = (
                Delivery.State.DELIVERED,
                now,
                None,
            )
            delivery.save(update_fields=[*fields, "state", "delivered_at", "next_attempt_at"])
            if webhook.failure_run:
                Webhook.objects.filter(pk=webhook.pk).update(failure_run=0)
            return {"delivered": delivery.message_id, "status": answer.status}
        Webhook.objects.filter(pk=webhook.pk).update(failure_run=F("failure_run") + 1)
        run = webhook.failure_run + 1
        if run >= settings.WEBHOOKS_DISABLE_AFTER_FAILURES:
            delivery.save(update_fields=fields)
            services.disable_failing_webhook(webhook, failures=run)
            return {"disabled": webhook.pk, "status": answer.status}
        if delivery.attempts >= settings.WEBHOOKS_MAX_ATTEMPTS or not _retries_possible():
            delivery.state = Delivery.State.FAILED
            delivery.next_attempt_at = None
            delivery.save(update_fields=[*fields, "state", "next_attempt_at"])
            logger.warning("Webhook delivery %s failed: %s", delivery.message_id, answer.error)
            return {"failed": delivery.message_id, "status": answer.status}
        from core.mail import backoff

        delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(update_fields=[*fields, "next_attempt_at"])
        enqueue([delivery.pk], at=delivery.next_attempt_at)
        return {"retrying": delivery.message_id, "status": answer.status}
