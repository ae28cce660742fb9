from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower


class CaseInsensitiveUserManager(UserManager):
    """Account names are case-insensitive and ignore surrounding spaces."""

    def get_by_natural_key(self, username):
        return self.get(username__iexact=(username or "").strip())


class User(AbstractUser):
    """An account a person signs in with (one per person; staff accounts run the back office).

    `is_staff` marks operator staff: they may do everything on every organization except
    break the organization rules (a mandatory role never loses its last holder).
    """

    objects = CaseInsensitiveUserManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("username"), name="user_username_ci_unique"),
        ]

    def save(self, *args, **kwargs):
        self.username = (self.username or "").strip().lower()
        super().save(*args, **kwargs)
