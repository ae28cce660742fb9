import pytest
from django.urls import reverse

from core.errors import Forbidden, NotFound, RuleViolation
from systems import reviews
from systems.models import AccessGrant
from systems.tests.helpers import grant, last_audit, start_review

pytestmark = pytest.mark.django_db


@pytest.fixture
def review(personas):
    grant(personas, "erin", "metering")
    grant(personas, "dave", "settlements")
    return start_review(personas).reviews.get()


def _item(review, name):
    return review.items.get(person_name__startswith=name)


def test_a_rights_administrator_confirms_a_members_grant(personas, review):
    item = reviews.confirm_review_item(review, _item(review, "Erin"), actor=personas.dave)
    assert (item.decision, item.decided_by, item.decided_by_label) == (
        "confirmed",
        personas.dave,
        "Dave Okafor",
    )
    assert AccessGrant.objects.get(pk=item.grant_id).confirmed_at == item.decided_at
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.target_id) == (
        "access.confirmed",
        "done",
        f"{personas.person('erin').person_id}",
    )


def test_nobody_confirms_their_own_grant(personas, review):
    with pytest.raises(Forbidden) as exc:
        reviews.confirm_review_item(review, _item(review, "Dave"), actor=personas.dave)
    assert exc.value.code == "own_grant"
    assert "Nobody confirms or revokes their own access" in exc.value.message
    assert _item(review, "Dave").decision == "pending"
    assert (last_audit().action, last_audit().outcome) == ("access_review.confirm", "refused")
    # Operator staff (who received the task too) may.
    reviews.confirm_review_item(review, _item(review, "Dave"), actor=personas.staff)
    assert _item(review, "Dave").decision == "confirmed"


@pytest.mark.parametrize("actor", ["alice", "bob", "carol", "erin", "ivan"])
def test_only_a_rights_administrator_of_the_organization_confirms(personas, review, actor):
    with pytest.raises(Forbidden):
        reviews.confirm_review_item(review, _item(review, "Erin"), actor=getattr(personas, actor))
    assert _item(review, "Erin").decision == "pending"
    assert (last_audit().action, last_audit().outcome) == ("access_review.confirm", "refused")


def test_an_item_is_decided_once(personas, review):
    reviews.confirm_review_item(review, _item(review, "Erin"), actor=personas.dave)
    with pytest.raises(RuleViolation) as exc:
        reviews.confirm_review_item(review, _item(review, "Erin"), actor=personas.dave)
    assert exc.value.code == "already_decided"


def test_the_task_page_lists_the_grants_with_their_buttons(client, personas, review):
    client.force_login(personas.dave)
    page = client.get(reverse("tasks-detail", args=[review.task_id])).content.decode()
    assert "Grants under review" in page
    assert "Erin Walsh" in page and "Metering Data" in page
    assert 'Confirm<span class="visually-hidden"> Erin Walsh\'s access to Metering Data' in page
    assert 'Confirm<span class="visually-hidden"> Dave Okafor\'s' not in page
    assert "(your own: someone else decides)" in page
    assert "Confirm all" in page


def test_the_confirm_button_confirms_and_says_so(client, personas, review):
    client.force_login(personas.dave)
    url = reverse("systems-review-confirm", args=[review.pk, _item(review, "Erin").pk])
    response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == reverse("tasks-detail", args=[review.task_id])
    assert "Confirmed: Erin Walsh keeps Metering Data (read)" in response.content.decode()
    assert _item(review, "Erin").decision == "confirmed"


def test_the_confirm_button_shows_a_refusal(client, personas, review):
    client.force_login(personas.dave)
    url = reverse("systems-review-confirm", args=[review.pk, _item(review, "Dave").pk])
    page = client.post(url, follow=True).content.decode()
    assert "Nobody confirms or revokes their own access" in page
    assert _item(review, "Dave").decision == "pending"


def test_another_organizations_rights_administrator_finds_nothing(client, personas, review):
    item = _item(review, "Erin")
    with pytest.raises(NotFound):
        from systems.access import get_review_for

        get_review_for(personas.frank, review.pk)
    with pytest.raises(NotFound):  # the service refuses Frank too, and audits it
        reviews.confirm_review_item(review, item, actor=personas.frank)
    assert (last_audit().action, last_audit().outcome) == ("access_review.confirm", "refused")
    client.force_login(personas.frank)
    url = reverse("systems-review-confirm", args=[review.pk, item.pk])
    assert client.post(url).status_code == 404
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.actor_label, entry.org_id) == (
        "access_review.confirm",
        "refused",
        "Frank Dubois",
        personas.northwind.org_id,
    )
    assert client.get(reverse("tasks-detail", args=[review.task_id])).status_code == 404
    assert _item(review, "Erin").decision == "pending"
