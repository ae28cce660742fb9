"""A confirmation racing the deadline sweep, on PostgreSQL with real threads: exactly one of
them decides each grant. Either every grant is confirmed and kept, or every one lapses and is
revoked; never a confirmed grant that was revoked, nor a lapsed one that survives."""

import datetime

import pytest

from core.testing import race
from systems import reviews, services
from systems.models import AccessGrant
from systems.tests.helpers import start_review, system

ROUNDS = 25


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_racing_the_deadline_sweep_never_both_win(live_personas):
    p = live_personas
    org = p.northwind
    seen = set()
    for n in range(ROUNDS):
        for name, code in [("erin", "metering"), ("carol", "settlements"), ("bob", "mpi")]:
            services.grant_access(org, p.person(name), system(code), actor=p.staff)
        review = start_review(p, days=1, name=f"Race {n}").reviews.get()
        after = review.deadline + datetime.timedelta(days=1)
        outcome = race(
            lambda review=review: reviews.confirm_all(review, actor=p.dave),
            lambda after=after: reviews.lapse_overdue_reviews(today=after),
        )
        review.refresh_from_db()
        decisions = {i.decision for i in review.items.all()}
        kept = AccessGrant.objects.filter(organization=org).count()
        if outcome == ["done", "done"]:  # the confirmation came first
            assert (decisions, review.state, kept) == ({"confirmed"}, "completed", 3)
            assert all(i.grant_id for i in review.items.all())
        else:  # the sweep came first; the confirmation found the review lapsed
            assert outcome == ["already_decided", "done"]
            assert (decisions, review.state, kept) == ({"lapsed"}, "lapsed", 0)
            assert not any(i.grant_id for i in review.items.all())
        seen.add(tuple(outcome))
        AccessGrant.objects.filter(organization=org).delete()
    print(f"{ROUNDS} rounds, outcomes seen: {sorted(seen)}")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_approving_the_task_racing_the_sweep_closes_the_review_once_without_deadlock(
    live_personas,
):
    """Both take the task row first, then the review (see systems/reviews.py): no deadlock,
    and exactly one of them closes the review."""
    from tasks import services as task_services
    from tasks.models import Task

    p = live_personas
    org = p.northwind
    seen = set()
    for n in range(ROUNDS):
        services.grant_access(org, p.person("erin"), system("metering"), actor=p.staff)
        review = start_review(p, days=1, name=f"Approve {n}").reviews.get()
        reviews.confirm_all(review, actor=p.dave)
        after = review.deadline + datetime.timedelta(days=1)
        outcome = race(
            lambda review=review: task_services.approve_task(review.task, actor=p.dave),
            lambda after=after: reviews.lapse_overdue_reviews(today=after),
        )
        assert outcome in (["done", "done"], ["already_decided", "done"]), outcome
        review.refresh_from_db()
        task = Task.objects.get(pk=review.task_id)
        assert review.state == "completed"
        assert task.state == ("approved" if outcome == ["done", "done"] else "expired")
        assert AccessGrant.objects.filter(organization=org).count() == 1  # confirmed: kept
        seen.add(tuple(outcome))
        AccessGrant.objects.filter(organization=org).delete()
    print(f"{ROUNDS} rounds, outcomes seen: {sorted(seen)}")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_double_submitted_campaign_starts_once(live_personas):
    from systems.models import AccessReview

    p = live_personas
    services.grant_access(p.northwind, p.person("erin"), system("metering"), actor=p.staff)
    for n in range(10):
        outcome = race(
            lambda n=n: start_review(p, name=f"Twice {n}"),
            lambda n=n: start_review(p, name=f"TWICE {n}"),
        )
        assert outcome == ["done", "duplicate_campaign"]
    assert AccessReview.objects.count() == 10
