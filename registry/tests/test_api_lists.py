"""Lists answer {"items", "count"}, page with limit (capped) and offset, order stably, and run a
fixed number of queries whatever the number of rows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from apitokens.tests.helpers import bearer, token_for
from audit.log import record
from core.api import MAX_LIMIT
from core.testing import DEMO
from registry.models import Membership, Person
from registry.tests.api_helpers import API

pytestmark = pytest.mark.django_db

# Every call below authenticates with a token: 1 query finds the token with its user.
LISTS = {
    # path: queries (besides the token lookup)
    "/organizations": 2,  # count, page
    # the organization, count and page of persons' assignments, count and page of sections'
    f"/organizations/{DEMO.northwind.org_id}/contacts": 5,
    # the organization, count, a page of sections (with waiting addresses), their roles
    f"/organizations/{DEMO.northwind.org_id}/sections": 4,
    # the organization, count, a page of members, their role assignments
    f"/organizations/{DEMO.northwind.org_id}/members": 4,
    # the organization, count, page (staff: no role query)
    f"/organizations/{DEMO.northwind.org_id}/audit": 3,
    # the (bounded) search, then its audit entry: two savepoints and their releases, the
    # chain head locked, the entry inserted, the head moved on
    "/persons?q=Zed": 8,
    "/me/api-tokens": 2,  # count, page
}


def _grow(personas, n: int) -> None:
    """n more members of Northwind, each with audit entries."""
    for i in range(n):
        person = Person.objects.create(
            person_id=600000 + i,
            first_name="Zed",
            last_name=f"Extra{i:03}",
            email=f"zed{i}@example.com",
            phone="+14165550100",
        )
        Membership.objects.create(organization=personas.northwind, person=person)
        record(personas.staff, "member.added", org=personas.northwind, target=person)
        token_for(personas.staff, f"t{i}")


def _queries(client, path: str, headers: dict) -> int:
    client.get(API + path, **headers)  # warm: last-used time, caches
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(API + path, **headers)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries)


@pytest.mark.parametrize("path", LISTS)
def test_list_query_count_does_not_grow_with_rows(personas, path):
    headers = bearer(token_for(personas.staff))
    client = Client()
    small = _queries(client, path, headers)
    _grow(personas, 40)
    large = _queries(client, path, headers)
    assert small == large


@pytest.mark.parametrize("path,expected", LISTS.items())
def test_list_runs_the_documented_number_of_queries(
    personas, path, expected, django_assert_num_queries
):
    headers = bearer(token_for(personas.staff))
    client = Client()
    client.get(API + path, **headers)
    with django_assert_num_queries(1 + expected):
        assert client.get(API + path, **headers).status_code == 200


def test_lists_answer_items_and_count(personas):
    body = Client().get(
        f"{API}/organizations/{personas.northwind.org_id}/members",
        **bearer(token_for(personas.alice)),
    )
    body = body.json()
    assert set(body) == {"items", "count"}
    assert body["count"] == len(body["items"]) == 6


def test_limit_is_capped_and_offset_pages(personas):
    _grow(personas, MAX_LIMIT + 5)
    headers = bearer(token_for(personas.alice))
    client = Client()
    everything = client.get(
        f"{API}/organizations/{personas.northwind.org_id}/members?limit=5000", **headers
    ).json()
    assert everything["count"] == MAX_LIMIT + 11
    assert len(everything["items"]) == MAX_LIMIT
    first = client.get(
        f"{API}/organizations/{personas.northwind.org_id}/members?limit=3", **headers
    ).json()
    second = client.get(
        f"{API}/organizations/{personas.northwind.org_id}/members?limit=3&offset=3", **headers
    ).json()
    ids = [p["person_id"] for p in first["items"] + second["items"]]
    assert ids == [p["person_id"] for p in everything["items"][:6]]
    beyond = client.get(
        f"{API}/organizations/{personas.northwind.org_id}/members?offset=100000", **headers
    ).json()
    assert beyond == {"items": [], "count": MAX_LIMIT + 11}


def test_unknown_query_parameters_are_ignored(personas):
    headers = bearer(token_for(personas.alice))
    response = Client().get(f"{API}/organizations?legal_name__startswith=L&is_staff=1", **headers)
    assert response.status_code == 200
    assert [o["org_id"] for o in response.json()["items"]] == [personas.northwind.org_id]


def test_audit_entries_are_newest_first(personas):
    body = Client().get(
        f"{API}/organizations/{personas.northwind.org_id}/audit",
        **bearer(token_for(personas.alice)),
    )
    times = [e["at"] for e in body.json()["items"]]
    assert times == sorted(times, reverse=True)
    assert all(e["outcome"] in {"done", "refused"} for e in body.json()["items"])
