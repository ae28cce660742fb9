"""Choosing secret questions: three, normalized and hashed, never the account's own details,
and only with the current password (security cases 20, 21)."""

import pytest
from django.core import mail

from accounts import services
from accounts.models import SecretAnswer, SecretQuestion
from accounts.secrets import answer_matches
from accounts.tests.helpers import PASSWORD, last_audit
from core.errors import Forbidden, Invalid

pytestmark = pytest.mark.django_db


def form_data(password=PASSWORD, answers=("Fluffy  the Cat", "Montréal", "Green")) -> dict:
    questions = list(SecretQuestion.objects.filter(is_active=True)[3:6])
    data = {"current_password": password}
    for n, (question, answer) in enumerate(zip(questions, answers), start=1):
        data[f"question_{n}"] = str(question.pk)
        data[f"answer_{n}"] = answer
    return data


def test_a_person_replaces_their_answers_and_is_notified_without_them(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.change_secret_answers(personas.alice, data=form_data(), actor=personas.alice)
    stored = list(SecretAnswer.objects.filter(user=personas.alice))
    assert len(stored) == 3
    assert answer_matches("  fluffy the   CAT ", stored[0].answer_hash)
    assert "Fluffy" not in stored[0].answer_hash
    assert mail.outbox[-1].to == ["alice@northwind.example"]
    assert "Fluffy" not in mail.outbox[-1].body and "Green" not in mail.outbox[-1].body
    assert last_audit().action == "account.secret_answers_changed"


@pytest.mark.parametrize("password", ["", "not my password"])
def test_without_the_current_password_it_is_forbidden(personas, password):
    before = list(SecretAnswer.objects.filter(user=personas.alice).values_list("answer_hash"))
    with pytest.raises(Forbidden):
        services.change_secret_answers(
            personas.alice, data=form_data(password), actor=personas.alice
        )
    after = list(SecretAnswer.objects.filter(user=personas.alice).values_list("answer_hash"))
    assert before == after
    assert last_audit().outcome == "refused"


@pytest.mark.parametrize(
    "bad, reason",
    [
        ("123"[:2], "at least 3 characters"),
        ("ALICE", "account name"),
        ("alice@northwind.example", "e-mail address"),
        (PASSWORD, "your password"),
    ],
)
def test_answers_that_give_the_account_away_are_refused(personas, bad, reason):
    with pytest.raises(Invalid) as exc:
        services.change_secret_answers(
            personas.alice, data=form_data(answers=("fluffy", bad, "green")), actor=personas.alice
        )
    assert reason in str(exc.value.fields["answer_2"])


def test_the_same_question_twice_is_refused(personas):
    data = form_data()
    data["question_2"] = data["question_1"]
    with pytest.raises(Invalid) as exc:
        services.change_secret_answers(personas.alice, data=data, actor=personas.alice)
    assert "different question" in str(exc.value.fields)


def test_the_page_saves_and_says_so(client, personas):
    client.force_login(personas.alice)
    response = client.post("/account/secret-questions/", form_data(), follow=True)
    assert b"Your secret questions and answers have been saved." in response.content


def test_the_page_shows_a_wrong_password_in_words(client, personas):
    client.force_login(personas.alice)
    response = client.post("/account/secret-questions/", form_data("nope, not it"))
    assert response.status_code == 200
    assert b"Enter your current password correctly" in response.content
