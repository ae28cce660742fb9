"""An ended session never loses work silently: a warning before the idle timeout with "Stay
signed in", the sign-in page saying why the person was signed out and returning them where
they were, and a form posted into the ended session given back re-filled after signing in."""

import datetime as dt
import json
import re

import pytest
import time_machine

from accounts.tests.helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)
KEPT = re.compile(r'<script id="restored-form" type="application/json">(.*?)</script>', re.S)


def restored(body: str) -> dict | None:
    match = KEPT.search(body)
    return json.loads(match.group(1)) if match else None


def test_signed_in_pages_carry_the_warning_with_stay_signed_in(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=10))
        body = client.get("/news/").content.decode()
    assert 'role="alertdialog"' in body and "Stay signed in" in body
    assert 'data-seconds-left="1800"' in body  # the page itself was activity
    assert 'data-warn-seconds="120"' in body
    assert "/static/js/session-timeout.js" in body
    assert "alertdialog" not in client.get("/logout/", follow=True).content.decode()


def test_stay_signed_in_touches_the_session(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=29))
        answer = client.post("/session/keep-alive/", HTTP_ACCEPT="application/json")
        assert answer.status_code == 200
        assert answer.json() == {"seconds_left": 1800, "absolute": False}
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/news/").status_code == 200
        # Without JavaScript the same form posts and comes back to the page.
        back = client.post("/session/keep-alive/", {"next": "/tasks/"})
        assert back.status_code == 302 and back["Location"] == "/tasks/"
        clock.shift(dt.timedelta(minutes=31))
        late = client.post("/session/keep-alive/", HTTP_ACCEPT="application/json")
        assert late.status_code == 401
        assert late.json()["code"] == "signed_out"


def test_after_the_idle_timeout_sign_in_says_why_and_returns_to_the_page(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/tasks/?page=1")
        assert response.status_code == 302
        assert response["Location"] == "/login/?next=/tasks/%3Fpage%3D1"
        page = client.get(response["Location"]).content.decode()
        assert "You were signed out after 30 minutes without activity." in page
        again = client.post(
            "/login/", {"username": "alice", "password": PASSWORD, "next": "/tasks/?page=1"}
        )
        assert again["Location"] == "/tasks/?page=1"


def _post_into_an_ended_session(client, **fields):
    form = {
        "first_name": "Alice",
        "last_name": "Martin",
        "job_title": "Head of Trading",
        "email": "alice@northwind.example",
        "phone": "+14165550101",
        "csrfmiddlewaretoken": "a-token",
        "current_password": "typed-secret",
        **fields,
    }
    return client.post("/me/", form, HTTP_REFERER="http://testserver/me/")


def test_a_form_posted_into_an_ended_session_comes_back_refilled_and_unsaved(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=31))
        response = _post_into_an_ended_session(client)
        assert response.status_code == 302
        assert response["Location"] == "/login/?next=/me/"
        page = client.get(response["Location"]).content.decode()
        assert "You were signed out after 30 minutes without activity." in page
        back = client.post("/login/", {"username": "alice", "password": PASSWORD, "next": "/me/"})
        assert back["Location"] == "/me/"
        body = client.get("/me/").content.decode()
    assert "Your changes were not saved yet: check them and save again." in body
    assert "Passwords, codes and banking numbers are never kept" in body
    kept = restored(body)
    assert kept["action"] == "/me/"
    assert kept["fields"]["job_title"] == ["Head of Trading"]
    assert "typed-secret" not in body and "a-token" not in json.dumps(kept)
    assert "csrfmiddlewaretoken" not in kept["fields"]
    assert personas.person("alice").job_title == "Director, Market Operations"  # not saved
    assert restored(client.get("/me/").content.decode()) is None  # given back once


def test_a_kept_form_is_never_shown_to_another_account(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=31))
        _post_into_an_ended_session(client)
        client.post("/login/", {"username": "bob", "password": PASSWORD, "next": "/me/"})
        body = client.get("/me/").content.decode()
    assert "Head of Trading" not in body and restored(body) is None


def test_a_kept_form_is_size_bounded(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=31))
        _post_into_an_ended_session(client, street="x" * 5000)
        client.post("/login/", {"username": "alice", "password": PASSWORD, "next": "/me/"})
        kept = restored(client.get("/me/").content.decode())
    assert "street" not in kept["fields"] and kept["fields"]["job_title"] == ["Head of Trading"]
