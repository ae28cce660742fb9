"""Sign-in events: start the session clocks, and write every success, failure and lockout to
the audit log (never the password). A new account starts with no failures against its name."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save
from django.dispatch import receiver

from accounts import language, sessions, two_factor
from accounts.models import User
from accounts.throttling import reset_account, username_from_request
from audit.log import record
from audit.models import AuditEntry
from core import reauth


@receiver(user_logged_in, dispatch_uid="accounts.signed_in")
def signed_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        sessions.start(request.session)
        reauth.mark_authenticated(request)
        two_factor.note_requirement(request, user)
    record(user, "account.signed_in", target=user)
    if request is not None:
        language.keep_choice(request, user)


@receiver(user_login_failed, dispatch_uid="accounts.sign_in_failed")
def sign_in_failed(sender, credentials, request=None, **kwargs):
    account = username_from_request(request, credentials)[:150]
    record(
        None,
        "account.sign_in_failed",
        outcome=AuditEntry.Outcome.REFUSED,
        details={"account": account},
    )


@receiver(user_locked_out, dispatch_uid="accounts.locked_out")
def locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(
        None,
        "account.locked",
        outcome=AuditEntry.Outcome.REFUSED,
        details={"account": (username or "")[:150]},
    )


@receiver(post_save, sender=User, dispatch_uid="accounts.account_created")
def account_created(sender, instance: User, created: bool, raw: bool = False, **kwargs):
    """Failures recorded against this name before the account existed were not against this
    account: they must not lock it out at birth, however it was created (invitation, admin,
    createsuperuser, the demo data)."""
    if created and not raw:
        reset_account(instance.username)
