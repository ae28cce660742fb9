"""Counters under real concurrency, on PostgreSQL with one connection per thread: wrong
passwords are all counted (security case 11), and concurrent wrong secret answers can never
get more tries than the recovery limit."""

import threading

import pytest
from axes.models import AccessAttempt
from django.db import close_old_connections, connection
from django.test import Client

from accounts import services
from accounts.models import PasswordResetLink, RecoveryGuard, SecretAnswer
from core.errors import DomainError

THREADS = 20


def run_together(target, count: int) -> list:
    barrier = threading.Barrier(count)
    results: list = []

    def worker(n):
        try:
            barrier.wait()
            results.append(target(n))
        except DomainError as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    return results


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_wrong_passwords_raise_the_counter_by_exactly_twenty(
    live_personas, settings
):
    settings.AXES_FAILURE_LIMIT = 1000  # count, do not lock, for this measurement
    settings.ACCOUNTS_IP_FAILURE_LIMIT = 1000

    def attempt(n):
        return (
            Client()
            .post(
                "/login/", {"username": "alice", "password": f"wrong {n}"}, REMOTE_ADDR="10.9.9.9"
            )
            .status_code
        )

    assert run_together(attempt, THREADS) == [200] * THREADS
    total = sum(
        AccessAttempt.objects.filter(username="alice").values_list(
            "failures_since_start", flat=True
        )
    )
    assert total == THREADS


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_wrong_answers_get_no_more_tries_than_the_limit(live_personas, settings):
    alice = live_personas.alice
    services.request_password_reset(username="alice")
    link = PasswordResetLink.objects.filter(user=alice).latest("id")
    wrong = {str(a.question_id): "wrong" for a in SecretAnswer.objects.filter(user=alice)}

    def guess(n):
        services.reset_password(link, answers=wrong, new_password="x" * 20)
        return "reset"

    results = run_together(guess, THREADS)
    assert results.count("wrong_answers") == settings.RECOVERY_FAILURE_LIMIT
    assert results.count("recovery_locked") == THREADS - settings.RECOVERY_FAILURE_LIMIT
    assert RecoveryGuard.objects.get(user=alice).is_locked()
