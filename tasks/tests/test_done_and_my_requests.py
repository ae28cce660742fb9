"""Tasks' Done view (what my groups decided, latest first) and My requests (what I asked for,
open or closed, even where I am not in the deciding group): pages and API, fixed queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from registry.tests.api_helpers import as_persona, call
from tasks import services
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def _decided(personas, summary="Decide something", approve=True):
    task = make_task(personas, summary=summary, actor=personas.erin)
    services.accept_task(task, actor=personas.alice)
    if approve:
        return services.approve_task(task, actor=personas.alice, comment="Fine.")
    return services.reject_task(task, actor=personas.alice, comment="Not this time.")


def test_done_lists_the_groups_decided_tasks_latest_first(personas, client):
    first = _decided(personas, "First decision")
    second = _decided(personas, "Second decision", approve=False)
    make_task(personas, summary="Still open")
    client.force_login(personas.bob)  # in the banking group, decided neither
    page = client.get("/tasks/done/").content.decode()
    assert page.index("Second decision") < page.index("First decision")
    assert "Still open" not in page
    assert "Rejected by Alice Martin" in page and "Approved by Alice Martin" in page
    assert f'href="/tasks/{first.pk}/"' in page and f'href="/tasks/{second.pk}/"' in page
    assert 'aria-current="page">Done<' in page
    assert 'datetime=""' not in page  # each row says when it was decided
    client.force_login(personas.frank)
    assert "First decision" not in client.get("/tasks/done/").content.decode()


def test_my_requests_list_what_i_asked_for_even_outside_the_group(personas, client):
    decided = _decided(personas, "Erin's request")  # raised by Erin, decided by the group
    client.force_login(personas.erin)  # no role: not in the banking group
    page = client.get("/tasks/my-requests/").content.decode()
    assert "Erin&#x27;s request" in page and "Approved by Alice Martin" in page
    assert f'href="/tasks/{decided.pk}/"' not in page  # she may not open the group's task
    client.force_login(personas.alice)
    assert "Erin&#x27;s request" not in client.get("/tasks/my-requests/").content.decode()


def test_empty_views_say_what_will_appear(personas, client):
    client.force_login(personas.erin)
    assert "Nothing decided yet." in client.get("/tasks/done/").content.decode()
    mine = client.get("/tasks/my-requests/").content.decode()
    assert "You have not asked for anything yet." in mine


def test_the_api_lists_each_view(personas):
    _decided(personas, "Decided one")
    open_task = make_task(personas, summary="Open one", actor=personas.erin)
    bob = as_persona(personas, "bob")
    done = call(bob, "GET", "/tasks?view=done").json()
    assert [t["summary"] for t in done["items"]] == ["Decided one"]
    assert done["items"][0]["decided_by"] == "Alice Martin"
    assert [t["task_id"] for t in call(bob, "GET", "/tasks").json()["items"]] == [open_task.pk]
    mine = call(as_persona(personas, "erin"), "GET", "/tasks?view=mine").json()
    assert {t["summary"] for t in mine["items"]} == {"Decided one", "Open one"}
    assert call(bob, "GET", "/tasks?view=everything").status_code == 422


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/tasks/done/", "/tasks/my-requests/"])
def test_the_views_run_a_fixed_number_of_queries(personas, client, url):
    _decided(personas)
    client.force_login(personas.erin if "my-requests" in url else personas.bob)
    few = _queries(client, url)
    for n in range(8):
        _decided(personas, f"More {n}", approve=bool(n % 2))
    assert _queries(client, url) == few
