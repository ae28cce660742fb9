"""A person who loses every role in an organization but stays a member keeps their grants
only if its Rights Administrators confirm them; a person who leaves loses them at once."""

import pytest
from django.test import Client

from registry import services as registry_services
from registry.models import RoleType
from systems import reviews
from systems.models import AccessReview
from systems.tests.helpers import grant, grants, start_review
from tasks.services import task_recipients

pytestmark = pytest.mark.django_db


def _role(code):
    return RoleType.objects.get(code=code)


def test_losing_every_role_raises_a_review_of_that_persons_grants(personas):
    grant(personas, "carol", "settlements")
    grant(personas, "erin", "metering")
    registry_services.remove_contact(
        personas.northwind,
        personas.person("carol"),
        _role("invoicing_banking_contact"),
        actor=personas.alice,
    )
    review = AccessReview.objects.get()
    assert review.person == personas.person("carol") and review.campaign is None
    assert list(review.items.values_list("person_name", "system_name")) == [
        ("Carol Singh", "Settlement Statements")
    ]
    assert [u.username for u in task_recipients(review.task)] == ["dave"]
    assert "Review Carol Singh's access for Northwind Power Corp." in review.task.summary
    # The page says the portal raised it: Alice removed a role, she did not ask for a review.
    client = Client()
    client.force_login(personas.dave)
    page = client.get(f"/tasks/{review.task.pk}/").content.decode()
    assert "Raised by" in page and "Asked by" not in page
    assert "The portal, because Carol Singh no longer holds a role at Northwind" in page
    reviews.revoke_review_item(review, review.items.get(), actor=personas.dave)
    assert grants(personas.northwind, personas.person("carol")) == {}


def test_keeping_another_role_or_holding_no_grant_raises_nothing(personas):
    registry_services.add_contact(
        personas.northwind, personas.person("carol"), _role("primary_contact"), actor=personas.alice
    )
    grant(personas, "carol", "settlements")
    registry_services.remove_contact(
        personas.northwind,
        personas.person("carol"),
        _role("invoicing_banking_contact"),
        actor=personas.alice,
    )
    registry_services.remove_contact(
        personas.northwind, personas.person("alice"), _role("primary_contact"), actor=personas.bob
    )  # Alice has no grant
    assert not AccessReview.objects.exists()


def test_leaving_revokes_at_once_and_settles_the_pending_review_items(personas):
    grant(personas, "erin", "metering")
    review = start_review(personas).reviews.get()
    registry_services.remove_member(
        personas.northwind, personas.person("erin"), actor=personas.alice
    )
    assert grants(personas.northwind, personas.person("erin")) == {}
    item = review.items.get()
    assert (item.decision, item.grant_id, item.decided_by_label) == (
        "revoked",
        None,
        "Alice Martin",
    )
    assert AccessReview.objects.count() == 1  # nothing left to review: no new task
    reviews.lapse_overdue_reviews(today=review.deadline.replace(year=review.deadline.year + 1))
    review.refresh_from_db()
    assert review.state == "completed"
