import pytest
from django.urls import reverse

from core.errors import Invalid
from tasks import services
from tasks.models import Task
from tasks.tests import helpers
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_rejecting_needs_a_comment_and_changes_nothing_without_one(personas):
    helpers.calls.clear()
    task = make_task(personas)
    with pytest.raises(Invalid) as exc:
        services.reject_task(task, actor=personas.bob, comment="   ")
    assert "comment" in exc.value.fields
    assert Task.objects.get(pk=task.pk).state == "open"
    assert helpers.calls == []


def test_a_member_rejects_with_a_reason_and_the_kinds_handler_runs(personas):
    helpers.calls.clear()
    task = services.reject_task(make_task(personas), actor=personas.bob, comment="Wrong bank.")
    assert task.state == "rejected"
    assert helpers.calls == [("reject", task.pk, "bob")]
    assert task.events.last().comment == "Wrong bank."


def test_reject_page_without_a_comment_shows_the_field_error(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    response = client.post(reverse("tasks-reject", args=[task.pk]), {"comment": ""})
    assert response.status_code == 422
    assert "Enter a comment explaining why you reject." in response.content.decode()
    assert Task.objects.get(pk=task.pk).state == "open"


def test_reject_page_rejects_with_the_comment(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    url = reverse("tasks-reject", args=[task.pk])
    response = client.post(url, {"comment": "Not ours."}, follow=True)
    assert "You rejected “Decide something”" in response.content.decode()
    assert Task.objects.get(pk=task.pk).state == "rejected"


def test_a_comment_with_html_is_shown_as_text(client, personas):
    task = services.reject_task(
        make_task(personas), actor=personas.bob, comment="<script>alert(1)</script>"
    )
    client.force_login(personas.alice)
    body = client.get(reverse("tasks-detail", args=[task.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body
