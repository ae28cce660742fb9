import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from core.testing import DEMO
from systems import reviews
from systems.models import AccessReview, AccessReviewCampaign
from systems.tests.helpers import grant, last_audit, start_review
from tasks.models import Task
from tasks.services import task_recipients

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(personas):
    return [
        grant(personas, "erin", "metering"),
        grant(personas, "alice", "mpi", level="submit"),
        grant(personas, "dave", "settlements"),
    ]


def test_staff_start_a_review_one_task_per_organization_with_grants(personas, grants):
    campaign = start_review(personas)
    [review] = campaign.reviews.all()  # Lakeshore has no grant: no review, no task
    assert review.organization == personas.northwind
    assert sorted(review.items.values_list("person_name", "system_name", "level")) == [
        ("Alice Martin", "Market Participant Interface", "submit"),
        ("Dave Okafor", "Settlement Statements", "read"),
        ("Erin Walsh", "Metering Data", "read"),
    ]
    assert review.task.kind == "access_review" and review.task.subject == review
    assert campaign.state == "open"
    assert (last_audit().action, last_audit().outcome) == ("access_review.campaign_started", "done")


def test_the_task_reaches_the_rights_administrators_only(personas, grants):
    task = start_review(personas).reviews.get().task
    # Dave is Northwind's only Rights Administrator and one of his own grants is under
    # review, so operator staff receive the task too (nobody confirms their own access).
    assert sorted(u.username for u in task_recipients(task)) == ["dave", "staff"]
    for name in ["alice", "bob", "carol", "erin", "frank", "grace", "ivan"]:
        assert not Task.objects.visible_to(getattr(personas, name)).filter(pk=task.pk).exists()


def test_without_own_grants_the_task_goes_to_the_rights_administrators_alone(personas):
    grant(personas, "erin", "metering")
    task = start_review(personas).reviews.get().task
    assert [u.username for u in task_recipients(task)] == ["dave"]


def test_some_organizations_by_id(personas, grants):
    grant(personas, "grace", "mpi", org="lakeshore")
    campaign = start_review(personas, organizations=f"{personas.lakeshore.org_id}")
    assert [r.organization.org_id for r in campaign.reviews.all()] == [personas.lakeshore.org_id]
    assert not campaign.all_organizations


def test_a_review_of_organizations_without_grants_opens_nothing_and_closes(personas):
    campaign = start_review(personas)
    assert not campaign.reviews.exists() and campaign.state == "closed"


@pytest.mark.parametrize("actor", ["alice", "bob", "dave", "erin", "frank"])
def test_only_operator_staff_start_a_review(personas, grants, actor):
    with pytest.raises(Forbidden):
        reviews.start_review_campaign(
            name="Mine",
            deadline=timezone.localdate() + datetime.timedelta(days=3),
            actor=getattr(personas, actor),
        )
    assert not AccessReviewCampaign.objects.exists() and not AccessReview.objects.exists()
    assert (last_audit().action, last_audit().outcome) == (
        "access_review.start_campaign",
        "refused",
    )


@pytest.mark.parametrize(
    "deadline, organizations, field, refusal",
    [
        (0, "", "deadline", RuleViolation),
        (-5, "", "deadline", RuleViolation),
        (3, "999999", "organizations", NotFound),
        (3, f"{DEMO.northwind.org_id}, abc", "organizations", Invalid),
    ],
)
def test_bad_input_is_refused_and_starts_nothing(
    personas, grants, deadline, organizations, field, refusal
):
    with pytest.raises(refusal) as exc:
        start_review(personas, days=deadline, organizations=organizations)
    assert field in exc.value.fields
    assert not AccessReviewCampaign.objects.exists()


def test_starting_the_same_review_twice_is_refused(personas, grants):
    start_review(personas)
    with pytest.raises(RuleViolation) as exc:
        start_review(personas)
    assert exc.value.code == "duplicate_campaign"
    assert AccessReview.objects.count() == 1


def test_the_staff_page_starts_a_review_and_shows_its_progress(client, personas, grants):
    client.force_login(personas.staff)
    start = reverse("systems-start-review-campaign")
    assert "Start an access review" in client.get(start).content.decode()
    deadline = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    response = client.post(
        start, {"name": "Q1", "deadline": deadline, "organizations": ""}, follow=True
    )
    page = response.content.decode()
    assert "Access review “Q1” started: 1 organization(s)" in page
    assert "Northwind Power Corp." in page and "Progress by organization" in page
    listing = client.get(reverse("systems-review-campaigns")).content.decode()
    assert ">Q1</a>" in listing


def test_the_staff_page_shows_what_to_correct(client, personas):
    client.force_login(personas.staff)
    response = client.post(
        reverse("systems-start-review-campaign"),
        {"name": "Q1", "deadline": "2001-01-01", "organizations": "999999"},
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "There is a problem" in page
    assert "The deadline must be a day after today." in page
    assert "No active organization has the ID 999999." in page
    assert not AccessReviewCampaign.objects.exists()


@pytest.mark.parametrize("name", ["alice", "dave", "erin"])
def test_the_staff_pages_do_not_exist_for_anyone_else(client, personas, name):
    client.force_login(getattr(personas, name))
    for url in [reverse("systems-review-campaigns"), reverse("systems-start-review-campaign")]:
        assert client.get(url).status_code == 404
    assert client.post(reverse("systems-start-review-campaign"), {"name": "x"}).status_code == 404
