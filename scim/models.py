"""SCIM tokens: a bearer secret an organization's identity provider uses on /scim/v2/. Only a
digest of each is kept (apitokens.models.digest)."""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_noop

from audit import labels

# How the audit log names these rows (audit/labels.py).
LABEL = labels.register("scim_token", gettext_noop("SCIM token “{name}” ({prefix}…)"))


class ScimTokenQuerySet(models.QuerySet):
    def live(self) -> "ScimTokenQuerySet":
        return self.filter(revoked_at__isnull=True)


class ScimToken(models.Model):
    """A token scoped to SCIM for one organization. It acts as the Primary Contact or Rights
    Administrator who issued it, with exactly their rights in that organization, and only while
    they still hold one of those roles there. It is accepted only by /scim/v2/, never by the JSON
    API (a table of its own, not an `apitokens.ApiToken` kind, so no API door can take it)."""

    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.CASCADE, related_name="scim_tokens"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="scim_tokens"
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognize it.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = ScimTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None

    audit_type = "scim_token"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(LABEL, name=self.name, prefix=self.prefix)


class ScimIdentity(models.Model):
    """What an organization's identity provider calls one of its members: the SCIM `userName`
    and `externalId` it chose when it provisioned them (RFC 7643 §4.1.1). Data of the SCIM
    client, not of the person: a member provisioned otherwise has none, and their `userName` is
    their business e-mail. Removed with the membership (deprovisioning)."""

    organization = models.ForeignKey(
        "registry.Organization", on_delete=models.CASCADE, related_name="scim_identities"
    )
    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="scim_identities"
    )
    user_name = models.CharField(max_length=254)
    external_id = models.CharField(max_length=254, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "person"], name="scim_identity_one_per_member"
            ),
            models.UniqueConstraint(
                "organization", Lower("user_name"), name="scim_identity_user_name_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_name} in {self.organization_id}"
