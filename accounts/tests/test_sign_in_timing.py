"""With real Argon2, a failure for an unknown account takes about as long as a wrong password
for a real one (security case 7): the time taken does not reveal which accounts exist."""

import statistics
import time

import pytest
from django.test import Client

from accounts.tests.helpers import PASSWORD, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.real_hashing]
N = 30


def _seconds(client, username: str, password: str) -> float:
    start = time.perf_counter()
    sign_in(client, username, password)
    took = time.perf_counter() - start
    client.logout()
    return took


def median_seconds(username: str, password: str, n: int = N) -> float:
    client = Client()
    return statistics.median(_seconds(client, username, password) for _ in range(n))


def interleaved_medians(*attempts: tuple[str, str], n: int = N) -> list[float]:
    """Each attempt's median over n rounds, the attempts taking turns within every round, so
    that whatever else loads the machine meanwhile weighs on all of them alike."""
    client = Client()
    times: list[list[float]] = [[] for _ in attempts]
    for _ in range(n):
        for index, (username, password) in enumerate(attempts):
            times[index].append(_seconds(client, username, password))
    return [statistics.median(t) for t in times]


def test_unknown_and_wrong_take_about_the_same_time(personas, settings, capsys):
    settings.AXES_FAILURE_LIMIT = 10_000  # measure, do not lock
    settings.ACCOUNTS_IP_FAILURE_LIMIT = 10_000
    personas.erin.set_password(PASSWORD)  # hashed with Argon2, as in production
    personas.erin.save()
    right = median_seconds("erin", PASSWORD, n=10)
    wrong, unknown = interleaved_medians(
        ("erin", "not the password at all"), ("nobody-by-this-name", "not the password at all")
    )
    with capsys.disabled():
        print(
            f"\nsign-in medians: success {right * 1000:.0f} ms (10 runs); over {N} runs, "
            f"wrong password {wrong * 1000:.0f} ms, unknown account {unknown * 1000:.0f} ms"
        )
    assert 0.5 < unknown / wrong < 2.0  # a shared 2-core machine is noisy
