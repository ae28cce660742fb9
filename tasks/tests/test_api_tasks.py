import pytest

from registry.tests.api_helpers import as_persona, call
from tasks import services
from tasks.models import Task
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_list_tasks_shows_my_groups_open_tasks(personas):
    task = make_task(personas)
    body = call(as_persona(personas, "bob"), "GET", "/tasks").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item == {
        "task_id": task.pk,
        "kind": "test_kind",
        "org_id": personas.northwind.org_id,
        "state": "open",
        "accepted_by": None,
        "due": item["due"],
        "summary": "Decide something",
        "created_at": item["created_at"],
        "decided_at": None,
        "decided_by": None,
    }
    assert call(as_persona(personas, "frank"), "GET", "/tasks").json()["count"] == 0


def test_list_tasks_query_count_does_not_grow_with_tasks(personas, django_assert_num_queries):
    client = as_persona(personas, "bob")
    make_task(personas)
    call(client, "GET", "/tasks")
    # session, user, count, page with organization and accepter
    with django_assert_num_queries(4):
        call(client, "GET", "/tasks")
    for _ in range(10):
        services.accept_task(make_task(personas), actor=personas.alice)
    with django_assert_num_queries(4):
        assert call(client, "GET", "/tasks").json()["count"] == 11


def test_get_task_gives_details_and_history_to_recipients_only(personas):
    task = make_task(personas)
    body = call(as_persona(personas, "alice"), "GET", f"/tasks/{task.pk}").json()
    assert body["roles"] == [
        "authorized_representative",
        "invoicing_banking_contact",
        "primary_contact",
    ]
    assert [e["action"] for e in body["history"]] == ["created"]
    response = call(as_persona(personas, "frank"), "GET", f"/tasks/{task.pk}")
    assert (response.status_code, response.json()["code"]) == (404, "not_found")
    assert call(as_persona(personas, None), "GET", f"/tasks/{task.pk}").status_code == 401


def test_accept_then_a_second_accept_is_409_task_taken(personas):
    task = make_task(personas)
    response = call(as_persona(personas, "bob"), "POST", f"/tasks/{task.pk}/accept", {})
    assert (response.status_code, response.json()["accepted_by"]) == (200, "Bob Chen")
    response = call(as_persona(personas, "alice"), "POST", f"/tasks/{task.pk}/accept", {})
    assert (response.status_code, response.json()["code"]) == (409, "task_taken")


def test_release_approve_and_the_second_decision_is_409_already_decided(personas):
    task = make_task(personas)
    bob = as_persona(personas, "bob")
    call(bob, "POST", f"/tasks/{task.pk}/accept", {})
    assert call(bob, "POST", f"/tasks/{task.pk}/release", {}).json()["state"] == "open"
    response = call(bob, "POST", f"/tasks/{task.pk}/approve", {"comment": "Fine."})
    assert (response.status_code, response.json()["state"]) == (200, "approved")
    response = call(bob, "POST", f"/tasks/{task.pk}/reject", {"comment": "No."})
    assert (response.status_code, response.json()["code"]) == (409, "already_decided")


def test_reject_without_a_comment_is_422_with_the_field(personas):
    task = make_task(personas)
    response = call(as_persona(personas, "bob"), "POST", f"/tasks/{task.pk}/reject", {})
    assert response.status_code == 422
    assert "comment" in response.json()["fields"]
    assert Task.objects.get(pk=task.pk).state == "open"


def test_the_submitter_approving_their_own_change_is_409_own_change(personas):
    task = make_task(personas, excluded_user=personas.carol)
    response = call(as_persona(personas, "carol"), "POST", f"/tasks/{task.pk}/approve", {})
    assert (response.status_code, response.json()["code"]) == (409, "own_change")
