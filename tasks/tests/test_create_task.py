import pytest

from core.errors import Forbidden, Invalid
from tasks import services
from tasks.models import Task
from tasks.tests.helpers import make_task

pytestmark = pytest.mark.django_db


def names(users) -> set[str]:
    return {u.username for u in users}


def test_banking_group_task_reaches_exactly_its_primary_contacts_representatives_and_ibcs(
    personas,
):
    task = make_task(personas)
    assert names(services.task_recipients(task)) == {"alice", "bob", "carol"}
    for user in ("alice", "bob", "carol"):
        assert Task.objects.open_for(getattr(personas, user)).filter(pk=task.pk).exists()
    # The Rights Administrator, a plain member, other organizations and staff do not see it.
    for user in ("dave", "erin", "ivan", "frank", "grace", "staff"):
        assert not Task.objects.visible_to(getattr(personas, user)).filter(pk=task.pk).exists()


def test_rights_administrator_group_task_reaches_only_rights_administrators(personas):
    task = make_task(personas, roles=["rights_administrator"])
    assert names(services.task_recipients(task)) == {"dave"}
    lakeshore = make_task(personas, roles=["rights_administrator"], organization=personas.lakeshore)
    assert names(services.task_recipients(lakeshore)) == {"frank", "ivan"}


def test_a_new_role_holder_sees_the_groups_open_tasks_at_once(personas):
    from registry import services as registry_services
    from registry.models import RoleType

    task = make_task(personas)
    erin = personas.erin
    assert not Task.objects.open_for(erin).filter(pk=task.pk).exists()
    registry_services.add_contact(
        personas.northwind,
        personas.person("erin"),
        RoleType.objects.get(code="primary_contact"),
        actor=personas.alice,
    )
    assert Task.objects.open_for(erin).filter(pk=task.pk).exists()


def test_staff_task_reaches_every_staff_account_and_nobody_else(personas):
    task = services.create_task(
        kind="test_kind", summary="Review", to_staff=True, actor=personas.staff
    )
    assert names(services.task_recipients(task)) == {"staff"}
    assert not Task.objects.visible_to(personas.alice).filter(pk=task.pk).exists()


def test_four_eyes_task_goes_to_staff_when_nobody_else_is_eligible(personas):
    task = make_task(personas, roles=["invoicing_banking_contact"], excluded_user=personas.carol)
    assert task.to_staff
    assert names(services.task_recipients(task)) == {"carol", "staff"}


def test_four_eyes_task_stays_with_the_group_when_someone_else_is_eligible(personas):
    task = make_task(personas, excluded_user=personas.carol)
    assert not task.to_staff


def test_creating_a_task_e_mails_the_group_except_the_excluded_submitter(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        make_task(personas, excluded_user=personas.carol)
    # One message per recipient: nobody sees the others' addresses.
    assert sorted(m.to for m in mailoutbox) == [
        ["alice@northwind.example"],
        ["bob@northwind.example"],
    ]


def test_creating_a_task_records_its_history_and_an_audit_entry(personas):
    from audit.models import AuditEntry

    task = make_task(personas)
    assert [e.action for e in task.events.all()] == ["created"]
    entry = AuditEntry.objects.filter(action="task.created", target_id=str(task.pk)).get()
    assert entry.org_id == personas.northwind.org_id


def test_unknown_role_is_refused_and_nothing_is_created(personas):
    before = Task.objects.count()
    with pytest.raises(Invalid):
        make_task(personas, roles=["no_such_role"])
    assert Task.objects.count() == before


def test_a_member_cannot_raise_a_task_for_another_organization(personas):
    with pytest.raises(Forbidden):
        make_task(personas, actor=personas.frank)
