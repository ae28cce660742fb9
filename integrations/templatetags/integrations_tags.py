from django import template

from integrations.rules import can_manage_webhooks, can_read_events

register = template.Library()


@register.simple_tag
def can_use_integrations(user, org) -> bool:
    """Offer Webhooks and events to those who may read the events or manage webhooks."""
    return can_read_events(user, org) or can_manage_webhooks(user, org)
