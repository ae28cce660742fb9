"""Certification: once a year (or when the operator asks) each organization's Authorized
Representatives certify that what the registry holds of it is true: every contact by role,
every section, every member and every access grant and machine account.

A campaign (operator staff) opens one Certification per organization in scope, with a task for
its Authorized Representatives. What is certified is the organization's list as it is *now*
(`certification.entries`), not a copy: an entry corrected or removed through the registry's own
pages simply changes or leaves the list. A confirmation (`Confirmation`) holds for an entry as
long as the entry reads as it did when confirmed (its fingerprint). The attestation records
who, when and a SHA-256 digest of the list certified (`snapshot`), also written into the audit
chain; past the deadline, what is undecided is escalated to operator staff (nothing deleted).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_noop, pgettext_lazy

from audit import labels
from registry.models import Organization
from systems.models import Campaign

# How the audit log names these rows (audit/labels.py).
LABEL = labels.register("certification", gettext_noop("certification {number} ({campaign})"))


class CertificationCampaign(Campaign):
    """Operator staff ask every organization in scope (all, or the ones listed) to certify
    its registration by `deadline`. `open` until each certification is attested."""

    deadline = models.DateField(help_text="The last day on which organizations can attest.")

    class Meta(Campaign.Meta):
        constraints = [
            models.UniqueConstraint(
                Lower("name"), condition=Q(state="open"), name="certification_campaign_open_name"
            ),
        ]

    audit_type = "certification_campaign"


class Certification(models.Model):
    """One organization's certification in a campaign, decided through one task."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("certification", "Open")
        ESCALATED = "escalated", pgettext_lazy("certification", "Escalated to operator staff")
        ATTESTED = "attested", pgettext_lazy("certification", "Attested")

    campaign = models.ForeignKey(
        CertificationCampaign, on_delete=models.PROTECT, related_name="certifications"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="certifications"
    )
    task = models.ForeignKey(
        "tasks.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    deadline = models.DateField()
    # The list as it stood when the certification opened: what has left it since is shown as
    # removed. The attested list is `snapshot`, with its SHA-256 `digest`.
    opening = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    attested_at = models.DateTimeField(null=True, blank=True)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attested_by_label = models.CharField(max_length=200, blank=True)
    snapshot = models.JSONField(default=list, blank=True)
    digest = models.CharField("SHA-256 of the certified list", max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organization"], name="one_certification_per_campaign"
            ),
        ]

    def __str__(self) -> str:
        return f"Certification of {self.organization.legal_name} ({self.campaign.name})"

    @property
    def is_undecided(self) -> bool:
        return self.state in (self.State.OPEN, self.State.ESCALATED)

    audit_type = "certification"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(LABEL, number=self.pk, campaign=self.campaign.name)


class Confirmation(models.Model):
    """An entry of the list confirmed as true. It holds while the entry's fingerprint is the
    one confirmed: a changed e-mail, level or set of roles needs confirming again."""

    certification = models.ForeignKey(
        Certification, on_delete=models.CASCADE, related_name="confirmations"
    )
    key = models.CharField(max_length=120)
    fingerprint = models.CharField(max_length=64)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by_label = models.CharField(max_length=200, blank=True)
    confirmed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["certification", "key"], name="one_confirmation_per_entry"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} confirmed"
