import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from core.testing import DEMO
from registry import services as registry_services
from systems import services
from systems.models import AccessRequest
from systems.tests.helpers import grants, system
from tasks import services as task_services
from tasks.models import Task

pytestmark = pytest.mark.django_db


def _erin_asks(personas, code="metering", level="read", reason="Monthly meter reconciliation"):
    return services.request_access(
        personas.northwind, system(code), level=level, reason=reason, actor=personas.erin
    )


def test_a_request_becomes_a_task_for_the_rights_administrators(personas):
    request = _erin_asks(personas)
    task = request.task
    assert (task.kind, task.state, task.organization) == (
        "access_request",
        "open",
        personas.northwind,
    )
    assert list(task.roles.values_list("code", flat=True)) == ["rights_administrator"]
    assert task.summary == "Erin Walsh asks for Metering Data (read)"
    assert Task.objects.open_for(personas.dave).filter(pk=task.pk).exists()
    assert not Task.objects.open_for(personas.alice).filter(pk=task.pk).exists()
    requested = AuditEntry.objects.filter(action="access.requested").get()
    assert (requested.target_id, requested.details["system"]) == (
        f"{personas.person('erin').person_id}",
        "metering",
    )


def test_approving_the_task_creates_the_grant(personas):
    request = _erin_asks(personas, level="submit")
    task_services.approve_task(request.task, actor=personas.dave)
    assert grants(personas.northwind, personas.person("erin")) == {"metering": "submit"}
    request.refresh_from_db()
    assert request.state == "approved"


def test_rejecting_tells_the_requester_why_and_grants_nothing(personas, mailoutbox):
    request = _erin_asks(personas)
    task_services.reject_task(request.task, actor=personas.dave, comment="Use the shared report.")
    assert grants(personas.northwind, personas.person("erin")) == {}
    request.refresh_from_db()
    assert (request.state, request.decision_comment) == ("rejected", "Use the shared report.")


def test_a_duplicate_open_request_is_refused(personas):
    _erin_asks(personas)
    with pytest.raises(RuleViolation) as exc:
        _erin_asks(personas, level="submit")
    assert exc.value.code == "duplicate_request"
    assert AccessRequest.objects.count() == 1


def test_asking_for_what_one_already_has_is_refused(personas):
    services.grant_access(
        personas.northwind,
        personas.person("erin"),
        system("metering"),
        level="submit",
        actor=personas.dave,
    )
    with pytest.raises(RuleViolation) as exc:
        _erin_asks(personas, level="read")
    assert exc.value.code == "already_granted"


def test_the_only_rights_administrator_cannot_approve_their_own_request(personas):
    request = services.request_access(
        personas.northwind, system("mpi"), level="read", actor=personas.dave
    )
    with pytest.raises((Forbidden, RuleViolation)):
        task_services.approve_task(request.task, actor=personas.dave)
    assert grants(personas.northwind, personas.person("dave")) == {}
    assert request.task.to_staff  # nobody else could decide it: operator staff may
    task_services.approve_task(request.task, actor=personas.staff)
    assert grants(personas.northwind, personas.person("dave")) == {"mpi": "read"}


def test_an_unknown_level_is_invalid(personas):
    with pytest.raises(Invalid):
        _erin_asks(personas, level="root")
    assert not AccessRequest.objects.exists()


def test_staff_without_a_person_cannot_request(personas):
    personas.staff.person  # noqa: B018 (the demo operator has a person but no membership)
    with pytest.raises((Forbidden, NotFound)):
        services.request_access(
            personas.northwind, system("mpi"), level="read", actor=personas.staff
        )


def test_leaving_the_organization_withdraws_open_requests(personas):
    request = _erin_asks(personas)
    registry_services.remove_member(
        personas.northwind, personas.person("erin"), actor=personas.alice
    )
    request.refresh_from_db()
    request.task.refresh_from_db()
    assert request.state == "withdrawn"
    assert request.task.state == "cancelled"


def test_the_request_page_sends_the_request_and_says_so(client, personas):
    client.force_login(personas.erin)
    response = client.post(
        reverse("systems-request-access"),
        {
            "organization": f"{personas.northwind.org_id}",
            "access": "metering:read",
            "reason": "Reconciliation",
        },
        follow=True,
    )
    page = response.content.decode()
    assert "has gone to the Rights Administrators of Northwind Power Corp." in page
    assert AccessRequest.objects.filter(person=personas.person("erin"), state="open").exists()


@pytest.mark.parametrize(
    "data",
    [
        {"organization": f"{DEMO.lakeshore.org_id}", "access": "metering:read"},
        {"organization": "abc", "access": "metering:read"},
        {"organization": f"{DEMO.northwind.org_id}", "access": "metering:root"},
        {
            "organization": f"{DEMO.northwind.org_id}",
            "access": "metering:read",
            "reason": "x" * 5000,
        },
        {},
    ],
)
def test_bad_request_input_is_refused_with_a_message(client, personas, data):
    client.force_login(personas.erin)
    response = client.post(reverse("systems-request-access"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not AccessRequest.objects.exists()


def test_the_actions_page_offers_request_access(client, personas):
    client.force_login(personas.erin)
    assert "Request Access" in client.get(reverse("actions")).content.decode()
