import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import NotFound, RuleViolation
from tasks import services
from tasks.models import Task
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_a_group_member_accepts_an_open_task_and_it_becomes_theirs(personas):
    task = services.accept_task(make_task(personas), actor=personas.bob)
    assert (task.state, task.accepted_by) == ("accepted", personas.bob)
    assert [e.action for e in task.events.all()] == ["created", "accepted"]


def test_a_second_member_cannot_accept_a_task_already_taken(personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    with pytest.raises(RuleViolation) as exc:
        services.accept_task(task, actor=personas.alice)
    assert exc.value.code == "task_taken"
    assert "Bob Chen has already accepted" in exc.value.message
    assert Task.objects.get(pk=task.pk).accepted_by == personas.bob
    refusal = AuditEntry.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome) == ("task.accept", "refused")


def test_accepting_twice_is_harmless(personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    services.accept_task(task, actor=personas.bob)
    assert task.events.filter(action="accepted").count() == 1


@pytest.mark.parametrize("outsider", ["dave", "erin", "frank", "grace", "ivan", "staff"])
def test_someone_outside_the_group_is_told_the_task_does_not_exist(personas, outsider):
    task = make_task(personas)
    with pytest.raises(NotFound):
        services.accept_task(task, actor=getattr(personas, outsider))
    assert Task.objects.get(pk=task.pk).state == "open"


def test_the_submitter_cannot_accept_their_own_change(personas):
    task = make_task(personas, excluded_user=personas.carol)
    with pytest.raises(RuleViolation) as exc:
        services.accept_task(task, actor=personas.carol)
    assert exc.value.code == "own_change"


def test_a_decided_task_cannot_be_accepted(personas):
    task = make_task(personas)
    services.approve_task(task, actor=personas.alice)
    with pytest.raises(RuleViolation) as exc:
        services.accept_task(task, actor=personas.bob)
    assert exc.value.code == "already_decided"


def test_tasks_of_a_deactivated_organization_cannot_be_accepted(personas):
    task = make_task(personas)
    personas.northwind.is_active = False
    personas.northwind.save(update_fields=["is_active"])
    with pytest.raises(NotFound):
        services.accept_task(task, actor=personas.bob)


def test_accept_button_on_the_tasks_page_accepts_and_says_so(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    response = client.post(reverse("tasks-accept", args=[task.pk]), follow=True)
    assert "You accepted “Decide something”" in response.content.decode()
    assert Task.objects.get(pk=task.pk).accepted_by == personas.bob


def test_accept_of_a_taken_task_on_the_page_shows_the_refusal(client, personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    client.force_login(personas.alice)
    response = client.post(reverse("tasks-accept", args=[task.pk]), follow=True)
    assert response.status_code == 200
    assert "Bob Chen has already accepted this task" in response.content.decode()


def test_accept_page_of_another_organizations_task_is_404(client, personas):
    task = make_task(personas)
    client.force_login(personas.frank)
    assert client.post(reverse("tasks-accept", args=[task.pk])).status_code == 404
    assert client.get(reverse("tasks-detail", args=[task.pk])).status_code == 404


def test_get_on_the_accept_url_changes_nothing(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    assert client.get(reverse("tasks-accept", args=[task.pk])).status_code == 405
    assert Task.objects.get(pk=task.pk).state == "open"


def test_a_refused_accept_is_audited_with_the_task_and_its_organization(personas):
    task = make_task(personas)
    with pytest.raises(NotFound):
        services.accept_task(task, actor=personas.frank)
    refusal = AuditEntry.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome, refusal.org_id) == (
        "task.accept",
        "refused",
        personas.northwind.org_id,
    )
    assert (refusal.target_type, refusal.target_id) == ("task", str(task.pk))
