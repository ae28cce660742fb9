"""An organization's banking information, and changes waiting for approval.

The institution, transit and account numbers are stored only encrypted (`banking.crypto`);
what is shown anywhere is the masked account (`****4567`, kept as `account_last4`).
An Invoicing and Banking Contact submits a `BankingChange`; it is applied only when another
person of the organization's banking group (Authorized Representatives, Invoicing and
Banking Contacts, Primary Contacts) approves its task, and exactly as submitted. Each change
carries its supporting document (a void cheque or a letter from the bank).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop, pgettext_lazy

from audit import labels
from registry.models import Organization

# How the audit log names these rows (audit/labels.py).
LABEL = labels.register("banking_change", gettext_noop("{bank}, account {account}"))


class Currency(models.TextChoices):
    CAD = "CAD", _("Canadian dollar (CAD)")
    USD = "USD", _("US dollar (USD)")


class BankingInformation(models.Model):
    """The banking information in force for one organization."""

    organization = models.OneToOneField(
        Organization, on_delete=models.CASCADE, related_name="banking"
    )
    bank_name = models.CharField(max_length=100)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.CAD)
    numbers = models.BinaryField("encrypted institution, transit and account numbers")
    account_last4 = models.CharField(max_length=4)
    # The change that put this version in force (None for data loaded by the operator).
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.organization.legal_name}: {self.bank_name} {self.masked_account}"

    @property
    def masked_account(self) -> str:
        return f"****{self.account_last4}"


class BankingChange(models.Model):
    """New banking information submitted for approval. States: `pending` → `approved` or
    `rejected`, or `superseded` by a later submission before anyone decided."""

    class State(models.TextChoices):
        PENDING = "pending", pgettext_lazy("banking change", "Pending approval")
        APPROVED = "approved", pgettext_lazy("banking change", "Approved")
        REJECTED = "rejected", pgettext_lazy("banking change", "Rejected")
        SUPERSEDED = "superseded", pgettext_lazy("banking change", "Superseded")

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="banking_changes"
    )
    version = models.PositiveIntegerField()
    bank_name = models.CharField(max_length=100)
    currency = models.CharField(max_length=3, choices=Currency.choices, default=Currency.CAD)
    numbers = models.BinaryField("encrypted institution, transit and account numbers")
    account_last4 = models.CharField(max_length=4)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The void cheque or bank letter that supports it (documents.Document, purpose
    # "banking_change"): approvers open it before deciding. None only for changes submitted
    # before documents were required.
    document = models.OneToOneField(
        "documents.Document", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "version"], name="banking_change_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Banking change {self.version} of {self.organization_id} ({self.state})"

    @property
    def masked_account(self) -> str:
        return f"****{self.account_last4}"

    audit_type = "banking_change"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(LABEL, bank=self.bank_name, account=self.masked_account)
