"""Who is told about webhook changes, and in what words. Sent after commit."""

from core.mail import send_after_commit
from integrations.models import Webhook
from integrations.rules import WEBHOOK_MANAGERS
from registry.models import Organization, Person


def _managers(org: Organization) -> list[str]:
    return list(
        Person.objects.filter(
            memberships__organization=org,
            memberships__roles__role_type__code__in=[str(r) for r in WEBHOOK_MANAGERS],
        )
        .values_list("email", flat=True)
        .distinct()
    )


def _where(webhook: Webhook) -> str:
    return f"{webhook.url} (webhook {webhook.pk})"


def webhook_created(webhook: Webhook, actor_name: str) -> None:
    org = webhook.organization
    send_after_commit(
        _managers(org),
        f"A webhook now receives the events of {org.legal_name}",
        f"{actor_name} added a webhook to {org.legal_name} (Organization ID {org.org_id}): "
        f"{_where(webhook)} receives {len(webhook.events)} event type(s). If nobody in your "
        f"organization set this up, delete it from the organization's Webhooks page and "
        f"contact Customer Relations.",
    )


def webhook_disabled(webhook: Webhook, failures: int) -> None:
    org = webhook.organization
    send_after_commit(
        _managers(org),
        f"A webhook of {org.legal_name} was disabled after {failures} failed deliveries",
        f"The webhook {_where(webhook)} of {org.legal_name} (Organization ID {org.org_id}) "
        f"failed {failures} times in a row and no longer receives events. Events keep being "
        f"recorded: once the endpoint works again, enable the webhook on the organization's "
        f"Webhooks page and every waiting event is sent.",
    )
