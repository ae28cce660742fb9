"""Accounts: who signs in, their secret questions, and the one-time links they are e-mailed.

One-time links (password reset, invitation) are stored only as a SHA-256 digest of the token:
the token itself exists in the e-mail and nowhere else.
"""

import hashlib
import unicodedata

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from accounts.usernames import normalize_username


def normalize_password(raw: str | None) -> str | None:
    """Passwords are compared in Unicode NFKC, so "Café" typed as NFC or NFD is one password
    (NIST SP 800-63B 5.1.1.2). Nothing else is changed: spaces and case count."""
    if raw is None:
        return None
    return unicodedata.normalize("NFKC", raw)


class CaseInsensitiveUserManager(UserManager):
    """Account names are compared folded (`normalize_username`): case, surrounding spaces and
    Unicode compatibility forms do not count."""

    def get_by_natural_key(self, username):
        return self.get(username__iexact=normalize_username(username))


class User(AbstractUser):
    """An account a person signs in with (one per person; staff accounts run the back office).

    `is_staff` marks operator staff: they may do everything on every organization except
    break the organization rules (a mandatory role never loses its last holder).
    """

    objects = CaseInsensitiveUserManager()

    # Dormancy (`manage.py sweep_dormant_accounts`): when the person was warned that the
    # account will be disabled for lack of sign-ins, and when it was disabled for that reason
    # (only such an account may be re-enabled by the organization's Primary Contacts and Rights
    # Administrators; one operator staff deactivated stays for staff to reactivate).
    dormancy_warned_at = models.DateTimeField(null=True, blank=True)
    dormant_since = models.DateTimeField(null=True, blank=True)
    # Enabled again (by staff or the organization): counts as activity, a fresh start.
    reenabled_at = models.DateTimeField(null=True, blank=True)
    # The language the person reads the portal in, chosen with the switcher on every page
    # (`accounts.services.set_language`); applied on every signed-in request and remembered in
    # the language cookie at sign-in (accounts.language).
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
        ]

    def save(self, *args, **kwargs):
        self.username = normalize_username(self.username)
        super().save(*args, **kwargs)  # a new account starts unthrottled (accounts.signals)

    def set_password(self, raw_password):
        super().set_password(normalize_password(raw_password))

    def check_password(self, raw_password):
        return super().check_password(normalize_password(raw_password))

    @property
    def last_activity(self):
        """The last sign-in (or the account's creation for one that never signed in), or its
        re-enabling if later: what dormancy counts from (`accounts.dormancy.last_activity`)."""
        return max(d for d in (self.last_login, self.date_joined, self.reenabled_at) if d)

    @property
    def is_dormant(self) -> bool:
        """Disabled for lack of sign-ins (and not since re-enabled)."""
        return not self.is_active and self.dormant_since is not None

    @property
    def has_secret_answers(self) -> bool:
        return self.secret_answers.count() >= SECRET_ANSWERS_REQUIRED

    audit_type = "account"

    @property
    def audit_id(self) -> int:
        return self.pk

    @property
    def audit_label(self) -> str:
        """The person's name, as people know them, with the account's name beside it."""
        person = getattr(self, "person", None) if hasattr(self, "person") else None
        name = self.get_username()
        return f"{person.full_name} (account {name})" if person else name


SECRET_ANSWERS_REQUIRED = 3


class SecretQuestion(models.Model):
    """A question from the operator-managed list that people choose from."""

    text = models.CharField(max_length=200, unique=True)
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text


class SecretAnswer(models.Model):
    """A person's answer to one question, normalized and hashed like a password."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secret_answers"
    )
    question = models.ForeignKey(SecretQuestion, on_delete=models.PROTECT, related_name="+")
    answer_hash = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="secret_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.question}"


class RecoveryGuard(models.Model):
    """Wrong secret answers of one account, counted across links and sessions.

    The row is locked while answers are checked, so concurrent guesses cannot slip past the
    limit; `locked_until` ends by itself."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_guard"
    )
    failures = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"recovery of {self.user}: {self.failures} wrong"

    def is_locked(self, now=None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or timezone.now())


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class OneTimeLinkQuerySet(models.QuerySet):
    def usable(self, token: str):
        """The link for this token if it is unused and unexpired (a queryset, to lock it)."""
        return self.filter(
            token_digest=digest(token or ""), used_at=None, expires_at__gt=timezone.now()
        )


class PasswordResetLink(models.Model):
    """An e-mailed password-reset link. It is bound to the account's password and e-mail at
    the time it was sent: changing either makes it useless."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reset_links"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    bound_to = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = OneTimeLinkQuerySet.as_manager()

    def __str__(self) -> str:
        return f"reset link for {self.user} ({self.created_at:%Y-%m-%d %H:%M})"


class Invitation(models.Model):
    """An e-mailed invitation for a registered person to set up their account."""

    person = models.ForeignKey(
        "registry.Person", on_delete=models.CASCADE, related_name="invitations"
    )
    token_digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    objects = OneTimeLinkQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"invitation for {self.person} ({self.created_at:%Y-%m-%d %H:%M})"


class OrganizationSecurity(models.Model):
    """An organization's own security rules, set by its Authorized Representatives."""

    organization = models.OneToOneField(
        "registry.Organization", on_delete=models.CASCADE, related_name="security"
    )
    require_two_factor = models.BooleanField(
        default=False, help_text="Every person of the organization must use a second factor."
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "organization security settings"

    def __str__(self) -> str:
        return f"security of {self.organization}"
