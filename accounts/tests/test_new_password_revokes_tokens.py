"""Issue 22, finding 3: a new password (changed or reset) ends every way in the old one
opened: the account's API tokens are revoked and its other sessions end, and the page and the
e-mail say so; a disabled account's tokens stop at once."""

import pytest
from django.core import mail
from django.test import Client

from accounts.tests import test_reset_password as reset
from accounts.tests.helpers import PASSWORD, last_audit, sign_in
from accounts.tests.test_change_password import data
from apitokens.queries import tokens_of
from apitokens.tests.helpers import bearer, token_for

pytestmark = pytest.mark.django_db
_mail_after_commit = reset._mail_after_commit


def _works(token: str) -> bool:
    return Client().get("/api/v1/me", **bearer(token)).status_code == 200


def test_changing_the_password_revokes_the_tokens_and_says_so(client, personas):
    token = token_for(personas.alice, "made before")
    lakeshore = token_for(personas.frank, "someone else's")
    assert _works(token)
    sign_in(client, "alice", PASSWORD)
    with reset._capture(execute=True):
        response = client.post("/account/password/", data(), follow=True)
    assert b"your API tokens revoked" in response.content
    assert not _works(token)
    assert _works(lakeshore)
    assert [t.status for t in tokens_of(personas.alice)] == ["revoked"]
    assert "every API token made for it before was revoked" in mail.outbox[-1].body
    entry = last_audit("api_token.revoked_all")
    assert entry.target_id == str(personas.alice.pk)
    assert entry.details == {"count": 1, "reason": "password_changed"}
    fresh = token_for(personas.alice, "made after")
    assert _works(fresh)


def test_a_reset_revokes_the_tokens_and_ends_every_session(client, personas):
    token = token_for(personas.alice, "made before")
    other = Client()
    sign_in(other, "alice", PASSWORD)
    reset.open_link(client, reset.request_link(client))
    response = reset.submit(client, personas.alice)
    assert response.status_code == 302
    page = client.get(response.url)
    assert b"its API tokens revoked" in page.content
    assert not _works(token)
    assert other.get("/news/").status_code == 302
    assert "every API token made for it before was revoked" in mail.outbox[-1].body


def test_a_password_set_any_other_way_unbinds_the_tokens_too(personas):
    token = token_for(personas.alice)
    personas.alice.set_password("set through some other door entirely")
    personas.alice.save(update_fields=["password"])
    assert not _works(token)


def test_a_disabled_accounts_tokens_stop_at_once(personas):
    token = token_for(personas.alice)
    personas.alice.is_active = False
    personas.alice.save(update_fields=["is_active"])
    assert Client().get("/api/v1/me", **bearer(token)).status_code == 401
