"""The Reject button appears only on tasks whose kind can be rejected: an access review is
completed, never rejected."""

import pytest
from django.urls import reverse

from banking import services as banking_services
from banking.tests.helpers import NEW, letter
from systems.tests.helpers import grant, start_review
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _page(client, user, task) -> str:
    client.force_login(user)
    return client.get(reverse("tasks-detail", args=[task.pk])).content.decode()


def test_an_access_review_task_offers_approve_but_not_reject(personas, client):
    from systems import reviews

    grant(personas, "erin", "metering")
    review = start_review(personas, organizations=f"{personas.northwind.org_id}").reviews.get()
    # With a grant undecided, Approve is not offered (it would be refused): the page says why.
    page = _page(client, personas.dave, review.task)
    assert reverse("tasks-approve", args=[review.task.pk]) not in page
    assert "1 grant is still undecided" in page
    assert reverse("tasks-reject", args=[review.task.pk]) not in page
    decide = client.get(reverse("tasks-approve", args=[review.task.pk])).content.decode()
    assert "1 grant is still undecided" in decide
    assert '<button type="submit" class="button">Approve</button>' not in decide
    reviews.confirm_all(review, actor=personas.dave)
    page = _page(client, personas.dave, review.task)
    assert reverse("tasks-approve", args=[review.task.pk]) in page
    assert reverse("tasks-reject", args=[review.task.pk]) not in page


def test_a_banking_change_task_offers_both(personas, client):
    change = banking_services.submit_banking_change(
        personas.northwind, data=NEW, file=letter(), actor=personas.carol
    )
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    page = _page(client, personas.bob, task)
    assert reverse("tasks-approve", args=[task.pk]) in page
    assert reverse("tasks-reject", args=[task.pk]) in page
