import pytest
from django.urls import reverse

from audit.models import AuditEntry
from banking import crypto, services
from banking.models import BankingChange, BankingInformation
from banking.tests.helpers import NEW, letter
from core.errors import RuleViolation
from core.testing import DEMO
from registry import services as registry_services
from registry.models import RoleType
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db


def submit(personas, **changes):
    change = services.submit_banking_change(
        personas.northwind, data={**NEW, **changes}, file=letter(), actor=personas.carol
    )
    return change, Task.objects.get(kind="banking_change", subject_id=change.pk)


def in_force(org_id=DEMO.northwind.org_id) -> dict:
    info = BankingInformation.objects.get(organization__org_id=org_id)
    return {"bank": info.bank_name, **crypto.decrypt(org_id, info.numbers)}


def test_another_contact_approves_and_exactly_that_version_is_in_force(personas):
    change, task = submit(personas)
    task_services.accept_task(task, actor=personas.bob)
    task_services.approve_task(task, actor=personas.bob)
    assert in_force() == {
        "bank": "Second National Bank",
        "institution": "002",
        "transit": "00022",
        "account": "7654321",
    }
    change.refresh_from_db()
    assert change.state == "approved"
    assert BankingInformation.objects.get(organization=personas.northwind).version == 1


def test_rejecting_leaves_the_information_in_force_unchanged(personas):
    change, task = submit(personas)
    task_services.reject_task(task, actor=personas.alice, comment="Unknown bank.")
    assert in_force()["account"] == "1234567"
    change.refresh_from_db()
    assert change.state == "rejected"


def test_the_submitter_cannot_accept_or_decide_their_own_change(personas):
    _, task = submit(personas)
    for call in (
        lambda: task_services.accept_task(task, actor=personas.carol),
        lambda: task_services.approve_task(task, actor=personas.carol),
        lambda: task_services.reject_task(task, actor=personas.carol, comment="x"),
    ):
        with pytest.raises(RuleViolation) as exc:
            call()
        assert exc.value.code == "own_change"
    assert in_force()["account"] == "1234567"


def test_the_submitter_who_is_also_primary_contact_still_cannot_approve(personas):
    registry_services.add_contact(
        personas.northwind,
        personas.person("carol"),
        RoleType.objects.get(code="primary_contact"),
        actor=personas.alice,
    )
    _, task = submit(personas)
    with pytest.raises(RuleViolation) as exc:
        task_services.approve_task(task, actor=personas.carol)
    assert exc.value.code == "own_change"


def test_a_later_submission_supersedes_the_earlier_change_and_cancels_its_task(personas):
    first, first_task = submit(personas)
    task_services.accept_task(first_task, actor=personas.bob)
    second, second_task = submit(personas, account_number="99998888")
    first.refresh_from_db()
    first_task.refresh_from_db()
    assert (first.state, first_task.state) == ("superseded", "cancelled")
    # The old approval cannot apply anything any more.
    with pytest.raises(RuleViolation) as exc:
        task_services.approve_task(first_task, actor=personas.bob)
    assert exc.value.code == "already_decided"
    task_services.approve_task(second_task, actor=personas.bob)
    assert in_force()["account"] == "99998888"
    assert second.version == 2


def test_an_approval_is_bound_to_the_version_submitted(personas):
    change, task = submit(personas)
    # The stored change is altered behind the task's back (another version's ciphertext).
    BankingChange.objects.filter(pk=change.pk).update(
        numbers=crypto.encrypt(
            personas.northwind.org_id, {"institution": "009", "transit": "99999", "account": "1"}
        )
    )
    with pytest.raises(RuleViolation) as exc:
        task_services.approve_task(task, actor=personas.bob)
    assert exc.value.code == "stale_change"
    assert in_force()["account"] == "1234567"
    assert Task.objects.get(pk=task.pk).state == "open"


def test_a_primary_contact_of_another_organization_cannot_see_or_approve_the_task(client, personas):
    _, task = submit(personas)
    from core.errors import NotFound

    with pytest.raises(NotFound):
        task_services.approve_task(task, actor=personas.frank)
    client.force_login(personas.frank)
    assert client.get(reverse("tasks-detail", args=[task.pk])).status_code == 404
    assert client.post(reverse("tasks-approve", args=[task.pk])).status_code == 404
    assert in_force()["account"] == "1234567"


def test_the_decision_is_audited_and_shown_on_news_masked(client, personas):
    _, task = submit(personas)
    task_services.approve_task(task, actor=personas.bob)
    entry = AuditEntry.objects.filter(action="banking.change_approved").get()
    assert entry.details["account"] == "****4321"
    client.force_login(personas.alice)
    body = client.get(reverse("news")).content.decode()
    assert "Bob Chen approved new banking information for Northwind Power Corp." in body
    assert "Carol Singh submitted new banking information" in body
    assert "7654321" not in body


def test_a_member_outside_the_banking_group_sees_no_banking_news(client, personas):
    _, task = submit(personas)
    task_services.approve_task(task, actor=personas.bob)
    client.force_login(personas.erin)
    body = client.get(reverse("news")).content.decode()
    assert "banking information for" not in body
    assert "****" not in body


def test_the_task_page_shows_the_proposed_information_masked(client, personas):
    _, task = submit(personas)
    client.force_login(personas.bob)
    body = client.get(reverse("tasks-detail", args=[task.pk])).content.decode()
    assert "Second National Bank" in body and "****4321" in body
    assert "7654321" not in body and "00022" not in body
