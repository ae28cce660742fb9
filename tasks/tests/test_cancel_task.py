import pytest

from core.errors import Forbidden, NotFound, RuleViolation
from tasks import services
from tasks.models import Task
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def test_the_creator_cancels_an_open_task_and_it_leaves_every_list(personas):
    task = make_task(personas)
    services.cancel_task(task, actor=personas.staff, reason="Raised by mistake.")
    assert Task.objects.get(pk=task.pk).state == "cancelled"
    assert not Task.objects.open_for(personas.alice).filter(pk=task.pk).exists()


def test_the_portal_expires_a_stale_task(personas):
    task = services.cancel_task(make_task(personas), actor=None, reason="Stale.", expire=True)
    assert task.state == "expired"


def test_a_recipient_who_did_not_raise_it_cannot_cancel_it(personas):
    task = make_task(personas)
    with pytest.raises(Forbidden):
        services.cancel_task(task, actor=personas.alice, reason="No.")
    with pytest.raises(NotFound):
        services.cancel_task(task, actor=personas.frank, reason="No.")


def test_a_decided_task_cannot_be_cancelled(personas):
    task = make_task(personas)
    services.approve_task(task, actor=personas.alice)
    with pytest.raises(RuleViolation) as exc:
        services.cancel_task(task, actor=personas.staff, reason="Too late.")
    assert exc.value.code == "already_decided"
