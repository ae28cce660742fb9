"""Password reset over the JSON API (contract.md `auth/password-reset*`)."""

import pytest
from django.core import mail
from django.core.cache import cache

from accounts.models import SecretAnswer
from accounts.tests.helpers import last_audit, link_from_mail

pytestmark = pytest.mark.django_db
NEW = "an api chosen passphrase, long enough"
RIGHT = {"first pet": "rex", "city": "toronto", "colour": "blue"}


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()  # the API's per-address rate limit is kept in the cache
    yield
    cache.clear()


def api(client, path, body):
    return client.post(f"/api/v1/auth/{path}", body, content_type="application/json")


@pytest.fixture
def token(client, personas, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = api(client, "password-reset", {"username": "alice"})
    assert response.status_code == 202
    return link_from_mail("/password-reset/").strip("/").split("/")[-1]


def answers(user, wrong=False) -> dict:
    return {
        str(a.question_id): "wrong"
        if wrong
        else next(v for k, v in RIGHT.items() if k in a.question.text)
        for a in SecretAnswer.objects.filter(user=user).select_related("question")
    }


def test_a_request_answers_202_for_known_and_unknown_accounts(client, personas):
    known = api(client, "password-reset", {"username": "alice"})
    unknown = api(client, "password-reset", {"username": "nobody"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()


@pytest.mark.parametrize("name", ["\x11H\x00", "ali\x00ce", "alice\x1f"])
def test_a_name_with_a_control_character_is_an_unknown_account(client, personas, name):
    response = api(client, "password-reset", {"username": name})
    assert response.status_code == 202  # on PostgreSQL a NUL reached the query: 500
    assert response.json() == api(client, "password-reset", {"username": "nobody"}).json()
    assert not mail.outbox
    assert last_audit().details == {"known": False}


def test_an_address_with_a_control_character_has_no_account_names(client, personas):
    response = api(client, "account-name", {"email": "\x11H\x00"})
    assert response.status_code == 202  # on PostgreSQL the NUL reached the query: 500
    assert not mail.outbox


def test_the_holder_of_the_link_reads_the_questions_and_resets(client, personas, token):
    response = api(client, "password-reset/questions", {"token": token})
    assert response.status_code == 200
    texts = [q["text"] for q in response.json()["questions"]]
    assert "What was the name of your first pet?" in texts and len(texts) == 3
    response = api(
        client,
        "password-reset/confirm",
        {"token": token, "answers": answers(personas.alice), "new_password": NEW},
    )
    assert response.status_code == 204
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(NEW)
    assert api(client, "password-reset/questions", {"token": token}).status_code == 404


def test_questions_without_a_valid_token_are_not_found(client, personas):
    response = api(client, "password-reset/questions", {"token": "made-up"})
    assert response.status_code == 404
    assert response.json()["code"] == "invalid_link"


def test_wrong_answers_are_refused_then_recovery_pauses(client, personas, token):
    body = {"token": token, "answers": answers(personas.alice, wrong=True), "new_password": NEW}
    codes = [api(client, "password-reset/confirm", body).json()["code"] for _ in range(5)]
    assert codes == ["wrong_answers"] * 5
    body["answers"] = answers(personas.alice)
    response = api(client, "password-reset/confirm", body)
    assert response.status_code == 409 and response.json()["code"] == "recovery_locked"
    assert last_audit("account.password_reset").outcome == "refused"


def test_a_weak_new_password_is_422_with_the_reason(client, personas, token):
    body = {"token": token, "answers": answers(personas.alice), "new_password": "short"}
    response = api(client, "password-reset/confirm", body)
    assert response.status_code == 422
    assert "at least 15 characters" in str(response.json()["fields"]["new_password"])


def test_unknown_fields_and_non_json_are_refused(client, personas):
    response = api(client, "password-reset", {"username": "alice", "email": "x@evil.example"})
    assert response.status_code == 422
    response = client.post(
        "/api/v1/auth/password-reset", "username=alice", content_type="text/plain"
    )
    assert response.status_code == 415
    assert not mail.outbox
