import pytest
from django.urls import reverse

from core.errors import Forbidden
from systems import reviews
from systems.models import AccessGrant
from systems.tests.helpers import grant, grants, last_audit, start_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas):
    grant(personas, "erin", "metering")
    grant(personas, "alice", "mpi")
    return start_review(personas).reviews.get()


def _item(review, name):
    return review.items.get(person_name__startswith=name)


def test_a_rights_administrator_revokes_and_the_person_is_told(
    personas, review, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        item = reviews.revoke_review_item(review, _item(review, "Erin"), actor=personas.dave)
    item.refresh_from_db()
    assert item.decision == "revoked" and item.grant_id is None
    assert grants(personas.northwind, personas.person("erin")) == {}
    assert (last_audit().action, last_audit().target_id) == (
        "access.revoked",
        f"{personas.person('erin').person_id}",
    )
    told = [m for m in mailoutbox if m.subject == "Your access to Metering Data has ended"]
    assert told[0].to == [personas.person("erin").email]
    assert "revoked in an access review" in told[0].body


def test_a_primary_contacts_grant_is_revoked_only_by_staff(personas, review):
    with pytest.raises(Forbidden) as exc:
        reviews.revoke_review_item(review, _item(review, "Alice"), actor=personas.dave)
    assert "only operator staff can revoke their access" in exc.value.message
    assert _item(review, "Alice").decision == "pending"
    assert AccessGrant.objects.filter(person=personas.person("alice")).exists()
    reviews.revoke_review_item(review, _item(review, "Alice"), actor=personas.staff)
    assert not AccessGrant.objects.filter(person=personas.person("alice")).exists()


def test_the_revoke_page_asks_for_confirmation_then_revokes(client, personas, review):
    client.force_login(personas.dave)
    url = reverse("systems-review-revoke", args=[review.pk, _item(review, "Erin").pk])
    page = client.get(url).content.decode()
    assert "Revoke Erin Walsh's access to Metering Data?" in page
    assert _item(review, "Erin").decision == "pending"
    response = client.post(url, follow=True)
    assert "Revoked: Erin Walsh no longer has access to Metering Data" in response.content.decode()
    assert _item(review, "Erin").decision == "revoked"


def test_the_task_page_offers_no_revoke_for_a_primary_contact(client, personas, review):
    client.force_login(personas.dave)
    page = client.get(reverse("tasks-detail", args=[review.task_id])).content.decode()
    assert 'Revoke<span class="visually-hidden"> Erin Walsh\'s' in page
    assert 'Revoke<span class="visually-hidden"> Alice Martin\'s' not in page
