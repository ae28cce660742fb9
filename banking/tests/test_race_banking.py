"""Banking changes under real concurrency on PostgreSQL: a decision races another decision,
and two submissions race each other."""

import pytest

from banking import crypto, services
from banking.models import BankingChange, BankingInformation
from banking.tests.helpers import NEW, letter
from core.testing import race
from tasks import services as task_services
from tasks.models import Task

ROUNDS = 10

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_approve_and_reject_at_once_apply_the_change_at_most_once(live_personas):
    p = live_personas
    for index in range(ROUNDS):
        account = f"{7000000 + index}"
        change = services.submit_banking_change(
            p.northwind, data={**NEW, "account_number": account}, file=letter(), actor=p.carol
        )
        task = Task.objects.get(kind="banking_change", subject_id=change.pk)
        before = BankingInformation.objects.get(organization=p.northwind).version
        outcome = race(
            lambda t=task: task_services.approve_task(t, actor=p.alice),
            lambda t=task: task_services.reject_task(t, actor=p.bob, comment="No."),
        )
        assert outcome in (["done", "task_taken"], ["already_decided", "done"])
        change.refresh_from_db()
        info = BankingInformation.objects.get(organization=p.northwind)
        if change.state == "approved":
            assert (
                crypto.decrypt(live_personas.northwind.org_id, info.numbers)["account"] == account
            )
            assert info.version == change.version
        else:
            assert change.state == "rejected" and info.version == before


def test_two_submissions_at_once_leave_exactly_one_pending_change_and_open_task(
    live_personas,
):
    p = live_personas
    for _ in range(ROUNDS):
        outcome = race(
            lambda: services.submit_banking_change(
                p.northwind, data=NEW, file=letter(), actor=p.carol
            ),
            lambda: services.submit_banking_change(
                p.northwind, data=NEW, file=letter(), actor=p.carol
            ),
        )
        assert outcome == ["done", "done"]
        assert BankingChange.objects.filter(state="pending").count() == 1
        assert Task.objects.open().filter(kind="banking_change").count() == 1


RESUBMIT_ROUNDS = 40


def test_resubmitting_while_another_contact_decides_never_deadlocks(live_personas):
    """Issue 22 finding 11: the submission locked the change then its task, the decision the
    task then the change; 5 rounds of 40 deadlocked (a 500). One lock order now (the
    organization first): either the decision lands first and the new submission simply
    follows, or the submission withdraws the task and the decision is a 409 in words."""
    p = live_personas
    for index in range(RESUBMIT_ROUNDS):
        change = services.submit_banking_change(
            p.northwind,
            data={**NEW, "account_number": f"{8000000 + index}"},
            file=letter(),
            actor=p.carol,
        )
        task = Task.objects.get(kind="banking_change", subject_id=change.pk)
        decide = (
            (lambda t=task: task_services.approve_task(t, actor=p.alice))
            if index % 2 == 0
            else (lambda t=task: task_services.reject_task(t, actor=p.bob, comment="No."))
        )
        outcome = race(
            lambda: services.submit_banking_change(
                p.northwind, data=NEW, file=letter(), actor=p.carol
            ),
            decide,
        )
        assert outcome in (["done", "done"], ["already_decided", "done"]), (index, outcome)
        change.refresh_from_db()
        assert change.state in ("approved", "rejected", "superseded")
        pending = BankingChange.objects.filter(organization=p.northwind, state="pending")
        assert pending.count() == 1
        open_tasks = Task.objects.open().filter(kind="banking_change", organization=p.northwind)
        assert open_tasks.count() == 1
