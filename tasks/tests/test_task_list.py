import pytest
from django.urls import reverse

from tasks import services
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_tasks_page_lists_the_groups_tasks_with_their_buttons(client, personas):
    make_task(personas)
    taken = make_task(personas)
    services.accept_task(taken, actor=personas.bob)
    client.force_login(personas.alice)
    body = client.get(reverse("tasks")).content.decode()
    # Both are "Decide something": only the open one offers Accept and Approve (Bob has the other)
    assert body.count('Accept<span class="visually-hidden">: Decide something') == 1
    assert "Accepted by Bob Chen" in body
    assert body.count('Approve<span class="visually-hidden">: Decide something') == 1


def test_the_accepter_sees_release_approve_and_reject(client, personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    client.force_login(personas.bob)
    body = client.get(reverse("tasks")).content.decode()
    for label in ("Release", "Approve", "Reject"):
        assert f'{label}<span class="visually-hidden">: Decide something' in body
    assert "Accepted by you" in body


def test_the_submitter_sees_their_own_change_without_buttons(client, personas):
    make_task(personas, excluded_user=personas.carol)
    client.force_login(personas.carol)
    body = client.get(reverse("tasks")).content.decode()
    assert "someone else in the group decides it" in body
    assert 'Accept<span class="visually-hidden">: Decide something' not in body


def test_tasks_page_is_empty_for_someone_outside_every_group(client, personas):
    make_task(personas)
    client.force_login(personas.erin)
    assert "You have no pending tasks." in client.get(reverse("tasks")).content.decode()


def test_tasks_page_runs_the_same_queries_for_one_task_or_twenty(
    client, personas, django_assert_num_queries
):
    client.force_login(personas.bob)
    make_task(personas)
    client.get(reverse("tasks"))  # warm caches (content types, session)
    # session, the user with their person (page header), the tasks with their organization and
    # accepter in one query; nothing per task
    with django_assert_num_queries(3):
        client.get(reverse("tasks"))
    for index in range(19):
        task = make_task(personas)
        if index % 2:
            services.accept_task(task, actor=personas.alice)
    with django_assert_num_queries(3):
        response = client.get(reverse("tasks"))
    assert response.content.decode().count("<tr>") == 21  # header and twenty tasks


def test_task_page_shows_subject_history_and_comments(client, personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    services.reject_task(task, actor=personas.bob, comment="Please resubmit.")
    client.force_login(personas.alice)
    body = client.get(reverse("tasks-detail", args=[task.pk])).content.decode()
    assert "Decide something" in body
    assert "Bob Chen: accepted" in body
    assert "Please resubmit." in body
