"""Claim and decision under real concurrency, on PostgreSQL, one connection per thread:
two people accepting at once, or one approving while another rejects, leave exactly one
winner, one terminal state and one decision in the audit log."""

import pytest

from audit.models import AuditEntry
from core.testing import race
from tasks import services
from tasks.models import Task
from tasks.tests import helpers
from tasks.tests.helpers import make_task

ROUNDS = 20

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_members_accepting_at_once_leave_exactly_one_claim(live_personas):
    p = live_personas
    for _ in range(ROUNDS):
        task = make_task(p)
        outcome = race(
            lambda t=task: services.accept_task(t, actor=p.alice),
            lambda t=task: services.accept_task(t, actor=p.bob),
        )
        assert outcome == ["done", "task_taken"]
        task.refresh_from_db()
        assert task.state == "accepted"
        assert task.events.filter(action="accepted").count() == 1


def test_approve_and_reject_at_once_leave_one_decision_applied_once(live_personas):
    p = live_personas
    helpers.calls.clear()
    for _ in range(ROUNDS):
        task = make_task(p)
        outcome = race(
            lambda t=task: services.approve_task(t, actor=p.alice),
            lambda t=task: services.reject_task(t, actor=p.bob, comment="No."),
        )
        assert outcome in (["done", "task_taken"], ["already_decided", "done"])
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
