import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from backoffice import services
from core.errors import Forbidden, Invalid, RuleViolation
from registry.models import RoleAssignment

pytestmark = pytest.mark.django_db


def without_representative(org):
    """Data set-up: the situation recovery is for (the last AR left); raw ORM on purpose,
    since the rules would never allow it."""
    RoleAssignment.objects.filter(
        membership__organization=org, role_type__code="authorized_representative"
    ).delete()


def is_ar(person, org) -> bool:
    return RoleAssignment.objects.filter(
        membership__organization=org,
        membership__person=person,
        role_type__code="authorized_representative",
    ).exists()


def test_staff_appoint_a_representative_for_an_organization_that_has_none(
    personas, django_capture_on_commit_callbacks
):
    org, erin = personas.northwind, personas.person("erin")
    without_representative(org)
    with django_capture_on_commit_callbacks(execute=True):
        services.appoint_authorized_representative(
            org,
            erin,
            reason="Bob Chen left the company; confirmed by letter.",
            actor=personas.staff,
        )
    assert is_ar(erin, org)
    entry = AuditEntry.objects.filter(action="organization.recovered").get()
    assert entry.details["reason"] == "Bob Chen left the company; confirmed by letter."
    told = {a for m in mail.outbox for a in m.to if "appointed" in m.subject}
    assert {"erin@northwind.example", "alice@northwind.example", "dave@northwind.example"} <= told


def test_a_person_from_outside_becomes_a_member_too(personas):
    org, frank = personas.northwind, personas.person("frank")
    without_representative(org)
    services.appoint_authorized_representative(
        org, frank, reason="Frank is the new owner's representative.", actor=personas.staff
    )
    assert is_ar(frank, org)


def test_an_organization_that_has_a_representative_is_not_recovered(personas):
    with pytest.raises(RuleViolation) as exc:
        services.appoint_authorized_representative(
            personas.northwind,
            personas.person("erin"),
            reason="Just because.",
            actor=personas.staff,
        )
    assert exc.value.code == "has_representative"
    assert not is_ar(personas.person("erin"), personas.northwind)
    assert AuditEntry.objects.order_by("-id").first().outcome == "refused"


def test_the_reason_is_mandatory(personas):
    without_representative(personas.northwind)
    with pytest.raises(Invalid):
        services.appoint_authorized_representative(
            personas.northwind, personas.person("erin"), reason="  ", actor=personas.staff
        )
    assert not is_ar(personas.person("erin"), personas.northwind)


def test_only_staff_appoint(personas):
    without_representative(personas.northwind)
    with pytest.raises(Forbidden):
        services.appoint_authorized_representative(
            personas.northwind,
            personas.person("alice"),
            reason="I would like to.",
            actor=personas.alice,
        )


def test_the_page_appoints_and_says_so(client, personas):
    without_representative(personas.northwind)
    client.force_login(personas.staff)
    url = reverse("backoffice-appoint-representative", args=[personas.northwind.org_id])
    assert "Appoint an Authorized Representative for Northwind" in client.get(url).content.decode()
    response = client.post(url, {"person_id": f"{personas.person('erin').person_id}", "reason": ""})
    assert response.status_code == 422
    response = client.post(
        url,
        {"person_id": f"{personas.person('erin').person_id}", "reason": "The last one retired."},
        follow=True,
    )
    assert "Erin Walsh is now Authorized Representative of Northwind" in response.content.decode()


def test_the_page_shows_a_refusal_and_changes_nothing(client, personas):
    client.force_login(personas.staff)
    url = reverse("backoffice-appoint-representative", args=[personas.northwind.org_id])
    response = client.post(
        url, {"person_id": f"{personas.person('erin').person_id}", "reason": "Trying anyway."}
    )
    assert response.status_code == 409
    assert "already has an Authorized Representative" in response.content.decode()


def test_the_page_does_not_exist_for_an_organization_contact(client, personas):
    client.force_login(personas.bob)
    url = reverse("backoffice-appoint-representative", args=[personas.northwind.org_id])
    assert client.get(url).status_code == 404
