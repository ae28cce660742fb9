"""The access-review operations of the JSON API, their permission matrix, and their query
counts (constant whatever the number of reviews, campaigns or grants)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing import DEMO
from systems.models import AccessGrant, AccessReview, AccessReviewCampaign, AccessReviewItem
from systems.tests.helpers import grant, last_audit, start_review

pytestmark = pytest.mark.django_db

API = "/api/v1"


@pytest.fixture
def review(personas):
    grant(personas, "erin", "metering")
    grant(personas, "alice", "mpi")
    grant(personas, "grace", "mpi", org="lakeshore")
    campaign = start_review(personas)
    return campaign.reviews.get(organization=personas.northwind)


def _in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _post(client, url, body=None):
    return client.post(url, body or {}, content_type="application/json")


def test_a_rights_administrator_reads_and_decides_a_review(client, personas, review):
    client.force_login(personas.dave)
    body = client.get(f"{API}/access-reviews/{review.pk}").json()
    assert (body["org_id"], body["state"], body["pending"], body["task_id"]) == (
        personas.northwind.org_id,
        "open",
        2,
        review.task_id,
    )
    erin = next(i for i in body["items"] if i["person_id"] == personas.person("erin").person_id)
    assert erin | {"item_id": 0, "grant_id": 0} == {
        "item_id": 0,
        "grant_id": 0,
        "machine_account_id": None,
        "person_id": personas.person("erin").person_id,
        "name": "Erin Walsh",
        "system": "metering",
        "system_name": "Metering Data",
        "level": "read",
        "decision": "pending",
        "decided_by": None,
        "decided_at": None,
    }
    base = f"{API}/access-reviews/{review.pk}/items/{erin['item_id']}"
    after = _post(client, f"{base}/revoke").json()
    assert (after["pending"], after["revoked"]) == (1, 1)
    again = _post(client, f"{base}/confirm")
    assert (again.status_code, again.json()["code"]) == (409, "already_decided")
    done = _post(client, f"{API}/access-reviews/{review.pk}/confirm-all").json()
    assert (done["pending"], done["confirmed"], done["revoked"]) == (0, 1, 1)


def test_staff_start_a_campaign_through_the_api(client, personas, review):
    client.force_login(personas.staff)
    response = _post(
        client,
        f"{API}/access-review-campaigns",
        {
            "name": "Lakeshore only",
            "deadline": _in_days(30),
            "org_ids": [personas.lakeshore.org_id],
        },
    )
    assert response.status_code == 201, response.content
    assert response.json() | {"campaign_id": 0} == {
        "campaign_id": 0,
        "name": "Lakeshore only",
        "deadline": _in_days(30),
        "state": "open",
        "all_organizations": False,
        "reviews": 1,
        "pending": 1,
        "confirmed": 0,
        "revoked": 0,
        "lapsed": 0,
    }


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"name": "x", "deadline": "2001-01-01"}, 409, "deadline_passed"),
        ({"name": "x", "deadline": "2099-01-01", "org_ids": [999999]}, 404, "not_found"),
        ({"name": "x", "deadline": "2099-01-01", "org_ids": [0]}, 422, "invalid"),
        ({"name": "x", "deadline": "not a date"}, 422, "invalid"),
        ({"name": "", "deadline": "2099-01-01"}, 422, "invalid"),
        ({"name": "x", "deadline": "2099-01-01", "extra": 1}, 422, "invalid"),
        ({"name": "Q1 access review", "deadline": "2099-01-01"}, 409, "duplicate_campaign"),
    ],
)
def test_bad_campaigns_are_refused_and_start_nothing(client, personas, review, body, status, code):
    client.force_login(personas.staff)
    response = _post(client, f"{API}/access-review-campaigns", body)
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert AccessReviewCampaign.objects.count() == 1


# (persona, method, path, expected status). {review}: Northwind's review; {item}: Erin's item
# in it; {own}: Dave's own item; {pc}: Alice's (a Primary Contact's) item; {other}: Lakeshore's
# review; {other_item}: Grace's item in it.
MATRIX = [
    ("dave", "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 200),
    ("staff", "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 200),
    ("alice", "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 403),
    ("erin", "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 403),
    ("ivan", "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 403),
    ("frank", "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 404),
    ("dave", "get", f"/organizations/{DEMO.lakeshore.org_id}/access-reviews", 404),
    ("dave", "get", "/access-reviews/{review}", 200),
    ("staff", "get", "/access-reviews/{review}", 200),
    ("bob", "get", "/access-reviews/{review}", 403),
    ("erin", "get", "/access-reviews/{review}", 403),
    ("frank", "get", "/access-reviews/{review}", 404),
    ("dave", "get", "/access-reviews/{other}", 404),
    ("ivan", "get", "/access-reviews/{other}", 200),
    ("dave", "get", "/access-reviews/999999", 404),
    ("dave", "post", "/access-reviews/{review}/items/{item}/confirm", 200),
    ("staff", "post", "/access-reviews/{review}/items/{item}/confirm", 200),
    ("alice", "post", "/access-reviews/{review}/items/{item}/confirm", 403),
    ("bob", "post", "/access-reviews/{review}/items/{item}/confirm", 403),
    ("carol", "post", "/access-reviews/{review}/items/{item}/confirm", 403),
    ("erin", "post", "/access-reviews/{review}/items/{item}/confirm", 403),
    ("ivan", "post", "/access-reviews/{review}/items/{item}/confirm", 403),
    ("frank", "post", "/access-reviews/{review}/items/{item}/confirm", 404),
    ("dave", "post", "/access-reviews/{review}/items/{other_item}/confirm", 404),
    ("dave", "post", "/access-reviews/{other}/items/{other_item}/confirm", 404),
    ("dave", "post", "/access-reviews/{review}/items/{own}/confirm", 403),
    ("staff", "post", "/access-reviews/{review}/items/{own}/confirm", 200),
    ("dave", "post", "/access-reviews/{review}/items/{item}/revoke", 200),
    ("staff", "post", "/access-reviews/{review}/items/{pc}/revoke", 200),
    ("dave", "post", "/access-reviews/{review}/items/{pc}/revoke", 403),
    ("dave", "post", "/access-reviews/{review}/items/{own}/revoke", 403),
    ("erin", "post", "/access-reviews/{review}/items/{item}/revoke", 403),
    ("frank", "post", "/access-reviews/{review}/items/{item}/revoke", 404),
    ("dave", "post", "/access-reviews/{review}/confirm-all", 200),
    ("staff", "post", "/access-reviews/{review}/confirm-all", 200),
    ("alice", "post", "/access-reviews/{review}/confirm-all", 403),
    ("erin", "post", "/access-reviews/{review}/confirm-all", 403),
    ("frank", "post", "/access-reviews/{review}/confirm-all", 404),
    ("frank", "post", "/access-reviews/{other}/confirm-all", 200),
    ("staff", "get", "/access-review-campaigns", 200),
    ("dave", "get", "/access-review-campaigns", 403),
    ("erin", "get", "/access-review-campaigns", 403),
    ("staff", "post", "/access-review-campaigns", 201),
    ("alice", "post", "/access-review-campaigns", 403),
    ("dave", "post", "/access-review-campaigns", 403),
    ("frank", "post", "/access-review-campaigns", 403),
    (None, "get", f"/organizations/{DEMO.northwind.org_id}/access-reviews", 401),
    (None, "get", "/access-reviews/{review}", 401),
    (None, "post", "/access-reviews/{review}/confirm-all", 401),
    (None, "post", "/access-review-campaigns", 401),
]


def _state() -> tuple:
    return (
        AccessGrant.objects.count(),
        AccessReviewCampaign.objects.count(),
        AccessReview.objects.count(),
        sorted(AccessReviewItem.objects.values_list("pk", "decision", "grant_id")),
    )


@pytest.mark.parametrize("persona, method, path, expected", MATRIX)
def test_permission_matrix(client, personas, persona, method, path, expected):
    grant(personas, "erin", "metering")
    grant(personas, "alice", "mpi")
    grant(personas, "dave", "settlements")
    grant(personas, "grace", "mpi", org="lakeshore")
    campaign = start_review(personas)
    review = campaign.reviews.get(organization=personas.northwind)
    other = campaign.reviews.get(organization=personas.lakeshore)
    ids = {
        "review": review.pk,
        "other": other.pk,
        "item": review.items.get(person_name="Erin Walsh").pk,
        "own": review.items.get(person_name="Dave Okafor").pk,
        "pc": review.items.get(person_name="Alice Martin").pk,
        "other_item": other.items.get().pk,
    }
    before = _state()
    if persona:
        client.force_login(getattr(personas, persona))
    url = API + path.format(**ids)
    if method == "post":
        body = {"name": "Another", "deadline": _in_days(9)} if "campaigns" in path else {}
        response = _post(client, url, body)
    else:
        response = client.get(url)
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert _state() == before
        assert response.json()["detail"]
    # A refused decision is on record (an item id that is not in the review is only bad
    # input: nothing was refused).
    mismatch = "{review}/items/{other_item}" in path
    if expected in (403, 404) and method == "post" and persona and not mismatch:
        entry = last_audit()
        assert (entry.outcome, entry.actor_label) == ("refused", _name(personas, persona))


def _name(personas, persona: str) -> str:
    user = getattr(personas, persona)
    return user.person.full_name if hasattr(user, "person") else user.username


def _more_data(personas, rounds: int) -> None:
    """`rounds` more campaigns, each with a review of Northwind's growing grants."""
    for n in range(rounds):
        grant(personas, ["bob", "carol", "erin"][n % 3], ["settlements", "metering"][n % 2])
        start_review(personas, name=f"Extra {n}")


def test_the_list_endpoints_run_a_fixed_number_of_queries(
    client, personas, review, django_assert_num_queries
):
    client.force_login(personas.dave)
    reviews_url = f"{API}/organizations/{personas.northwind.org_id}/access-reviews"
    # session, user, organization (access), the actor's roles, count, reviews with counts
    with django_assert_num_queries(6):
        assert client.get(reviews_url).json()["count"] == 1
    detail_url = f"{API}/access-reviews/{review.pk}"
    # session, user, review with organization/campaign/task, visibility, roles, items
    with django_assert_num_queries(6):
        client.get(detail_url)
    client.force_login(personas.staff)
    campaigns_url = f"{API}/access-review-campaigns"
    # session, user, count, campaigns with counts
    with django_assert_num_queries(4):
        assert client.get(campaigns_url).json()["count"] == 1
    _more_data(personas, 4)
    with django_assert_num_queries(4):
        assert client.get(campaigns_url).json()["count"] == 5
    client.force_login(personas.dave)
    with django_assert_num_queries(6):
        assert client.get(reviews_url).json()["count"] == 5
    bigger = AccessReview.objects.filter(organization=personas.northwind).order_by("-pk")[0]
    assert bigger.items.count() > review.items.count()
    with django_assert_num_queries(6):
        client.get(f"{API}/access-reviews/{bigger.pk}")


def test_the_pages_run_a_fixed_number_of_queries(
    client, personas, review, django_assert_num_queries
):
    """The task page's review table and the staff progress pages, at two sizes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(url) -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    client.force_login(personas.staff)
    campaign_url = reverse("systems-review-campaign", args=[review.campaign_id])
    pages = [reverse("systems-review-campaigns"), campaign_url]
    small = [count(url) for url in pages]
    client.force_login(personas.dave)
    task_small = count(reverse("tasks-detail", args=[review.task_id]))
    _more_data(personas, 4)
    bigger = AccessReview.objects.filter(organization=personas.northwind).order_by("-pk")[0]
    client.force_login(personas.staff)
    assert [count(url) for url in pages] == small
    client.force_login(personas.dave)
    assert count(reverse("tasks-detail", args=[bigger.task_id])) == task_small
