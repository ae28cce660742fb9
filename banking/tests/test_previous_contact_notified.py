"""Security case 43: the previous Invoicing and Banking Contact hears of a change that would
replace the banking information they submitted, even after losing the role; masked only."""

import pytest

from banking import services
from banking.tests.helpers import NEW, letter
from registry import services as registry_services
from registry.models import RoleType
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db

CAROL = "carol@northwind.example"
SECOND = {**NEW, "bank_name": "Third Trust", "account_number": "9998887"}


def _approve(change, actor):
    task = Task.objects.get(kind="banking_change", subject_id=change.pk)
    task_services.accept_task(task, actor=actor)
    task_services.approve_task(task, actor=actor)


@pytest.fixture
def carol_replaced_by_erin(personas, django_capture_on_commit_callbacks):
    """Carol's change is in force; then she loses the role and Erin becomes the contact."""
    ibc = RoleType.objects.get(code="invoicing_banking_contact")
    with django_capture_on_commit_callbacks(execute=True):
        first = services.submit_banking_change(
            personas.northwind, data=NEW, file=letter(), actor=personas.carol
        )
        _approve(first, personas.bob)
        registry_services.remove_contact(
            personas.northwind, personas.person("carol"), ibc, actor=personas.alice
        )
        registry_services.add_contact(
            personas.northwind, personas.person("erin"), ibc, actor=personas.alice
        )
    return personas


def test_the_previous_contact_hears_of_a_submission_and_of_its_approval(
    carol_replaced_by_erin, mailoutbox, django_capture_on_commit_callbacks
):
    personas = carol_replaced_by_erin
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        change = services.submit_banking_change(
            personas.northwind, data=SECOND, file=letter(), actor=personas.erin
        )
    to_carol = [m for m in mailoutbox if CAROL in m.to]
    assert [m.subject for m in to_carol] == [
        "Banking information you submitted for Northwind Power Corp. may be replaced"
    ]
    assert "****8887" in to_carol[0].body and "9998887" not in to_carol[0].body

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _approve(change, personas.bob)
    to_carol = [m for m in mailoutbox if CAROL in m.to]
    assert [m.subject for m in to_carol] == [
        "Banking information you submitted for Northwind Power Corp. was replaced"
    ]
    for message in mailoutbox:
        assert "9998887" not in message.body and "00022" not in message.body


def test_nobody_is_told_twice_when_the_previous_contact_submits_again(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.submit_banking_change(
            personas.northwind, data=NEW, file=letter(), actor=personas.carol
        )
        _approve(first, personas.bob)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_banking_change(
            personas.northwind, data=SECOND, file=letter(), actor=personas.carol
        )
    assert not [m for m in mailoutbox if CAROL in m.to]


def test_without_an_earlier_approved_change_nobody_else_is_told(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_banking_change(
            personas.northwind, data=NEW, file=letter(), actor=personas.carol
        )
    assert mailoutbox
    assert not [m for m in mailoutbox if "you submitted" in m.subject]
