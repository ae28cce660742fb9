"""Webhooks' audit vocabulary (see audit/actions.py). {target} is the webhook's URL."""

from audit.actions import Action, register

register(
    Action(
        "webhook.created",
        done="{actor} added the webhook {target} to {org}.",
        attempt="add a webhook to {org}",
        service="webhook.create",
    ),
    Action(
        "webhook.deleted",
        done="{actor} deleted the webhook {target} of {org}.",
        attempt="delete the webhook {target} of {org}",
        service="webhook.delete",
    ),
    Action(
        "webhook.tested",
        done="{actor} sent a test event to the webhook {target} of {org}.",
        attempt="send a test event to the webhook {target} of {org}",
        service="webhook.test",
    ),
    Action(
        "webhook.replayed",
        done="{actor} replayed {count} events after event {after} to the webhook {target} of "
        "{org}.",
        attempt="replay events to the webhook {target} of {org}",
        service="webhook.replay",
    ),
    Action(
        "webhook.enabled",
        done="{actor} enabled the webhook {target} of {org} again.",
        attempt="enable the webhook {target} of {org}",
        service="webhook.enable",
    ),
    Action(
        "webhook.disabled",
        done="The webhook {target} of {org} was disabled after {failures} failed deliveries in a "
        "row.",
        attempt="disable the webhook {target} of {org}",
        service="webhook.disable",
    ),
)
