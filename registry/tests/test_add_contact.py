import pytest
from django.urls import reverse

from core.errors import Forbidden, RuleViolation
from registry import services
from registry.models import Membership
from registry.tests.helpers import holds, last_audit, role

pytestmark = pytest.mark.django_db


def test_primary_contact_registers_a_rights_administrator(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("rights_administrator"), actor=personas.alice)
    assert holds(erin, org, "rights_administrator")
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.actor_id) == (
        "contact.added",
        "done",
        personas.alice.pk,
    )
    assert entry.details["role"] == "rights_administrator"


def test_only_a_primary_contact_may_register_a_rights_administrator(personas):
    org, erin = personas.northwind, personas.person("erin")
    for actor in [personas.bob, personas.carol, personas.dave, personas.erin]:
        with pytest.raises(Forbidden) as exc:
            services.add_contact(org, erin, role("rights_administrator"), actor=actor)
        assert "Only a Primary Contact" in exc.value.message
    assert not holds(erin, org, "rights_administrator")
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.details["code"]) == (
        "contact.add",
        "refused",
        "forbidden",
    )


def test_authorized_representative_registers_a_primary_contact(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("primary_contact"), actor=personas.bob)
    assert holds(erin, org, "primary_contact")


def test_primary_contact_cannot_register_an_authorized_representative(personas):
    with pytest.raises(Forbidden):
        services.add_contact(
            personas.northwind,
            personas.person("erin"),
            role("authorized_representative"),
            actor=personas.alice,
        )


def test_operator_staff_may_register_any_role(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("authorized_representative"), actor=personas.staff)
    assert holds(erin, org, "authorized_representative")


def test_a_role_already_held_is_refused_with_role_held(personas):
    with pytest.raises(RuleViolation) as exc:
        services.add_contact(
            personas.northwind,
            personas.person("alice"),
            role("primary_contact"),
            actor=personas.bob,
        )
    assert exc.value.code == "role_held"


def test_a_role_for_a_person_of_another_organization_waits_for_their_confirmation(personas):
    org, grace = personas.northwind, personas.person("grace")
    with pytest.raises(RuleViolation) as refused:
        services.add_contact(org, grace, role("prudential_contact"), actor=personas.alice)
    assert refused.value.code == "confirmation_needed"
    assert not Membership.objects.filter(organization=org, person=grace).exists()


def test_operator_staff_give_a_role_to_a_person_of_another_organization_directly(personas):
    org, grace = personas.northwind, personas.person("grace")
    services.add_contact(org, grace, role("prudential_contact"), actor=personas.staff)
    assert Membership.objects.filter(organization=org, person=grace).exists()
    assert holds(grace, org, "prudential_contact")


def test_a_person_may_hold_several_roles(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("primary_contact"), actor=personas.alice)
    services.add_contact(org, erin, role("rights_administrator"), actor=personas.alice)
    assert holds(erin, org, "primary_contact") and holds(erin, org, "rights_administrator")


def test_the_role_page_adds_a_searched_person_and_says_so(client, personas):
    client.force_login(personas.alice)
    url = reverse("registry-role-holders", args=[personas.northwind.org_id, "rights_administrator"])
    found = client.get(url, {"q": "Erin"})
    assert f"{personas.person('erin').person_id}" in found.content.decode()
    response = client.post(
        reverse("registry-add-contact", args=[personas.northwind.org_id, "rights_administrator"]),
        {"person_id": f"{personas.person('erin').person_id}"},
        follow=True,
    )
    assert (
        f"Erin Walsh (Person ID {personas.person('erin').person_id}) is now Rights Administrator"
        in response.content.decode()
    )
    assert holds(personas.person("erin"), personas.northwind, "rights_administrator")


def test_the_role_page_shows_the_refusal_and_changes_nothing(client, personas):
    client.force_login(personas.bob)
    response = client.post(
        reverse("registry-add-contact", args=[personas.northwind.org_id, "rights_administrator"]),
        {"person_id": f"{personas.person('erin').person_id}"},
        follow=True,
    )
    assert "Only a Primary Contact of Northwind Power Corp." in response.content.decode()
    assert not holds(personas.person("erin"), personas.northwind, "rights_administrator")


@pytest.mark.parametrize("bad", ["", "abc", "-1", "999999999999", "0", "9999999"])
def test_adding_an_unknown_person_id_is_refused_clearly(client, personas, bad):
    client.force_login(personas.alice)
    response = client.post(
        reverse("registry-add-contact", args=[personas.northwind.org_id, "rights_administrator"]),
        {"person_id": bad},
        follow=True,
    )
    assert response.status_code == 200
    assert "is registered" in response.content.decode()


def test_adding_to_an_unknown_role_is_not_found(client, personas):
    client.force_login(personas.alice)
    response = client.post(
        reverse("registry-add-contact", args=[personas.northwind.org_id, "chief_wizard"]),
        {"person_id": f"{personas.person('erin').person_id}"},
    )
    assert response.status_code == 404
