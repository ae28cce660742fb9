"""The one staff question, on the account alone (no registry models, so the models' querysets
and the rules can both ask it). `registry.rules` re-exports both predicates."""

from django.conf import settings

from core.reauth import second_factor_verified


def is_operator_staff(user) -> bool:
    """Operator staff power: an active staff account, acting (when
    `ACCOUNTS_STAFF_REQUIRE_OTP` is on) in a session or with a token verified with the second
    factor. The one staff question: services, the API and pages all ask it."""
    if not (user.is_authenticated and user.is_staff and user.is_active):
        return False
    return not settings.ACCOUNTS_STAFF_REQUIRE_OTP or second_factor_verified(user)


def may_use_admin(user) -> bool:
    """The Django admin is raw maintenance for superusers; staff work in the back office."""
    return is_operator_staff(user) and user.is_superuser
