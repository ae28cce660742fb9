"""With real Argon2, a failure for an unknown account takes about as long as a wrong password
for a real one (security case 7): the time taken does not reveal which accounts exist."""

import statistics
import time

import pytest
from django.test import Client

from accounts.tests.helpers import PASSWORD, sign_in

pytestmark = [pytest.mark.django_db, pytest.mark.real_hashing]
N = 30


def median_seconds(username: str, password: str, n: int = N) -> float:
    client = Client()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        sign_in(client, username, password)
        times.append(time.perf_counter() - start)
        client.logout()
    return statistics.median(times)


def test_unknown_and_wrong_take_about_the_same_time(personas, settings, capsys):
    settings.AXES_FAILURE_LIMIT = 10_000  # measure, do not lock
    settings.ACCOUNTS_IP_FAILURE_LIMIT = 10_000
    personas.erin.set_password(PASSWORD)  # hashed with Argon2, as in production
    personas.erin.save()
    right = median_seconds("erin", PASSWORD, n=10)
    wrong = median_seconds("erin", "not the password at all")
    unknown = median_seconds("nobody-by-this-name", "not the password at all")
    with capsys.disabled():
        print(
            f"\nsign-in medians: success {right * 1000:.0f} ms (10 runs); over {N} runs, "
            f"wrong password {wrong * 1000:.0f} ms, unknown account {unknown * 1000:.0f} ms"
        )
    assert 0.5 < unknown / wrong < 2.0  # a shared 2-core machine is noisy
