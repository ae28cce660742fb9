"""Personal API tokens and staff-issued service tokens. Only a digest of each token is kept."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_noop

from audit import labels

# How the audit log names these rows (audit/labels.py).
LABEL = labels.register("api_token", gettext_noop("API token “{name}” ({prefix}…)"))

_BINDING_SALT = "apitokens.bound-to-password"


def digest(raw: str) -> str:
    """Tokens are 256 random bits, so a plain SHA-256 is enough (no salt or stretching needed):
    it lets a request find its token with one indexed lookup."""
    return hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()


def password_binding(password_hash: str, secret: str | None = None) -> str:
    """What a personal token is bound to: a keyed digest of its account's password hash, as
    Django binds a session. A new password (changed, reset or set by anyone) unbinds every
    token made before it."""
    return salted_hmac(_BINDING_SALT, password_hash, secret=secret, algorithm="sha256").hexdigest()


def is_bound_to(binding: str, password_hash: str) -> bool:
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return bool(binding) and any(
        constant_time_compare(binding, password_binding(password_hash, key)) for key in keys
    )


class ApiTokenQuerySet(models.QuerySet):
    def live(self) -> "ApiTokenQuerySet":
        """Neither revoked nor expired."""
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A bearer token for the JSON API.

    - `personal`: acts as its `user`, with exactly that user's rights; the user creates, lists
      and revokes their own tokens on Manage My Information.
    - `service`: issued by operator staff to a downstream system (e.g. the Market Participant
      Interface checking who may use it); it has no user and is accepted only by operations
      that declare service authentication.
    """

    class Kind(models.TextChoices):
        PERSONAL = "personal", "personal"
        SERVICE = "service", "service"

    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERSONAL)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=12, help_text="The first characters, to recognize it.")
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    bound_to = models.CharField(
        max_length=64,
        blank=True,
        help_text="Personal tokens: the account's password binding when the token was made.",
    )
    two_factor_verified = models.BooleanField(
        default=False, help_text="Made in a session verified with the second factor."
    )

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind="service", user__isnull=True)
                | models.Q(kind="personal", user__isnull=False),
                name="api_token_kind_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def outlived_password(self) -> bool:
        """A personal token made before its account's current password works no more."""
        return self.user_id is not None and not is_bound_to(self.bound_to, self.user.password)

    @property
    def is_live(self) -> bool:
        if self.revoked_at is not None or self.outlived_password:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

    @property
    def status(self) -> str:
        if self.revoked_at is not None or self.outlived_password:
            return "revoked"
        if self.expires_at is not None and self.expires_at <= timezone.now():
            return "expired"
        return "active"

    audit_type = "api_token"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        return labels.english(LABEL, name=self.name, prefix=self.prefix)
