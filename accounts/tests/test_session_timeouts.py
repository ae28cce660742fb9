"""Sessions end after 30 idle minutes or 12 hours whatever happens (security case 26)."""

import datetime as dt

import pytest
import time_machine

from accounts.tests.helpers import PASSWORD, sign_in

pytestmark = pytest.mark.django_db
START = dt.datetime(2026, 11, 2, 9, 0, tzinfo=dt.UTC)


def test_a_session_idle_for_31_minutes_must_sign_in_again(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=29))
        assert client.get("/news/").status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get("/news/")
        assert response.status_code == 302 and response.url.startswith("/login/")
        page = client.get(response.url)
        assert b"You were signed out after 30 minutes without activity." in page.content


def test_an_active_session_still_ends_12_hours_after_sign_in(client, personas):
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        for _ in range(12 * 4 + 1):
            clock.shift(dt.timedelta(minutes=15))
            response = client.get("/news/")
            if response.status_code != 200:
                break
        assert response.status_code == 302
        assert dt.datetime.now(dt.UTC) - START > dt.timedelta(hours=12)
        page = client.get(response["Location"]).content.decode()
    assert "You were signed out because 12 hours have passed since you signed in." in page


def test_timeouts_are_configurable(client, personas, settings):
    settings.SESSION_IDLE_SECONDS = 120
    with time_machine.travel(START, tick=False) as clock:
        sign_in(client, "alice", PASSWORD)
        clock.shift(dt.timedelta(minutes=3))
        assert client.get("/news/").status_code == 302
