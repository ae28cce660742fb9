"""Changing one's own password needs the current one (security case 4)."""

import pytest
from django.test import Client

from accounts import services
from accounts.tests.helpers import PASSWORD, last_audit, sign_in
from core.errors import Forbidden, Invalid

pytestmark = pytest.mark.django_db
NEW = "a fresh passphrase for the winter"


def data(current=PASSWORD, new=NEW) -> dict:
    return {"current_password": current, "new_password1": new, "new_password2": new}


@pytest.mark.parametrize("current", ["", "not my password"])
def test_a_missing_or_wrong_current_password_changes_nothing(personas, current):
    before = personas.alice.password
    with pytest.raises(Forbidden):
        services.change_password(personas.alice, data=data(current), actor=personas.alice)
    personas.alice.refresh_from_db()
    assert personas.alice.password == before
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.details["code"]) == (
        "account.password_change",
        "refused",
        "wrong_password",
    )


def test_a_new_password_breaking_the_rules_is_refused_with_the_reason(personas):
    with pytest.raises(Invalid) as exc:
        services.change_password(personas.alice, data=data(new="short"), actor=personas.alice)
    assert "at least 15 characters" in str(exc.value.fields)


def test_the_page_changes_it_keeps_this_session_and_ends_the_others(client, personas):
    other = Client()
    sign_in(other, "alice", PASSWORD)
    sign_in(client, "alice", PASSWORD)
    response = client.post("/account/password/", data(), follow=True)
    assert b"Your password has been changed." in response.content
    assert client.get("/news/").status_code == 200
    assert other.get("/news/").status_code == 302
    personas.alice.refresh_from_db()
    assert personas.alice.check_password(NEW)
    assert last_audit("account.password_changed").outcome == "done"


def test_the_page_says_a_wrong_current_password_in_words(client, personas):
    client.force_login(personas.alice)
    response = client.post("/account/password/", data("wrong wrong wrong"))
    assert response.status_code == 200
    assert b"Enter your current password correctly" in response.content
