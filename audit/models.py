import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.utils import timezone

from audit.keys import audit_key


def _canonical(entry) -> str:
    content = {
        "at": entry.at.isoformat(),
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "org_id": entry.org_id,
        "org_label": entry.org_label,
        "action": entry.action,
        "outcome": entry.outcome,
        "target": [entry.target_type, entry.target_id, entry.target_label],
        "details": entry.details,
        "ip": entry.ip,
        "request_id": entry.request_id,
        "chain": entry.chain,
    }
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)


def sha256_entry(entry) -> str:
    """The unkeyed hash chains were first written with (migration 0004 re-keys them)."""
    return hashlib.sha256((entry.prev_hash + _canonical(entry)).encode()).hexdigest()


def hash_entry(entry, key: bytes | None = None) -> str:
    """HMAC-SHA256, keyed with `audit_key()`, over the previous hash and every recorded field
    in a canonical form. Takes any object with AuditEntry's attributes (migrations pass
    historical rows)."""
    message = (entry.prev_hash + _canonical(entry)).encode()
    return hmac.new(key or audit_key(), message, hashlib.sha256).hexdigest()


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("Audit entries are append-only.")

    def delete(self):
        raise TypeError("Audit entries are append-only.")


class AuditEntry(models.Model):
    """One thing that happened, or was refused: who, what, to what, when, from where.

    Append-only: rows are never updated or deleted. Organization and target are kept as plain
    identifiers and labels so that the record survives whatever happens to the objects.
    """

    class Outcome(models.TextChoices):
        DONE = "done", "done"
        REFUSED = "refused", "refused"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        # The row is never touched again (database triggers refuse it), whatever happens
        # to the account; actor_label keeps the name.
        on_delete=models.DO_NOTHING,
        related_name="+",
        db_constraint=False,
    )
    actor_label = models.CharField(max_length=200, blank=True)
    org_id = models.PositiveIntegerField(null=True, blank=True)
    org_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=80)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.DONE)
    target_type = models.CharField(max_length=40, blank=True)
    target_id = models.CharField(max_length=40, blank=True)
    target_label = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=32, blank=True)
    # Tamper evidence: each row carries the hash of the previous row of its chain (one chain
    # per organization, per actor for entries without one), and its own hash over its content.
    chain = models.CharField(max_length=40, default="", blank=True)
    prev_hash = models.CharField(max_length=64, default="", blank=True)
    row_hash = models.CharField(max_length=64, default="", blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["org_id", "-at", "-id"], name="audit_org_recent"),
            models.Index(fields=["target_type", "target_id"], name="audit_target"),
        ]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.outcome}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are append-only.")

    def compute_hash(self) -> str:
        return hash_entry(self)


class AuditChainHead(models.Model):
    """The latest hash of one audit chain. Its row is locked while an entry is appended, so
    entries of one chain are linked in order even under concurrent writers."""

    chain = models.CharField(max_length=40, primary_key=True)
    last_hash = models.CharField(max_length=64, default="")
    last_entry_id = models.BigIntegerField(null=True)
    # How many entries the chain holds, counted as they are appended under the head's lock: an
    # organization's audit list states its size without counting its rows (issue 21).
    entries = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.chain}: {self.last_hash[:12]}"
