"""The e-mail outbox against a real SMTP server (aiosmtpd on 127.0.0.1): with the server
down, changes still commit; once it is back, every message arrives exactly once."""

import socket
from collections import Counter
from datetime import timedelta
from email import message_from_bytes

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from banking import services as banking_services
from banking.models import BankingChange
from banking.tests.helpers import NEW, letter
from core import mail

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Collect:
    def __init__(self):
        self.received: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):
        subject = " ".join(message_from_bytes(envelope.content)["Subject"].split())  # unfold
        for rcpt in envelope.rcpt_tos:
            self.received.append((rcpt, subject))
        return "250 OK"


@pytest.fixture
def outbox_over_smtp(settings):
    """The database outbox, and SMTP pointed at a port where nothing listens (yet)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    return settings


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def test_with_smtp_down_changes_commit_and_every_email_arrives_exactly_once_later(
    live_personas, outbox_over_smtp
):
    p = live_personas
    banking_services.submit_banking_change(p.northwind, data=NEW, file=letter(), actor=p.carol)
    assert BankingChange.objects.filter(state="pending").count() == 1  # committed
    queued = DBTaskResult.objects.filter(task_path="core.mail.deliver_email")
    assert queued.count() == 2  # the task to the group, the notice to the Primary Contacts

    run_worker()  # SMTP is down: each attempt fails and schedules the next
    retries = DBTaskResult.objects.ready().count()
    assert retries == 0  # not due yet: backoff
    waiting = DBTaskResult.objects.filter(status="READY")
    assert waiting.count() == 2
    assert all(r.run_after > timezone.now() for r in waiting)

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=outbox_over_smtp.EMAIL_PORT)
    controller.start()
    try:
        with time_machine.travel(timezone.now() + timedelta(minutes=5)):
            run_worker()
            run_worker()  # nothing left: nothing is sent twice
    finally:
        controller.stop()

    counts = Counter(handler.received)
    assert set(counts.values()) == {1}
    assert set(counts) == {
        (
            "alice@northwind.example",
            "New task for Northwind Power Corp.: Approve banking information change",
        ),
        (
            "bob@northwind.example",
            "New task for Northwind Power Corp.: Approve banking information change",
        ),
        (
            "alice@northwind.example",
            "Banking information change submitted for Northwind Power Corp.",
        ),
    }
    assert not DBTaskResult.objects.filter(status__in=["READY", "FAILED"]).exists()


def test_an_email_queued_by_a_change_that_rolls_back_is_never_sent(live_personas, outbox_over_smtp):
    from django.db import transaction

    p = live_personas
    with pytest.raises(RuntimeError), transaction.atomic():
        banking_services.submit_banking_change(p.northwind, data=NEW, file=letter(), actor=p.carol)
        raise RuntimeError("the request failed after the change")
    assert not DBTaskResult.objects.exists()
    assert not BankingChange.objects.exists()


def test_after_the_last_attempt_the_email_stays_on_record_as_failed(
    live_personas, outbox_over_smtp, monkeypatch
):
    monkeypatch.setattr(mail, "MAX_ATTEMPTS", 2)
    mail.send_after_commit(["alice@northwind.example"], "Hello", "Body")
    run_worker()
    with time_machine.travel(timezone.now() + timedelta(hours=7)):
        run_worker()
    [failed] = DBTaskResult.objects.filter(status="FAILED")
    assert failed.args_kwargs["args"][0] == ["alice@northwind.example"]
    assert failed.args_kwargs["args"][3] == 2


def test_backoff_doubles_and_is_capped():
    assert [mail.backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert mail.backoff(30) == timedelta(hours=6)


def test_a_delivery_left_running_by_a_killed_worker_is_requeued_and_delivered(
    live_personas, outbox_over_smtp
):
    mail.send_after_commit(["alice@northwind.example"], "Lost worker", "Body")
    mail.send_after_commit(["bob@northwind.example"], "Still running", "Body")
    lost, running = DBTaskResult.objects.order_by("enqueued_at")
    # A worker claimed both, then was killed: django-tasks never takes the rows back.
    for row, started in ((lost, timezone.now() - timedelta(hours=1)), (running, timezone.now())):
        row.claim("killed-worker")
        DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)

    call_command("requeue_stalled_deliveries", verbosity=0)
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses == {lost.pk: "READY", running.pk: "RUNNING"}  # a recent one may be alive

    handler = Collect()
    controller = Controller(handler, hostname="127.0.0.1", port=outbox_over_smtp.EMAIL_PORT)
    controller.start()
    try:
        run_worker()
    finally:
        controller.stop()
    assert handler.received == [("alice@northwind.example", "Lost worker")]
    lost.refresh_from_db()
    assert (lost.status, lost.worker_ids[0]) == ("SUCCESSFUL", "killed-worker")


def test_the_requeue_command_refuses_a_threshold_under_a_minute(db):
    with pytest.raises(SystemExit):
        call_command("requeue_stalled_deliveries", older_than=0, verbosity=0)
