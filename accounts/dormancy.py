"""Which accounts are dormant: the read side of `manage.py sweep_dormant_accounts`.

An account's last activity is its last sign-in, or its creation if it never signed in, or
the moment it was enabled again if that is later. `DORMANT_AFTER_DAYS` (90) after it, the
account is disabled; `DORMANT_WARNING_DAYS` (14) before that, its person is warned by e-mail.
An account is disabled only once warned at least `DORMANT_WARNING_DAYS` before (a sweep that
did not run for a while warns first), and a sign-in after the warning cancels it. Superusers
are never swept (someone must be able to repair the rest from the admin)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import F, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest

from accounts.models import User


def last_activity():
    return Greatest(Coalesce("last_login", "date_joined"), Coalesce("reenabled_at", "date_joined"))


def _swept() -> QuerySet[User]:
    return User.objects.filter(is_active=True, is_superuser=False).alias(activity=last_activity())


def _warned() -> Q:
    return Q(dormancy_warned_at__isnull=False, dormancy_warned_at__gte=F("activity"))


def due_for_warning(now: datetime) -> QuerySet[User]:
    """Active accounts within the warning period that were not warned since their activity."""
    since = now - timedelta(days=settings.DORMANT_AFTER_DAYS - settings.DORMANT_WARNING_DAYS)
    return _swept().filter(activity__lte=since).exclude(_warned())


def due_for_disabling(now: datetime) -> QuerySet[User]:
    """Active accounts idle for DORMANT_AFTER_DAYS, warned DORMANT_WARNING_DAYS ago or more
    (the condition is read again under the account's lock: a sign-in a moment ago wins)."""
    return _swept().filter(
        _warned(),
        activity__lte=now - timedelta(days=settings.DORMANT_AFTER_DAYS),
        dormancy_warned_at__lte=now - timedelta(days=settings.DORMANT_WARNING_DAYS),
    )


def disabled_on(user: User, now: datetime) -> datetime:
    """When a warned account will be disabled if nobody signs in with it."""
    return max(
        user.last_activity + timedelta(days=settings.DORMANT_AFTER_DAYS),
        (user.dormancy_warned_at or now) + timedelta(days=settings.DORMANT_WARNING_DAYS),
    )
