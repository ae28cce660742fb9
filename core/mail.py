"""E-mail leaves through a background task, after the change it reports has committed."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django_tasks import task


@task()
def deliver_email(to: list[str], subject: str, body: str) -> int:
    """Send one message; the worker retries nothing by itself, so failures are logged."""
    return send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def send_after_commit(to: list[str], subject: str, body: str) -> None:
    """Queue a message once the current transaction commits (never if it rolls back)."""
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    signature = (
        f"\n\n--\n{settings.OPERATOR_NAME} · {settings.PORTAL_NAME}\n"
        f"Customer Relations: {settings.CUSTOMER_RELATIONS_PHONE} · "
        f"{settings.CUSTOMER_RELATIONS_EMAIL}\n"
    )
    transaction.on_commit(lambda: deliver_email.enqueue(recipients, subject, body + signature))
