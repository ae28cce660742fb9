import pytest

from notices import services
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


def test_news_lists_activity_announcements_and_notices_newest_first(personas):
    services.publish_announcement(data={"title": "Maintenance", "body": "B"}, actor=personas.staff)
    services.issue_notice(
        data={
            "title": "Calendar",
            "body": "B",
            "roles": ["primary_contact"],
            "organization": f"{personas.northwind.org_id}",
        },
        actor=personas.staff,
    )
    body = call(as_persona(personas, "alice"), "GET", "/news?limit=5").json()
    assert [i["type"] for i in body["items"][:2]] == ["notice", "announcement"]
    assert "notice" not in " ".join(i["text"] for i in body["items"] if i["type"] == "activity")
    assert body["count"] > 2 and len(body["items"]) == 5
    ats = [i["at"] for i in body["items"]]
    assert ats == sorted(ats, reverse=True)
    frank = call(as_persona(personas, "frank"), "GET", "/news").json()
    assert "Calendar" not in [i["title"] for i in frank["items"]]
    assert all(i["org_id"] in (None, personas.lakeshore.org_id) for i in frank["items"])


def test_news_query_count_does_not_grow(personas, django_assert_num_queries):
    client = as_persona(personas, "alice")
    call(client, "GET", "/news")
    # session, user, org ids, activity page + count, announcements page + count,
    # notices page + count
    with django_assert_num_queries(9):
        call(client, "GET", "/news")
    for index in range(8):
        services.publish_announcement(
            data={"title": f"A{index}", "body": "B"}, actor=personas.staff
        )
    with django_assert_num_queries(9):
        call(client, "GET", "/news")
