"""Webhook subscriptions: add, delete, test, replay, enable, and the disabling of a failing one."""

import base64
import secrets
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from audit.log import actor_label, record
from core.errors import require
from core.forms import validated
from core.services import service
from integrations import dispatch, notifications
from integrations.access import require_webhook_manager
from integrations.forms import ReplayForm, WebhookForm
from integrations.models import Delivery, Event, Webhook
from registry.locks import lock_organization
from registry.models import Organization

# A replay sends at most this many events; replay again from the last one to go on.
REPLAY_LIMIT = 1000


def new_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def _host(url: str) -> str:
    """What the audit log keeps of a URL: scheme and host (a path or query may hold a token)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _lock(webhook: Webhook, actor) -> Webhook:
    lock_organization(webhook.organization, actor, what="its webhooks")
    return Webhook.objects.select_for_update().select_related("organization").get(pk=webhook.pk)


@service("webhook.create", org="org", target=None)
def create_webhook(org: Organization, *, data: dict, actor) -> tuple[Webhook, str]:
    """Subscribe a URL to some of the organization's event types. Returns the webhook and
    its signing secret, shown this once. It receives the events from now on."""
    org = lock_organization(org, actor, what="its webhooks")
    require_webhook_manager(actor, org)
    cleaned = validated(WebhookForm(data=data))
    raw = new_secret()
    latest = Event.objects.filter(org_id=org.org_id).order_by("-id").values_list("id", flat=True)
    webhook = Webhook.objects.create(
        organization=org,
        url=cleaned["url"],
        events=sorted(set(cleaned["events"])),
        secret=raw,
        created_by=actor,
        cursor=latest.first() or 0,
    )
    record(
        actor,
        "webhook.created",
        org=org,
        target=webhook,
        details={"host": _host(webhook.url), "events": webhook.events},
    )
    notifications.webhook_created(webhook, actor_label(actor))
    return webhook, raw


@service("webhook.delete", org="webhook.organization", target="webhook")
def delete_webhook(webhook: Webhook, *, actor) -> None:
    """Stop sending; its delivery log goes with it."""
    webhook = _lock(webhook, actor)
    require_webhook_manager(actor, webhook.organization)
    record(
        actor,
        "webhook.deleted",
        org=webhook.organization,
        target=webhook,
        details={"host": _host(webhook.url)},
    )
    webhook.delete()


@service("webhook.test", org="webhook.organization", target="webhook")
def send_test_event(webhook: Webhook, *, actor) -> Delivery:
    """Queue a `webhook.test` message to the webhook, signed like every other."""
    webhook = _lock(webhook, actor)
    require_webhook_manager(actor, webhook.organization)
    require(webhook.is_active, _("Enable the webhook before sending it a test event."))
    delivery = Delivery.objects.create(
        webhook=webhook, event_type=dispatch.TEST_EVENT, message_id=dispatch.new_message_id()
    )
    record(actor, "webhook.tested", org=webhook.organization, target=webhook)
    dispatch.enqueue([delivery.pk])
    return delivery


@service("webhook.replay", org="webhook.organization", target="webhook")
def replay_webhook(webhook: Webhook, *, data: dict, actor) -> int:
    """Send again the events after `after` that the webhook wants (at most REPLAY_LIMIT), each
    with the `webhook-id` it was first sent with. Returns how many."""
    webhook = _lock(webhook, actor)
    require_webhook_manager(actor, webhook.organization)
    require(webhook.is_active, _("Enable the webhook before replaying events to it."))
    after = validated(ReplayForm(data=data))["after"]
    events = [
        e
        for e in Event.objects.filter(
            org_id=webhook.organization.org_id, id__gt=after, id__lte=webhook.cursor
        )
        .order_by("id")
        .only("id", "type")[: REPLAY_LIMIT * 4]
        if webhook.wants(e.type)
    ][:REPLAY_LIMIT]
    wanted = {e.pk for e in events}
    existing = Delivery.objects.select_for_update().filter(webhook=webhook, event_id__in=wanted)
    have = {d.event_id: d.pk for d in existing.only("id", "event_id")}
    Delivery.objects.filter(pk__in=list(have.values())).update(
        state=Delivery.State.PENDING, next_attempt_at=None, claimed_until=None
    )
    made = Delivery.objects.bulk_create(
        Delivery(webhook=webhook, event=e, event_type=e.type, message_id=dispatch.new_message_id())
        for e in events
        if e.pk not in have
    )
    record(
        actor,
        "webhook.replayed",
        org=webhook.organization,
        target=webhook,
        details={"after": after, "count": len(events)},
    )
    dispatch.enqueue(sorted([*have.values(), *(d.pk for d in made)]))
    return len(events)


@service("webhook.enable", org="webhook.organization", target="webhook")
def enable_webhook(webhook: Webhook, *, actor) -> Webhook:
    """Resume a disabled webhook: what waited while it was disabled is sent, in order."""
    webhook = _lock(webhook, actor)
    require_webhook_manager(actor, webhook.organization)
    if webhook.is_active:
        return webhook
    webhook.is_active, webhook.failure_run = True, 0
    webhook.disabled_at, webhook.disabled_reason = None, ""
    webhook.save(update_fields=["is_active", "failure_run", "disabled_at", "disabled_reason"])
    record(actor, "webhook.enabled", org=webhook.organization, target=webhook)
    pending = webhook.deliveries.filter(state=Delivery.State.PENDING).order_by("id")
    dispatch.enqueue(list(pending.values_list("pk", flat=True)))
    dispatch.fan_out_after_commit(webhook.organization.org_id)
    return webhook


@service("webhook.disable", org="webhook.organization", target="webhook")
def disable_failing_webhook(webhook: Webhook, *, failures: int, actor=None) -> Webhook:
    """The portal stops calling an endpoint that failed `failures` times in a row and tells
    the organization's Primary Contacts and Authorized Representatives."""
    from django.utils import timezone

    webhook = Webhook.objects.select_for_update().select_related("organization").get(pk=webhook.pk)
    if not webhook.is_active:
        return webhook
    webhook.is_active, webhook.disabled_at = False, timezone.now()
    webhook.disabled_reason = f"Disabled after {failures} failed deliveries in a row."
    webhook.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    record(
        None,
        "webhook.disabled",
        org=webhook.organization,
        target=webhook,
        details={"failures": failures},
    )
    notifications.webhook_disabled(webhook, failures)
    return webhook
