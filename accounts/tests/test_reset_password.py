"""Self-service password reset: e-mailed single-use link, then secret questions, then a new
password (security cases 13, 15-19, 22, 23)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from accounts.models import PasswordResetLink, RecoveryGuard, SecretAnswer
from accounts.tests.helpers import PASSWORD, last_audit, link_from_mail, sign_in, signed_in

pytestmark = pytest.mark.django_db
NEW = "a brand new passphrase for spring"
RIGHT = {"first pet": "rex", "city": "toronto", "colour": "blue"}


def answers_for(user, wrong: bool = False, spacing: str = "") -> dict:
    data = {}
    for answer in SecretAnswer.objects.filter(user=user).select_related("question"):
        text = answer.question.text
        value = next(v for k, v in RIGHT.items() if k in text)
        data[f"answer_{answer.question_id}"] = "nope" if wrong else f"{spacing}{value}{spacing}"
    return data


_capture = None


@pytest.fixture(autouse=True)
def _mail_after_commit(django_capture_on_commit_callbacks):
    """The test's transaction never commits: run each request's on-commit e-mail after it."""
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield
    _capture = None


def request_link(client, username: str = "alice", **extra) -> str:
    mail.outbox.clear()
    with _capture(execute=True):
        client.post("/password-reset/", {"username": username}, **extra)
    return link_from_mail("/password-reset/")


def post(client, path, data, **extra):
    with _capture(execute=True):
        return client.post(path, data, **extra)


def open_link(client, path: str):
    return client.get(path)


def submit(client, user, *, wrong=False, spacing="", password=NEW):
    data = {
        **answers_for(user, wrong, spacing),
        "new_password1": password,
        "new_password2": password,
    }
    return post(client, "/password-reset/answer/", data)


def test_the_whole_reset_changes_the_password(client, personas):
    path = request_link(client)
    assert mail.outbox[-1].to == ["alice@northwind.example"]
    response = open_link(client, path)
    assert response.status_code == 302 and response.url == "/password-reset/answer/"
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get("/password-reset/answer/")
    assert b"What was the name of your first pet?" in page.content
    assert page["Referrer-Policy"] == "same-origin"  # no token here; a form needs its Origin
    assert path.encode() not in page.content
    response = submit(client, personas.alice, spacing="  ")
    assert response.status_code == 302 and response.url == "/login/"
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(NEW)
    assert "Your password was changed" in mail.outbox[-1].subject
    entry = last_audit("account.password_reset")
    assert entry.outcome == "done"
    assert path.split("/")[-2] not in str(entry.details) and "rex" not in str(entry.details)


def test_the_request_answers_the_same_for_an_unknown_account_and_sends_nothing(client, personas):
    mail.outbox.clear()
    known = post(client, "/password-reset/", {"username": "alice"})
    unknown = post(client, "/password-reset/", {"username": "no-such-account"})
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert len(mail.outbox) == 1


def test_the_link_goes_to_the_stored_address_not_a_typed_one(client, personas):
    mail.outbox.clear()
    post(client, "/password-reset/", {"username": "alice", "email": "evil@attacker.example"})
    assert mail.outbox[-1].to == ["alice@northwind.example"]


def test_a_poisoned_host_header_is_refused_and_creates_no_link(client, personas):
    mail.outbox.clear()
    before = PasswordResetLink.objects.count()
    response = post(client, "/password-reset/", {"username": "alice"}, HTTP_HOST="evil.tld")
    assert response.status_code == 400
    assert not mail.outbox and PasswordResetLink.objects.count() == before
    post(client, "/password-reset/", {"username": "alice"}, HTTP_X_FORWARDED_HOST="evil.tld")
    assert "evil.tld" not in mail.outbox[-1].body
    assert "http://127.0.0.1:8000/password-reset/" in mail.outbox[-1].body
    assert PasswordResetLink.objects.count() == before + 1


def test_a_used_link_cannot_be_used_again(client, personas):
    path = request_link(client)
    open_link(client, path)
    submit(client, personas.alice)
    again = Client()
    response = open_link(again, path)
    assert response.status_code == 404
    assert b"not valid any more" in response.content


def test_an_expired_link_is_refused(client, personas):
    path = request_link(client)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=61)
    with time_machine.travel(later, tick=False):
        assert open_link(client, path).status_code == 404


def test_a_link_is_useless_after_a_password_or_email_change(client, personas):
    path = request_link(client)
    personas.alice.set_password("another long passphrase here")
    personas.alice.save()
    assert open_link(client, path).status_code == 404
    path = request_link(client)
    person = personas.person("alice")
    person.email = "alice.martin@northwind.example"
    person.save()
    assert open_link(client, path).status_code == 404
    request_link(client)
    assert mail.outbox[-1].to == ["alice.martin@northwind.example"], "the current address"


def test_answering_without_a_verified_link_goes_back_to_the_start(client, personas):
    response = submit(client, personas.alice)
    assert response.status_code == 302 and response.url == "/password-reset/"
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(PASSWORD)
    entry = last_audit("account.password_reset")
    assert (entry.outcome, entry.details["code"]) == ("refused", "no_verified_link")


def test_answers_are_compared_normalized(client, personas):
    open_link(client, request_link(client))
    data = answers_for(personas.alice)
    data = {k: f"  {v.upper()}  " for k, v in data.items()}
    post(client, "/password-reset/answer/", {**data, "new_password1": NEW, "new_password2": NEW})
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(NEW)


def test_five_wrong_tries_over_new_links_and_sessions_pause_recovery(personas):
    for _ in range(5):
        fresh = Client()
        open_link(fresh, request_link(fresh))
        response = submit(fresh, personas.alice, wrong=True)
        assert response.status_code == 200
        assert b"not right" in response.content
    fresh = Client()
    open_link(fresh, request_link(fresh))
    page = fresh.get("/password-reset/answer/")
    questions_before = page.content.count(b'name="answer_')
    response = submit(fresh, personas.alice)
    assert b"paused" in response.content
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(PASSWORD)
    assert questions_before == 3, "the same three questions, never a different one"
    assert last_audit("account.password_reset").details["code"] == "recovery_locked"


def test_a_successful_reset_ends_the_other_sessions(client, personas):
    other = Client()
    sign_in(other, "alice", PASSWORD)
    assert other.get("/news/").status_code == 200
    open_link(client, request_link(client))
    submit(client, personas.alice)
    assert other.get("/news/").status_code == 302


def test_recovery_works_while_sign_in_is_locked_and_lifts_the_lock(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(Client(), "alice", "wrong password")
    open_link(client, request_link(client))
    submit(client, personas.alice)
    sign_in(client, "alice", NEW)
    assert signed_in(client)


def test_the_questions_are_never_shown_without_the_link(client, personas):
    response = client.get("/password-reset/answer/")
    assert response.status_code == 302
    assert b"first pet" not in client.get(response.url).content


def test_a_bad_new_password_changes_nothing_and_counts_no_wrong_answer(client, personas):
    open_link(client, request_link(client))
    response = submit(client, personas.alice, password="too short")
    assert b"at least 15 characters" in response.content
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(PASSWORD)
    assert not RecoveryGuard.objects.filter(user=personas.alice, failures__gt=0).exists()
