import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import RuleViolation
from tasks import services
from tasks.models import Task
from tasks.tests import helpers
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_the_accepter_approves_and_the_kinds_handler_runs_once(personas):
    helpers.calls.clear()
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    task = services.approve_task(task, actor=personas.bob, comment="Looks right.")
    assert (task.state, task.decided_by) == ("approved", personas.bob)
    assert helpers.calls == [("approve", task.pk, "bob")]
    assert task.events.last().comment == "Looks right."
    entry = AuditEntry.objects.filter(action="task.approved").order_by("-id").first()
    assert (entry.org_id, entry.target_id) == (personas.northwind.org_id, str(task.pk))


def test_approving_an_open_task_accepts_it_on_the_way(personas):
    task = services.approve_task(make_task(personas), actor=personas.alice)
    assert (task.state, task.accepted_by) == ("approved", personas.alice)


def test_a_decided_task_cannot_be_decided_again(personas):
    helpers.calls.clear()
    task = make_task(personas)
    services.approve_task(task, actor=personas.alice)
    with pytest.raises(RuleViolation) as exc:
        services.approve_task(task, actor=personas.alice)
    assert exc.value.code == "already_decided"
    assert len(helpers.calls) == 1


def test_a_task_accepted_by_someone_else_cannot_be_approved(personas):
    task = make_task(personas)
    services.accept_task(task, actor=personas.bob)
    with pytest.raises(RuleViolation) as exc:
        services.approve_task(task, actor=personas.alice)
    assert exc.value.code == "task_taken"
    assert Task.objects.get(pk=task.pk).state == "accepted"


def test_the_submitter_cannot_approve_their_own_change(personas):
    task = make_task(personas, excluded_user=personas.carol)
    with pytest.raises(RuleViolation) as exc:
        services.approve_task(task, actor=personas.carol)
    assert exc.value.code == "own_change"
    assert Task.objects.get(pk=task.pk).state == "open"


def test_a_decided_task_leaves_everyones_list(personas):
    task = make_task(personas)
    services.approve_task(task, actor=personas.alice)
    for user in (personas.alice, personas.bob, personas.carol):
        assert not Task.objects.open_for(user).filter(pk=task.pk).exists()


def test_the_group_and_the_creator_are_told_the_outcome(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    task = make_task(personas)
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_task(task, actor=personas.alice)
    told = {a for m in mailoutbox if m.subject == "Task approved: Test decision" for a in m.to}
    assert told >= {
        "alice@northwind.example",
        "bob@northwind.example",
        "carol@northwind.example",
        "staff@operator.example",
    }


def test_approve_page_asks_for_confirmation_then_approves(client, personas):
    task = make_task(personas)
    client.force_login(personas.bob)
    url = reverse("tasks-approve", args=[task.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Approve: Decide something?" in page.content.decode()
    assert Task.objects.get(pk=task.pk).state == "open"
    response = client.post(url, {"comment": ""}, follow=True)
    assert "You approved “Decide something”" in response.content.decode()
    assert Task.objects.get(pk=task.pk).state == "approved"


def test_approve_page_of_a_decided_task_explains_why_not(client, personas):
    task = make_task(personas)
    services.approve_task(task, actor=personas.alice)
    client.force_login(personas.bob)
    response = client.post(reverse("tasks-approve", args=[task.pk]), follow=True)
    assert "You cannot approve this task: it is already approved." in response.content.decode()
    assert Task.objects.get(pk=task.pk).decided_by == personas.alice
