"""Fetch-and-authorize: another organization's webhook is 404, like a missing one."""

from core.access import one_of
from core.errors import require
from integrations.models import Webhook
from integrations.rules import (
    can_manage_webhooks,
    can_read_events,
    events_refusal_sentence,
    webhooks_refusal_sentence,
)
from registry.models import Organization


def require_event_reader(user, org: Organization) -> None:
    require(can_read_events(user, org), events_refusal_sentence(org))


def require_webhook_manager(user, org: Organization) -> None:
    require(can_manage_webhooks(user, org), webhooks_refusal_sentence(org))


def get_webhook_for(user, org: Organization, webhook_id) -> Webhook:
    """One of the organization's webhooks, for those who manage them (403 for other members)."""
    require_webhook_manager(user, org)
    return one_of(org, Webhook.objects, webhook_id, "webhook")
