import pytest
from django.urls import reverse

from core.errors import Forbidden, RuleViolation
from tasks import services
from tasks.models import Task
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_the_accepter_releases_a_task_back_to_the_group(personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    task = services.release_task(task, actor=personas.bob)
    assert (task.state, task.accepted_by) == ("open", None)
    services.accept_task(task, actor=personas.alice)
    assert Task.objects.get(pk=task.pk).accepted_by == personas.alice


def test_another_member_cannot_release_someone_elses_task(personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    with pytest.raises(Forbidden):
        services.release_task(task, actor=personas.alice)
    assert Task.objects.get(pk=task.pk).accepted_by == personas.bob


def test_an_open_task_cannot_be_released(personas):
    with pytest.raises(RuleViolation) as exc:
        services.release_task(make_task(personas), actor=personas.bob)
    assert exc.value.code == "not_accepted"


def test_release_button_releases_and_says_so(client, personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    client.force_login(personas.bob)
    response = client.post(reverse("tasks-release", args=[task.pk]), follow=True)
    assert "You released “Decide something”" in response.content.decode()
    assert Task.objects.get(pk=task.pk).state == "open"


def test_staff_are_offered_release_of_a_colleagues_staff_task_and_may_release_it(
    client, personas, django_user_model
):
    colleague = django_user_model.objects.create_user("olga", password="x", is_staff=True)
    task = make_task(personas, roles=[], to_staff=True)
    services.accept_task(task, actor=colleague)
    client.force_login(personas.staff)
    page = client.get(reverse("tasks-detail", args=[task.pk])).content.decode()
    assert ">Release<" in page
    services.release_task(task, actor=personas.staff)
    assert Task.objects.get(pk=task.pk).state == "open"
