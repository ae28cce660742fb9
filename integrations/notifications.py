"""Who is told about webhook changes, and in what words. Sent after commit."""

from django.utils.translation import gettext_lazy as _

from core.mail import send_after_commit
from core.text import sentence
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
    return sentence(_("{url} (webhook {number})"), url=webhook.url, number=webhook.pk)


def webhook_created(webhook: Webhook, actor_name: str) -> None:
    org = webhook.organization
    send_after_commit(
        _managers(org),
        sentence(_("A webhook now receives the events of {org}"), org=org.legal_name),
        sentence(
            _(
                "{actor} added a webhook to {org} (Organization ID {org_id}): {where} receives "
                "{count} event type(s). If nobody in your organization set this up, delete it "
                "from the organization's Webhooks page and contact Customer Relations."
            ),
            actor=actor_name,
            org=org.legal_name,
            org_id=org.org_id,
            where=_where(webhook),
            count=len(webhook.events),
        ),
    )


def webhook_disabled(webhook: Webhook, failures: int) -> None:
    org = webhook.organization
    send_after_commit(
        _managers(org),
        sentence(
            _("A webhook of {org} was disabled after {failures} failed deliveries"),
            org=org.legal_name,
            failures=failures,
        ),
        sentence(
            _(
                "The webhook {where} of {org} (Organization ID {org_id}) failed {failures} times "
                "in a row and no longer receives events. Events keep being recorded: once the "
                "endpoint works again, enable the webhook on the organization's Webhooks page "
                "and every waiting event is sent."
            ),
            where=_where(webhook),
            org=org.legal_name,
            org_id=org.org_id,
            failures=failures,
        ),
    )
