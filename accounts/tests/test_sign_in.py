"""Signing in: one generic failure, lockout per account across addresses, a higher limit per
address, session rotation and sign-out (security cases 7-14, 24, 25)."""

import datetime as dt

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from accounts.tests.helpers import PASSWORD, last_audit, sign_in, signed_in, without_csrf

pytestmark = pytest.mark.django_db
GENERIC = b"The account name or password is not right"


def lock(client, username: str = "alice") -> None:
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, username, "wrong password", ip=f"10.0.0.{n + 1}")


def test_a_demo_account_signs_in_and_lands_on_news(client, personas):
    response = sign_in(client, "alice", PASSWORD)
    assert response.status_code == 302 and response.url == "/news/"
    assert signed_in(client)
    assert last_audit("account.signed_in").actor_id == personas.alice.pk


def test_unknown_wrong_inactive_unusable_and_locked_answer_identically(client, personas):
    personas.erin.is_active = False
    personas.erin.save()
    personas.dave.set_unusable_password()
    personas.dave.save()
    lock(Client(), "frank")
    answers = [
        sign_in(client, "nobody-here", "some password"),
        sign_in(client, "alice", "wrong password"),
        sign_in(client, "erin", PASSWORD),
        sign_in(client, "dave", PASSWORD),
        sign_in(client, "frank", PASSWORD),
    ]
    statuses = {r.status_code for r in answers}
    bodies = {
        without_csrf(r.content).replace(username.encode(), b"NAME")
        for r, username in zip(answers, ["nobody-here", "alice", "erin", "dave", "frank"])
    }
    assert statuses == {200}
    assert len(bodies) == 1
    assert GENERIC in answers[0].content
    assert not signed_in(client)


def test_the_account_locks_across_many_client_addresses(client, personas):
    for n in range(101):
        sign_in(client, "alice", "wrong password", ip=f"10.1.{n // 250}.{n % 250 + 1}")
    attempts = AccessAttempt.objects.filter(username="alice")
    # Axes stops counting once locked: the lock came well before attempt 100.
    assert sum(a.failures_since_start for a in attempts) == settings.AXES_FAILURE_LIMIT
    sign_in(client, "alice", PASSWORD, ip="192.0.2.7")
    assert not signed_in(client)


def test_the_correct_password_is_refused_while_locked_and_works_after_the_cool_off(
    client, personas
):
    lock(client)
    response = sign_in(client, "alice", PASSWORD)
    assert GENERIC in response.content and not signed_in(client)
    assert last_audit("account.locked").details == {"account": "alice"}
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=16)
    with time_machine.travel(later, tick=False):
        sign_in(client, "alice", PASSWORD)
        assert signed_in(client)


def test_spelling_variants_and_the_email_address_count_as_one_account(client, personas):
    for name in ["Alice", " alice ", "ALICE", "alice@northwind.example"]:
        sign_in(client, name, "wrong password")
    assert AccessAttempt.objects.filter(username="alice").count() == 1
    assert AccessAttempt.objects.get(username="alice").failures_since_start == 4


def test_one_address_is_throttled_only_after_many_more_failures(client, personas, settings):
    office = "198.51.100.10"
    for n in range(settings.ACCOUNTS_IP_FAILURE_LIMIT - 1):
        sign_in(client, f"typo-{n}", "wrong password", ip=office)
    sign_in(client, "bob", PASSWORD, ip=office)
    assert signed_in(client), "a colleague behind the same address still signs in"
    client.logout()
    sign_in(client, "typo-x", "wrong password", ip=office)
    sign_in(client, "carol", PASSWORD, ip=office)
    assert not signed_in(client), "the address is throttled at the limit"
    sign_in(client, "carol", PASSWORD, ip="198.51.100.11")
    assert signed_in(client), "other addresses are not"


def test_forged_forwarded_for_headers_do_not_escape_the_address_limit(client, settings):
    settings.ACCOUNTS_IP_FAILURE_LIMIT = 5
    for n in range(5):
        sign_in(client, f"guess-{n}", "x", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    sign_in(client, "bob", PASSWORD)
    assert not signed_in(client)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_a_success_resets_the_account_counter(client, personas):
    sign_in(client, "alice", "wrong password")
    sign_in(client, "alice", "wrong password")
    sign_in(client, "alice", PASSWORD)
    assert signed_in(client)
    assert not AccessAttempt.objects.filter(username="alice").exists()


def test_the_session_key_changes_on_sign_in_and_the_old_one_is_useless(client, personas):
    client.get("/login/")
    client.session["probe"] = 1
    before = client.cookies[settings.SESSION_COOKIE_NAME].value if client.cookies else None
    sign_in(client, "alice", PASSWORD)
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert before != after
    intruder = Client()
    if before:
        intruder.cookies[settings.SESSION_COOKIE_NAME] = before
    assert intruder.get("/news/").status_code == 302


def test_signing_out_ends_the_session_for_a_replayed_cookie(client, personas):
    sign_in(client, "alice", PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/logout/")
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = cookie
    assert replay.get("/news/").status_code == 302


def test_a_deactivated_account_loses_its_live_session(client, personas):
    sign_in(client, "alice", PASSWORD)
    assert client.get("/news/").status_code == 200
    personas.alice.is_active = False
    personas.alice.save()
    assert client.get("/news/").status_code == 302


def test_a_person_without_secret_answers_is_taken_to_set_them_up(client, personas):
    personas.erin.secret_answers.all().delete()
    response = sign_in(client, "erin", PASSWORD)
    assert response.url.startswith("/account/secret-questions/")
