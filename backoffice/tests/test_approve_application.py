import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from backoffice import services
from backoffice.tests.helpers import submit
from core.errors import Forbidden, RuleViolation
from registry.models import Membership, Organization, Person, RoleAssignment
from tasks.models import Task
from tasks.services import accept_task, approve_task

pytestmark = pytest.mark.django_db


def roles_of(org):
    return sorted(
        RoleAssignment.objects.filter(membership__organization=org).values_list(
            "membership__person__email", "role_type__code"
        )
    )


def test_approving_creates_the_organization_its_persons_memberships_and_roles(personas):
    application = submit()
    persons_before = Person.objects.count()
    org = services.approve_application(application, actor=personas.staff)
    assert org.legal_name == "Sunridge Solar Ltd." and org.city == "Toronto"
    assert org.org_id > personas.lakeshore.org_id
    assert roles_of(org) == [
        ("ada@sunridge.example", "authorized_representative"),
        ("alan@sunridge.example", "rights_administrator"),
        ("grace.hopper@sunridge.example", "primary_contact"),
    ]
    assert Person.objects.count() == persons_before + 3
    assert Membership.objects.filter(organization=org).count() == 3
    ada = Person.objects.get(email="ada@sunridge.example")
    assert (ada.first_name, ada.phone, ada.user) == ("Ada", "+14165550171", None)
    application.refresh_from_db()
    assert (application.status, application.organization, application.decided_by) == (
        "approved",
        org,
        personas.staff,
    )


def test_persons_already_registered_are_matched_by_email_never_duplicated(personas):
    application = submit(**{"ar-email": "ALICE@northwind.example", "ar-first_name": "Alicia"})
    persons_before = Person.objects.count()
    org = services.approve_application(application, actor=personas.staff)
    alice = personas.person("alice")
    assert Person.objects.count() == persons_before + 2
    assert Person.objects.filter(email__iexact="alice@northwind.example").count() == 1
    assert RoleAssignment.objects.filter(
        membership__organization=org,
        membership__person=alice,
        role_type__code="authorized_representative",
    ).exists()
    alice.refresh_from_db()
    assert alice.first_name == "Alice"  # an application never rewrites a registered person
    entry = AuditEntry.objects.filter(action="application.approved").get()
    assert entry.details["matched_person_ids"] == [alice.person_id]
    assert len(entry.details["created_person_ids"]) == 2


def test_one_person_named_for_two_roles_is_one_person_with_two_roles(personas):
    application = submit(
        **{"pc-first_name": "Ada", "pc-last_name": "Lovelace", "pc-email": "ada@sunridge.example"}
    )
    org = services.approve_application(application, actor=personas.staff)
    assert Person.objects.filter(email="ada@sunridge.example").count() == 1
    assert Membership.objects.filter(organization=org).count() == 2
    assert ("ada@sunridge.example", "primary_contact") in roles_of(org)


def test_approval_is_audited_and_everyone_concerned_is_told(
    personas, django_capture_on_commit_callbacks
):
    application = submit()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        org = services.approve_application(application, actor=personas.staff)
    actions = list(AuditEntry.objects.filter(org_id=org.org_id).values_list("action", flat=True))
    assert actions.count("contact.added") == 3
    assert actions.count("person.registered") == 3
    assert "organization.created" in actions and "application.approved" in actions
    recipients = {address for m in mail.outbox for address in m.to}
    assert {"sam@sunridge.example", "ada@sunridge.example", "alan@sunridge.example"} <= recipients
    assert any(str(org.org_id) in m.body for m in mail.outbox if m.to == ["sam@sunridge.example"])


def test_the_review_task_closes_with_the_approval(personas):
    application = submit()
    services.approve_application(application, actor=personas.staff)
    task = Task.objects.get(kind="organization_application", subject_id=application.pk)
    assert (task.state, task.decided_by) == ("approved", personas.staff)
    assert not Task.objects.open_for(personas.staff).filter(pk=task.pk).exists()


def test_approving_the_task_on_the_tasks_page_approves_the_application(personas):
    application = submit()
    task = Task.objects.get(kind="organization_application", subject_id=application.pk)
    approve_task(task, actor=personas.staff)
    application.refresh_from_db()
    assert application.status == "approved"
    assert application.organization.legal_name == "Sunridge Solar Ltd."


def test_a_task_accepted_by_another_staff_member_is_theirs_to_decide(personas):
    from accounts.models import User

    other = User.objects.create_user("olga", email="olga@operator.example", is_staff=True)
    application = submit()
    task = Task.objects.get(kind="organization_application", subject_id=application.pk)
    accept_task(task, actor=other)
    with pytest.raises(RuleViolation) as exc:
        services.approve_application(application, actor=personas.staff)
    assert exc.value.code == "task_taken"
    application.refresh_from_db()
    assert application.status == "pending"


def test_an_application_is_decided_only_once(personas):
    application = submit()
    services.approve_application(application, actor=personas.staff)
    with pytest.raises(RuleViolation) as exc:
        services.approve_application(application, actor=personas.staff)
    assert exc.value.code == "already_decided"
    assert Organization.objects.filter(legal_name="Sunridge Solar Ltd.").count() == 1


def test_only_operator_staff_can_approve(personas):
    application = submit()
    with pytest.raises(Forbidden):
        services.approve_application(application, actor=personas.alice)
    application.refresh_from_db()
    assert application.status == "pending"
    assert not Organization.objects.filter(legal_name="Sunridge Solar Ltd.").exists()
    assert AuditEntry.objects.order_by("-id").first().outcome == "refused"


def test_the_review_page_shows_matches_and_approving_opens_the_new_organization(client, personas):
    application = submit(**{"ra-email": "dave@northwind.example"})
    client.force_login(personas.staff)
    url = reverse("backoffice-application", args=[application.reference])
    page = client.get(url).content.decode()
    assert f"Already registered: Dave Okafor, Person ID {personas.person('dave').person_id}" in page
    assert "Approve and register the organization" in page
    response = client.post(
        reverse("backoffice-approve-application", args=[application.reference]), follow=True
    )
    html = response.content.decode()
    assert "Sunridge Solar Ltd. is registered with Organization ID" in html
    assert response.redirect_chain[-1][0].startswith("/organizations/")


def test_approving_twice_on_the_page_shows_the_reason(client, personas):
    application = submit()
    services.approve_application(application, actor=personas.staff)
    client.force_login(personas.staff)
    response = client.post(
        reverse("backoffice-approve-application", args=[application.reference]), follow=True
    )
    assert "has already been approved" in response.content.decode()


def test_the_review_pages_do_not_exist_for_people_who_are_not_staff(client, personas):
    application = submit()
    client.force_login(personas.alice)
    for url in [
        reverse("backoffice-applications"),
        reverse("backoffice-application", args=[application.reference]),
    ]:
        assert client.get(url).status_code == 404
    response = client.post(reverse("backoffice-approve-application", args=[application.reference]))
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.status == "pending"


def test_an_unknown_reference_is_not_found(client, personas):
    client.force_login(personas.staff)
    assert client.get(reverse("backoffice-application", args=["NOPE1234"])).status_code == 404
