"""Issue 22, finding 12: affiliating a person who belongs to another organization asks them
first. Until they confirm, the organization sees no more of them than a search shows, so the
registry cannot be harvested by add, read, remove."""

import pytest
from django.core import mail

from audit.models import AuditEntry
from registry import services
from registry.models import AffiliationRequest, Membership
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


def _frank_id(personas) -> int:
    return personas.person("frank").person_id


def test_adding_another_organizations_contact_asks_them_and_reveals_nothing(
    personas, django_capture_on_commit_callbacks
):
    dave = as_persona(personas, "dave")  # Rights Administrator of Northwind
    frank = _frank_id(personas)  # Primary Contact of Lakeshore
    with django_capture_on_commit_callbacks(execute=True):
        response = call(dave, "POST", "/organizations/100001/members", {"person_id": frank})
    assert response.status_code == 202, response.content
    assert response.json()["state"] == "awaiting_confirmation"
    assert not Membership.objects.filter(
        organization=personas.northwind, person=personas.person("frank")
    ).exists()
    detail = call(dave, "GET", f"/persons/{frank}")
    assert detail.status_code == 404
    assert "frank@lakeshore.example" not in detail.content.decode()
    [message] = [m for m in mail.outbox if "asks to add you" in m.subject]
    assert message.to == ["frank@lakeshore.example"]
    assert AuditEntry.objects.filter(action="member.confirmation_requested").count() == 1


def test_a_role_cannot_be_given_to_them_before_they_confirm(personas):
    response = call(
        as_persona(personas, "alice"),
        "POST",
        "/organizations/100001/contacts",
        {"person_id": _frank_id(personas), "role": "rights_administrator"},
    )
    assert response.status_code == 409, response.content
    assert response.json()["code"] == "confirmation_needed"
    assert "must first agree to join" in response.json()["detail"]


def test_once_they_confirm_on_their_page_they_belong_and_are_visible(client, personas):
    dave = as_persona(personas, "dave")
    frank = _frank_id(personas)
    call(dave, "POST", "/organizations/100001/members", {"person_id": frank})
    client.force_login(personas.frank)
    page = client.get("/me/").content.decode()
    assert "Organizations asking to add you" in page
    asked = AffiliationRequest.objects.get(person=personas.person("frank"))
    response = client.post(f"/me/affiliations/{asked.pk}/confirm/", follow=True)
    assert "You now belong to Northwind Power Corp." in response.content.decode()
    assert call(dave, "GET", f"/persons/{frank}").status_code == 200


def test_declining_leaves_the_organization_knowing_nothing_more(client, personas):
    call(
        as_persona(personas, "dave"),
        "POST",
        "/organizations/100001/members",
        {"person_id": _frank_id(personas)},
    )
    asked = AffiliationRequest.objects.get(person=personas.person("frank"))
    client.force_login(personas.frank)
    client.post(f"/me/affiliations/{asked.pk}/decline/")
    assert not AffiliationRequest.objects.exists()
    assert not Membership.objects.filter(
        organization=personas.northwind, person=personas.person("frank")
    ).exists()


def test_nobody_else_can_answer_for_them(client, personas):
    services.add_member(personas.northwind, personas.person("frank"), actor=personas.dave)
    asked = AffiliationRequest.objects.get()
    client.force_login(personas.dave)
    client.post(f"/me/affiliations/{asked.pk}/confirm/")
    assert AffiliationRequest.objects.filter(pk=asked.pk).exists()


def test_a_person_of_no_other_organization_is_added_at_once(personas):
    from registry.models import Person

    loner = Person.objects.create(
        person_id=599999, first_name="Lone", last_name="Person", email="lone@example.org"
    )
    assert services.add_member(personas.northwind, loner, actor=personas.alice) is not None
