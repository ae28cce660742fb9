"""Uploaded documents. The file itself is kept encrypted (`documents.crypto`) in the storage
`STORAGES["documents"]` under `storage_name` (a random name: the person's file name is only
`original_name`, shown and offered on download). `content_type` is what the content is, as
detected, never what the name or the browser claimed."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_noop

from audit import labels
from documents import purposes, types
from registry.models import Organization

# How the audit log names these rows (audit/labels.py).
LABEL = labels.register("document", gettext_noop("document “{name}”"))


class Document(models.Model):
    """One uploaded file of an organization, for one purpose (`documents.purposes`)."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="documents"
    )
    purpose = models.CharField(max_length=60)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField("detected type", max_length=100)
    size = models.PositiveBigIntegerField("size in bytes")
    sha256 = models.CharField("SHA-256 of the content", max_length=64)
    storage_name = models.CharField(max_length=255, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-uploaded_at", "-id"]

    def __str__(self) -> str:
        return f"Document {self.pk}: {self.original_name}"

    @property
    def document_id(self) -> int:
        return self.pk

    @property
    def type_label(self) -> str:
        return types.label(self.content_type)

    @property
    def purpose_label(self) -> str:
        return purposes.label(self.purpose)

    audit_type = "document"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(LABEL, name=self.original_name)
