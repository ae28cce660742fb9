"""Reliable e-mail: an outbox on the django-tasks database backend.

`send_after_commit(to, subject, body)` puts one outbox row (a django-tasks `DBTaskResult`)
in the *same transaction* as the change it reports: if the change rolls back, so does the
e-mail; if it commits, the e-mail is on record and a worker (`manage.py db_worker`, started
by `make run`) will deliver it. Each recipient gets their own message (no one sees the
other addresses).

Delivery is retried with exponential backoff while SMTP is unreachable or refuses: a failed
attempt enqueues a new attempt for exactly the recipients not yet served, so nobody gets the
same message twice, and after `MAX_ATTEMPTS` the last row stays FAILED in the database (and
the admin) with the addresses still to serve, so nothing is silently lost.

With `BACKGROUND_TASKS=immediate` (development, tests) delivery runs right after commit in
the request; a failure is logged, never shown to the person (their change is done).

Each recipient reads the message in their own language (issue 20): a subject and body marked
for translation (`gettext_lazy`, or a `core.text.sentence` of one) are put together once per
language among the recipients (`languages_of`, answered by accounts: the language of the
account behind each address; English for an address without one), and each language goes out
as its own outbox row. Plain strings go out as they are.
"""

import contextlib
import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks import default_task_backend, task

from core.hooks import Hook

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
FIRST_RETRY_SECONDS = 30
MAX_RETRY_SECONDS = 6 * 3600


def backoff(attempt: int) -> timedelta:
    """30 s, 1 min, 2 min, 4 min ... capped at 6 h, after the `attempt`-th failure."""
    return timedelta(seconds=min(FIRST_RETRY_SECONDS * 2 ** (attempt - 1), MAX_RETRY_SECONDS))


def _retries_possible() -> bool:
    return bool(getattr(default_task_backend, "supports_defer", False))


@task()
def deliver_email(to: list[str], subject: str, body: str, attempt: int = 1) -> dict:
    """Send one message per recipient over one connection; on failure, schedule another
    attempt for the recipients not yet served."""
    sent: list[str] = []
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
        for address in to:
            message = EmailMessage(
                subject, body, settings.DEFAULT_FROM_EMAIL, [address], connection=connection
            )
            message.send()
            sent.append(address)
    except (smtplib.SMTPException, OSError) as exc:
        remaining = [address for address in to if address not in sent]
        if not _retries_possible():
            logger.error(
                "E-mail %r not delivered to %d recipients: %s", subject, len(remaining), exc
            )
            return {"sent": sent, "failed": remaining}
        if attempt >= MAX_ATTEMPTS:
            logger.error("E-mail %r given up after %d attempts: %s", subject, attempt, exc)
            raise
        deliver_email.using(run_after=timezone.now() + backoff(attempt)).enqueue(
            remaining, subject, body, attempt + 1
        )
        logger.warning(
            "E-mail %r: attempt %d failed (%s); %d recipients retried in %s",
            subject,
            attempt,
            exc,
            len(remaining),
            backoff(attempt),
        )
        return {"sent": sent, "retrying": remaining}
    finally:
        # Closing a broken connection must not hide what happened before.
        with contextlib.suppress(Exception):
            connection.close()
    return {"sent": sent}


languages_of = Hook(
    "languages_of",
    "(addresses) -> {address: language code}: the language each address reads its e-mail in; "
    "an address no reaction names gets settings.LANGUAGE_CODE.",
)


def _by_language(recipients: list[str]) -> dict[str, list[str]]:
    known: dict[str, str] = {}
    for answer in languages_of(recipients):
        known.update({address.lower(): language for address, language in answer.items()})
    groups: dict[str, list[str]] = {}
    for address in recipients:
        language = known.get(address.lower(), settings.LANGUAGE_CODE)
        groups.setdefault(language, []).append(address)
    return groups


def _signature() -> str:
    relations = gettext("Customer Relations:")
    return (
        f"\n\n--\n{settings.OPERATOR_NAME} · {settings.PORTAL_NAME}\n"
        f"{relations} {settings.CUSTOMER_RELATIONS_PHONE} · "
        f"{settings.CUSTOMER_RELATIONS_EMAIL}\n"
    )


def send_after_commit(to: list[str], subject: str, body: str) -> None:
    """Queue a message with the current transaction: it is delivered once that commits, and
    never if it rolls back. Each recipient gets it in their language (see the module's note)."""
    recipients = sorted({address.strip() for address in to if address and address.strip()})
    if not recipients:
        return
    for language, addresses in sorted(_by_language(recipients).items()):
        with translation.override(language):
            args = (addresses, str(subject), str(body) + _signature())
        if _retries_possible():
            # The outbox row is written in this transaction: commit and e-mail stand or fall
            # together.
            deliver_email.enqueue(*args)
        else:
            transaction.on_commit(lambda args=args: deliver_email.enqueue(*args))


# A delivery never takes this long (one SMTP connection, a timeout per step), so a row still
# RUNNING after it lost its worker.
STALLED_AFTER = timedelta(minutes=30)


def requeue_stalled_deliveries(*, older_than: timedelta = STALLED_AFTER) -> int:
    """Put back on the queue the deliveries a killed worker left RUNNING for good.

    django-tasks never takes such a row back, so its message would be lost without a trace.
    Requeued, it is delivered at least once: a worker killed after sending but before
    recording the send would have its recipients receive the message twice, a duplicate
    preferred to a silent loss of a notice about banking or access.
    """
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - older_than
    with transaction.atomic():
        stalled = list(
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(
                status=TaskResultStatus.RUNNING,
                started_at__lt=cutoff,
                task_path=deliver_email.module_path,
            )
            .values_list("pk", flat=True)
        )
        DBTaskResult.objects.filter(pk__in=stalled).update(
            status=TaskResultStatus.READY, started_at=None
        )
    for pk in stalled:
        logger.warning("E-mail delivery %s was left running by a lost worker; requeued", pk)
    return len(stalled)
