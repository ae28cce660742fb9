"""The operator's information systems as OpenID Connect clients, and the stable subject
identifier each account is known by in them."""

import secrets

from django.conf import settings
from django.db import models
from oauth2_provider.models import Application

from systems.models import InformationSystem


class SystemClient(models.Model):
    """An information system signs people in through the portal with this OAuth application.

    The catalogue entry (levels, grants) and the client are the same system: a person is let
    in only with access to it, and the tokens carry the level granted per organization.
    Every such client is first-party: consent is implicit (`skip_authorization`).
    """

    system = models.OneToOneField(
        InformationSystem, on_delete=models.CASCADE, related_name="oidc_client"
    )
    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="system_client"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "system's single sign-on client"

    def __str__(self) -> str:
        return f"{self.system} ({self.application.client_id})"

    audit_type = "oidc_client"

    @property
    def audit_id(self) -> str:
        return self.system.code

    @property
    def audit_label(self) -> str:
        return self.system.name


def new_subject() -> str:
    return secrets.token_urlsafe(24)


class Subject(models.Model):
    """The `sub` an account is known by in every relying party: random, so that it reveals
    nothing (not the account name, not the guessable Person ID) and never changes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_subject"
    )
    value = models.CharField(max_length=64, unique=True, default=new_subject)

    def __str__(self) -> str:
        return self.value


class UsedCode(models.Model):
    """An authorization code already exchanged, and what it bought: when it is presented
    again, the tokens of its first use are revoked (RFC 6749 section 4.1.2), since either the
    client or an attacker holding the code is replaying it. Only a digest of the code is kept."""

    code_digest = models.CharField(max_length=64, unique=True)
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    access_token_checksum = models.CharField(max_length=64)
    token_family = models.UUIDField(null=True)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"code used at {self.used_at:%Y-%m-%d %H:%M:%S}"
