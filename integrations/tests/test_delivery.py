"""Deliveries to a real receiver on 127.0.0.1, every signature verified with the
standardwebhooks library's own verifier."""

from collections import Counter
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from integrations import services
from integrations.models import Delivery, Event, Webhook
from integrations.tests.helpers import Receiver, free_port, subscribe
from registry import services as registry_services
from registry.tests.helpers import role

EVENTS = ["contact.added", "contact.removed", "banking.change_submitted"]


@pytest.fixture
def loopback(settings):
    settings.WEBHOOKS_ALLOW_LOOPBACK = True
    return settings


@pytest.fixture
def outbox(loopback):
    """The database outbox and worker, as in production."""
    loopback.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    return loopback


def run_worker() -> None:
    call_command("db_worker", batch=True, interval=0, startup_delay=False, verbosity=0)


def three_changes(p) -> None:
    erin = p.person("erin")
    registry_services.add_contact(
        p.northwind, erin, role("invoicing_banking_contact"), actor=p.alice
    )
    registry_services.remove_contact(
        p.northwind, erin, role("invoicing_banking_contact"), actor=p.alice
    )
    banking_services.submit_banking_change(p.northwind, data=NEW, file=letter(), actor=p.carol)


@pytest.mark.django_db(transaction=True)
def test_with_the_receiver_down_every_event_arrives_once_after_it_comes_back(live_personas, outbox):
    p = live_personas
    port = free_port()  # nothing listens there yet
    webhook, secret = subscribe(p, f"http://127.0.0.1:{port}/hooks", EVENTS)
    three_changes(p)
    deliveries = Delivery.objects.filter(webhook=webhook)
    assert deliveries.count() == 3

    run_worker()  # the receiver is down: each attempt fails and is scheduled again
    assert set(deliveries.values_list("state", "attempts")) == {("pending", 1)}
    assert all(d.next_attempt_at > timezone.now() for d in deliveries)
    assert "Could not connect." in deliveries.first().last_error

    receiver = Receiver(port).start()
    try:
        with time_machine.travel(timezone.now() + timedelta(minutes=10)):
            run_worker()
            run_worker()  # nothing left: nothing is sent twice
            payloads = receiver.verified(secret)  # raises on any bad signature
    finally:
        receiver.stop()

    assert Counter(receiver.message_ids()).most_common(1)[0][1] == 1
    assert [m["type"] for m in payloads] == EVENTS
    feed = list(
        Event.objects.filter(
            org_id=p.northwind.org_id, type__in=EVENTS, id__gt=webhook.cursor
        ).order_by("id")
    )
    assert [m["data"]["event_id"] for m in payloads] == [e.pk for e in feed]
    assert payloads[0]["data"]["target"]["id"] == p.person("erin").person_id
    assert set(deliveries.values_list("state", "last_status_code")) == {("delivered", 204)}
    assert Webhook.objects.get(pk=webhook.pk).failure_run == 0


@pytest.mark.django_db(transaction=True)
def test_a_retry_carries_the_same_webhook_id(live_personas, outbox):
    p = live_personas
    receiver = Receiver(status=503).start()
    try:
        webhook, secret = subscribe(p, receiver.url, ["contact.added"])
        registry_services.add_contact(
            p.northwind, p.person("erin"), role("invoicing_banking_contact"), actor=p.alice
        )
        run_worker()
        receiver.status = 200
        with time_machine.travel(timezone.now() + timedelta(minutes=2)):
            run_worker()
            payloads = receiver.verified(secret)
    finally:
        receiver.stop()
    ids = receiver.message_ids()
    assert len(ids) == 2 and ids[0] == ids[1]
    assert payloads[0] == payloads[1]
    [delivery] = Delivery.objects.filter(webhook=webhook)
    assert (delivery.state, delivery.attempts, delivery.last_status_code) == ("delivered", 2, 200)


# --- In the request (immediate backend), callbacks run as after a commit ---------------------


@pytest.mark.django_db
def test_test_event_is_signed_and_logged(personas, loopback, django_capture_on_commit_callbacks):
    receiver = Receiver().start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            webhook, secret = subscribe(personas, receiver.url, ["contact.added"])
        with django_capture_on_commit_callbacks(execute=True):
            delivery = services.send_test_event(webhook, actor=personas.bob)
        [payload] = receiver.verified(secret)
    finally:
        receiver.stop()
    assert payload["type"] == "webhook.test"
    assert payload["data"]["organization"]["org_id"] == personas.northwind.org_id
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status_code) == ("delivered", 204)
    assert receiver.received[0][0]["webhook-id"] == delivery.message_id


@pytest.mark.django_db
def test_replay_sends_again_with_the_first_webhook_id(
    personas, loopback, django_capture_on_commit_callbacks
):
    receiver = Receiver().start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            webhook, secret = subscribe(personas, receiver.url, ["contact.added"])
        cursor = webhook.cursor
        with django_capture_on_commit_callbacks(execute=True):
            for name in ("erin", "dave"):
                registry_services.add_contact(
                    personas.northwind,
                    personas.person(name),
                    role("invoicing_banking_contact"),
                    actor=personas.alice,
                )
        first = receiver.message_ids()
        assert len(first) == 2
        with django_capture_on_commit_callbacks(execute=True):
            queued = services.replay_webhook(webhook, data={"after": cursor}, actor=personas.alice)
        assert queued == 2
        payloads = receiver.verified(secret)
    finally:
        receiver.stop()
    assert receiver.message_ids() == first + first
    assert [m["type"] for m in payloads] == ["contact.added"] * 4


@pytest.mark.django_db
def test_redirects_are_not_followed(personas, loopback, django_capture_on_commit_callbacks):
    elsewhere = Receiver().start()
    receiver = Receiver(status=302, location=elsewhere.url).start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            webhook, _ = subscribe(personas, receiver.url, ["contact.added"])
        with django_capture_on_commit_callbacks(execute=True):
            services.send_test_event(webhook, actor=personas.alice)
    finally:
        receiver.stop()
        elsewhere.stop()
    assert len(receiver.received) == 1
    assert elsewhere.received == []
    [delivery] = Delivery.objects.filter(webhook=webhook)
    assert delivery.state != "delivered"
    assert (delivery.last_status_code, delivery.last_error) == (302, "Redirects are not followed.")


@pytest.mark.django_db
def test_a_run_of_failures_disables_the_webhook_and_tells_its_managers(
    personas, loopback, django_capture_on_commit_callbacks
):
    loopback.WEBHOOKS_DISABLE_AFTER_FAILURES = 2
    receiver = Receiver(status=500).start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            webhook, secret = subscribe(personas, receiver.url, ["contact.added"])
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            for name in ("erin", "dave", "bob"):
                registry_services.add_contact(
                    personas.northwind,
                    personas.person(name),
                    role("invoicing_banking_contact"),
                    actor=personas.alice,
                )
        webhook.refresh_from_db()
        assert not webhook.is_active
        assert len(receiver.received) == 2  # the third waits: the webhook is disabled
        told = {m.to[0] for m in mail.outbox if "was disabled" in m.subject}
        assert told == {"alice@northwind.example", "bob@northwind.example"}
        assert Event.objects.filter(type="webhook.disabled").exists()

        receiver.status = 204
        with django_capture_on_commit_callbacks(execute=True):
            services.enable_webhook(webhook, actor=personas.bob)
        payloads = receiver.verified(secret)
    finally:
        receiver.stop()
    # Immediate backend: the first failure is final in-request; the one that disabled the
    # webhook and the one that waited are sent once it is enabled.
    assert len(payloads) == 4
    states = Counter(Delivery.objects.filter(webhook=webhook).values_list("state", flat=True))
    assert states == {"delivered": 2, "failed": 1}
