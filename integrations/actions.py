"""Webhooks' audit vocabulary (see audit/actions.py). {target} is the webhook's URL."""

from django.utils.translation import gettext_noop

from audit.actions import Action, register

register(
    Action(
        "webhook.created",
        done=gettext_noop("{actor} added the webhook {target} to {org}."),
        attempt=gettext_noop("add a webhook to {org}"),
        service="webhook.create",
    ),
    Action(
        "webhook.deleted",
        done=gettext_noop("{actor} deleted the webhook {target} of {org}."),
        attempt=gettext_noop("delete the webhook {target} of {org}"),
        service="webhook.delete",
    ),
    Action(
        "webhook.tested",
        done=gettext_noop("{actor} sent a test event to the webhook {target} of {org}."),
        attempt=gettext_noop("send a test event to the webhook {target} of {org}"),
        service="webhook.test",
    ),
    Action(
        "webhook.replayed",
        done=gettext_noop(
            "{actor} replayed {count} events after event {after} to the webhook {target} of {org}."
        ),
        attempt=gettext_noop("replay events to the webhook {target} of {org}"),
        service="webhook.replay",
    ),
    Action(
        "webhook.enabled",
        done=gettext_noop("{actor} enabled the webhook {target} of {org} again."),
        attempt=gettext_noop("enable the webhook {target} of {org}"),
        service="webhook.enable",
    ),
    Action(
        "webhook.disabled",
        done=gettext_noop(
            "The webhook {target} of {org} was disabled after {failures} failed deliveries in a "
            "row."
        ),
        attempt=gettext_noop("disable the webhook {target} of {org}"),
        service="webhook.disable",
    ),
)
