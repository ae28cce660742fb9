"""Events of an organization (one per audited change) and its webhook subscriptions."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import pgettext_lazy


class Event(models.Model):
    """One change done in an organization, as its feed and webhooks tell it.

    Written with the audit entry it comes from (same transaction, under the organization's
    audit chain lock), so an organization's events are numbered in the order they committed:
    the feed's cursor is the last event's id, and survives anything but the database.
    `data` names objects by their public IDs and never carries a secret."""

    org_id = models.PositiveIntegerField()  # the public Organization ID
    type = models.CharField(max_length=80)
    at = models.DateTimeField()
    data = models.JSONField(default=dict)
    audit_entry_id = models.BigIntegerField(unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["org_id", "id"], name="event_org_feed")]

    def __str__(self) -> str:
        return f"{self.pk} {self.type}"


class Webhook(models.Model):
    """A subscription: the organization's events of the chosen types, POSTed to `url`,
    signed with `secret` (Standard Webhooks). Primary Contacts and Authorized Representatives
    manage them. A run of `WEBHOOKS_DISABLE_AFTER_FAILURES` failed attempts in a row disables
    it (its subscribers are told); enabling it again resumes where it stopped."""

    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.CASCADE, related_name="webhooks"
    )
    url = models.URLField("endpoint URL", max_length=500)
    events = models.JSONField(default=list)  # event types
    secret = models.CharField(max_length=100)  # whsec_<base64>, shown once
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    is_active = models.BooleanField(default=True)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=300, blank=True)
    # Failed attempts in a row, across its deliveries; a success resets it.
    failure_run = models.PositiveIntegerField(default=0)
    # The last event of the organization fanned out into deliveries (Event.id).
    cursor = models.BigIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.url

    audit_type = "webhook"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return self.url[:200]

    def wants(self, event_type: str) -> bool:
        return event_type in self.events


class Delivery(models.Model):
    """One message to one webhook: an event, or a test. Its `message_id` is the
    `webhook-id` header on every attempt, so a receiver sees a retry or a replay as the
    same message."""

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("state of a webhook delivery", "pending")
        DELIVERED = "delivered", pgettext_lazy("state of a webhook delivery", "delivered")
        FAILED = "failed", pgettext_lazy("state of a webhook delivery", "failed")

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.ForeignKey(Event, null=True, on_delete=models.CASCADE, related_name="+")
    event_type = models.CharField(max_length=80)
    message_id = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    # A worker sending it now: no other sends it before this passes.
    claimed_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["webhook", "event"],
                condition=models.Q(event__isnull=False),
                name="delivery_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return f"{self.message_id} {self.state}"
