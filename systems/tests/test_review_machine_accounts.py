"""Machine accounts are part of access reviews (issue 18): a campaign lists each organization's
machine accounts in force beside its grants; confirming keeps one, revoking (or the deadline
passing unconfirmed) ends it with its client, and one that ends otherwise is settled."""

import datetime

import pytest

from core.errors import Forbidden
from core.testing import last_audit
from systems import machines, reviews
from systems.demo import DEMO_MACHINE
from systems.models import AccessReviewItem, MachineAccount
from systems.tests.helpers import start_review
from tasks.services import task_recipients

pytestmark = pytest.mark.django_db


@pytest.fixture
def machine(personas) -> MachineAccount:
    return MachineAccount.objects.get(organization=personas.northwind, name=DEMO_MACHINE["name"])


def _review_and_item(personas, machine):
    review = start_review(
        personas, organizations=f"{personas.northwind.org_id}", machines=True
    ).reviews.get()
    return review, review.items.get(machine_account=machine)


def test_a_campaign_reviews_the_machine_accounts_in_force(personas, machine):
    review, item = _review_and_item(personas, machine)
    assert item.person == machine.owner and item.system == machine.system
    assert item.level == machine.level and machine.name in item.person_name
    assert "machine account" in review.task.summary
    # Its owner is Northwind's only Rights Administrator: operator staff receive the task too.
    assert "staff" in {u.username for u in task_recipients(review.task)}


def test_its_owner_does_not_decide_it(personas, machine):
    review, item = _review_and_item(personas, machine)
    with pytest.raises(Forbidden) as own:
        reviews.confirm_review_item(review, item, actor=personas.dave)
    assert own.value.code == "own_grant"


def test_confirming_keeps_it(personas, machine):
    review, item = _review_and_item(personas, machine)
    reviews.confirm_review_item(review, item, actor=personas.staff)
    item.refresh_from_db()
    machine.refresh_from_db()
    assert item.decision == "confirmed" and machine.state == "active"
    assert last_audit().action == "machine_account.confirmed"


def test_revoking_ends_it_and_its_client(personas, machine):
    review, item = _review_and_item(personas, machine)
    reviews.revoke_review_item(review, item, actor=personas.staff)
    item.refresh_from_db()
    machine.refresh_from_db()
    assert item.decision == "revoked"
    assert machine.state == "revoked" and machine.application_id is None
    assert last_audit("machine_account.revoked").details["reason"] == "revoked in an access review"


def test_confirm_all_includes_it(personas, machine):
    review, item = _review_and_item(personas, machine)
    reviews.confirm_all(review, actor=personas.staff)
    item.refresh_from_db()
    assert item.decision == "confirmed"


def test_unconfirmed_at_the_deadline_it_is_revoked(personas, machine):
    review, item = _review_and_item(personas, machine)
    reviews.lapse_overdue_reviews(today=review.deadline + datetime.timedelta(days=1))
    item.refresh_from_db()
    machine.refresh_from_db()
    assert item.decision == "lapsed" and machine.state == "revoked"


def test_one_revoked_on_manage_access_is_settled_in_the_review(personas, machine):
    review, item = _review_and_item(personas, machine)
    machines.revoke_machine_account(machine, actor=personas.staff, reason="Not used")
    item.refresh_from_db()
    assert item.decision == AccessReviewItem.Decision.REVOKED
    if review.items.filter(decision="pending").exists():  # the grants, if any
        reviews.confirm_all(review, actor=personas.staff)
    assert reviews.approve_refusal(review.task) is None  # nothing left pending


def test_the_review_page_asks_before_revoking_a_machine_account(client, personas, machine):
    from django.urls import reverse

    review, item = _review_and_item(personas, machine)
    client.force_login(personas.staff)
    task_page = client.get(reverse("tasks-detail", args=[review.task_id])).content.decode()
    assert machine.name in task_page
    url = reverse("systems-review-revoke", args=[review.pk, item.pk])
    question = client.get(url).content.decode()
    assert "stops working at once" in question
    response = client.post(url)
    assert response.status_code == 302
    machine.refresh_from_db()
    assert machine.state == "revoked"
