"""Forgot your account name? The account name(s) of an e-mail address are e-mailed to it; the
page and the API answer the same whether or not any exist; reminders are audited and bounded
per mailbox; sign-in links to it."""

import pytest
from django.core import mail
from django.core.cache import cache

from accounts.services import ACCOUNT_NAME_REMINDERS_PER_HOUR
from accounts.tests.helpers import last_audit, without_csrf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the API's per-address rate limit is kept in the cache
    yield
    cache.clear()


def _ask(client, email, capture):
    with capture(execute=True):
        return client.post("/account-name/", {"email": email})


def test_sign_in_and_the_password_reset_offer_it(client):
    for url in ("/login/", "/password-reset/"):
        assert 'href="/account-name/"' in client.get(url).content.decode()


def test_the_account_name_is_e_mailed_to_its_address(
    client, personas, django_capture_on_commit_callbacks
):
    email = personas.person("alice").email
    response = _ask(client, email.upper(), django_capture_on_commit_callbacks)
    assert response.status_code == 302 and response["Location"] == "/account-name/sent/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [email]  # the stored address, not the one typed
    assert "Your account name is: alice" in mail.outbox[0].body
    assert "http://127.0.0.1:8000/login/" in mail.outbox[0].body
    entry = last_audit("account.name_reminder_requested")
    assert entry.details["known"] is True
    assert email not in str(entry.details)  # the audit log keeps a digest, not the address


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
    client, personas, django_capture_on_commit_callbacks
):
    known = _ask(client, personas.person("bob").email, django_capture_on_commit_callbacks)
    unknown = _ask(client, "nobody@example.com", django_capture_on_commit_callbacks)
    assert known["Location"] == unknown["Location"]
    assert without_csrf(client.get(known["Location"]).content) == without_csrf(
        client.get(unknown["Location"]).content
    )
    assert len(mail.outbox) == 1
    assert last_audit("account.name_reminder_requested").details["known"] is False


def test_a_malformed_address_is_refused_with_a_reason(client, personas):
    response = client.post("/account-name/", {"email": "not an address"})
    assert response.status_code == 200
    assert "Enter a valid email address" in response.content.decode()


def test_reminders_to_one_mailbox_are_bounded_per_hour(
    client, personas, django_capture_on_commit_callbacks
):
    email = personas.person("carol").email
    for _ in range(ACCOUNT_NAME_REMINDERS_PER_HOUR + 2):
        response = _ask(client, email, django_capture_on_commit_callbacks)
        assert response["Location"] == "/account-name/sent/"  # the same answer throughout
    assert len(mail.outbox) == ACCOUNT_NAME_REMINDERS_PER_HOUR
    assert last_audit("account.name_reminder_requested").details["throttled"] is True


def test_the_api_answers_202_either_way_and_is_rate_limited(
    client, personas, settings, django_capture_on_commit_callbacks
):
    def api(email):
        return client.post(
            "/api/v1/auth/account-name", {"email": email}, content_type="application/json"
        )

    with django_capture_on_commit_callbacks(execute=True):
        known = api(personas.person("dave").email)
    unknown = api("nobody@example.com")
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert "Your account name is: dave" in mail.outbox[-1].body
    statuses = {api("nobody@example.com").status_code for _ in range(12)}
    assert 429 in statuses  # API_RATE_LIMIT_AUTH, as the password reset
