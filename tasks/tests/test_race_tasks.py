"""Claim and decision under real concurrency, on PostgreSQL, one connection per thread:
two people accepting at once, or one approving while another rejects, leave exactly one
winner, one terminal state and one decision in the audit log."""

import threading

import pytest
from django.db import close_old_connections, connection

from audit.models import AuditEntry
from core.errors import DomainError
from tasks import services
from tasks.models import Task
from tasks.tests import helpers
from tasks.tests.helpers import make_task

ROUNDS = 20

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def _race(*calls) -> list[str]:
    barrier = threading.Barrier(len(calls))
    results: list[str] = []

    def run(call):
        try:
            barrier.wait()
            call()
            results.append("won")
        except DomainError as exc:
            results.append(exc.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    close_old_connections()
    return sorted(results)


def test_two_members_accepting_at_once_leave_exactly_one_claim(live_personas):
    p = live_personas
    for _ in range(ROUNDS):
        task = make_task(p)
        outcome = _race(
            lambda t=task: services.accept_task(t, actor=p.alice),
            lambda t=task: services.accept_task(t, actor=p.bob),
        )
        assert outcome == ["task_taken", "won"]
        task.refresh_from_db()
        assert task.state == "accepted"
        assert task.events.filter(action="accepted").count() == 1


def test_approve_and_reject_at_once_leave_one_decision_applied_once(live_personas):
    p = live_personas
    helpers.calls.clear()
    for _ in range(ROUNDS):
        task = make_task(p)
        outcome = _race(
            lambda t=task: services.approve_task(t, actor=p.alice),
            lambda t=task: services.reject_task(t, actor=p.bob, comment="No."),
        )
        assert outcome in (["task_taken", "won"], ["already_decided", "won"])
        task.refresh_from_db()
        assert task.state in ("approved", "rejected")
        decisions = AuditEntry.objects.filter(
            target_type="task",
            target_id=str(task.pk),
            outcome="done",
            action__in=["task.approved", "task.rejected"],
        )
        assert decisions.count() == 1
        assert [c for c in helpers.calls if c[1] == task.pk].__len__() == 1
    assert Task.objects.filter(state__in=["open", "accepted"]).count() == 0
