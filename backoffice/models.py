"""Applications to register an organization, made on the public form and reviewed by staff."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registry.models import Address


class EntityType(models.TextChoices):
    CORPORATION = "corporation", _("Corporation")
    PARTNERSHIP = "partnership", _("Partnership")
    SOLE_PROPRIETORSHIP = "sole_proprietorship", _("Sole proprietorship")
    COOPERATIVE = "cooperative", _("Co-operative")
    MUNICIPALITY = "municipality", _("Municipality or public body")
    CROWN_CORPORATION = "crown_corporation", _("Crown corporation")
    OTHER = "other", pgettext_lazy("type of entity", "Other")


# The task kind of the staff review of an application (registered in `backoffice/task_kinds.py`).
APPLICATION_REVIEW = "organization_application"


class OrganizationApplication(Address):
    """A request, from anyone, to register an organization with the operator.

    Status: `pending` until operator staff decide; `approved` created `organization` with its
    contacts; `rejected` carries the reason the submitter was told.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting review")
        APPROVED = "approved", pgettext_lazy("application", "Approved")
        REJECTED = "rejected", pgettext_lazy("application", "Rejected")

    reference = models.CharField(max_length=12, unique=True)
    legal_name = models.CharField(max_length=200)
    business_number = models.CharField(max_length=9)
    entity_type = models.CharField(max_length=30, choices=EntityType.choices)
    submitter_first_name = models.CharField(max_length=100)
    submitter_last_name = models.CharField(max_length=100)
    submitter_email = models.EmailField(max_length=254)
    submitter_phone = models.CharField(max_length=20)
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    submitted_ip = models.GenericIPAddressField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    organization = models.OneToOneField(
        "registry.Organization",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["submitted_ip", "submitted_at"], name="application_ip_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.legal_name} (application {self.reference})"

    @property
    def submitter_name(self) -> str:
        return f"{self.submitter_first_name} {self.submitter_last_name}".strip()

    audit_type = "application"

    @property
    def audit_id(self) -> str:
        return self.reference

    @property
    def audit_label(self) -> str:
        return str(self)


class ApplicationContact(models.Model):
    """One of the mandatory contacts named in an application (one row per role)."""

    application = models.ForeignKey(
        OrganizationApplication, on_delete=models.CASCADE, related_name="contacts"
    )
    role_code = models.SlugField(max_length=60)
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    job_title = models.CharField(max_length=150, blank=True)
    email = models.EmailField(max_length=254)
    phone = models.CharField(max_length=20)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["application", "role_code"], name="application_contact_role_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} – {self.role_code}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def role_name(self) -> str:
        from registry.rules import Role

        return Role(self.role_code).label if self.role_code in Role.values else self.role_code
