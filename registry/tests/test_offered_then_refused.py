"""Issue 15 point 4: a button or link appears only where the service would accept it; where it
would not, the page says why in its place (the sentence the service would refuse with)."""

import pytest
from django.urls import reverse

from registry.tests.helpers import holds

pytestmark = pytest.mark.django_db

NORTHWIND = 100001
ALICE, ERIN = 500001, 500005


def _page(client, user, name, *args, **query):
    client.force_login(user)
    response = client.get(reverse(name, args=args), query)
    assert response.status_code == 200
    return response.content.decode()


def test_remove_is_not_offered_for_the_only_primary_contact_and_the_page_says_why(client, personas):
    html = _page(client, personas.alice, "registry-role-holders", NORTHWIND, "primary_contact")
    remove = reverse("registry-remove-contact", args=[NORTHWIND, "primary_contact", ALICE])
    assert remove not in html
    assert "Alice Martin is the only Primary Contact of Northwind Power Corp." in html
    assert "register another Primary Contact first" in html


def test_by_person_says_why_the_only_primary_contact_cannot_lose_the_role_or_leave(
    client, personas
):
    html = _page(client, personas.alice, "registry-person-roles", NORTHWIND, ALICE)
    assert "Remove Primary Contact" not in html
    assert "Alice Martin is the only Primary Contact" in html
    assert reverse("registry-remove-member", args=[NORTHWIND, ALICE]) not in html


def test_the_confirmation_page_of_a_refused_removal_has_no_yes_button(client, personas):
    html = _page(
        client, personas.alice, "registry-remove-contact", NORTHWIND, "primary_contact", ALICE
    )
    assert "Yes, remove" not in html
    assert "Alice Martin is the only Primary Contact" in html
    assert holds(personas.person("alice"), personas.northwind, "primary_contact")


@pytest.mark.parametrize("who", ["carol", "erin"])
def test_register_a_rights_administrator_is_offered_only_to_those_who_may(client, personas, who):
    html = _page(client, getattr(personas, who), "registry-organization", NORTHWIND)
    assert "Only one Rights Administrator is registered" in html
    assert "Register a Rights Administrator" not in html
    assert "Only a Primary Contact can register one." in html
    html = _page(client, personas.alice, "registry-organization", NORTHWIND)
    assert "Register a Rights Administrator" in html


def test_the_search_does_not_offer_adding_a_current_holder(client, personas):
    html = _page(
        client, personas.alice, "registry-role-holders", NORTHWIND, "primary_contact", q="Alice"
    )
    assert "Add Alice Martin as Primary Contact" not in html
    assert "Alice Martin is already Primary Contact of Northwind Power Corp." in html
    html = _page(
        client, personas.alice, "registry-role-holders", NORTHWIND, "primary_contact", q="Erin"
    )
    assert "Add Erin Walsh as Primary Contact" in html


def test_a_non_holder_is_offered_add_and_a_second_holder_is_offered_remove(client, personas):
    client.force_login(personas.alice)
    client.post(
        reverse("registry-add-contact", args=[NORTHWIND, "primary_contact"]),
        {"person_id": ERIN},
    )
    html = _page(client, personas.alice, "registry-role-holders", NORTHWIND, "primary_contact")
    assert reverse("registry-remove-contact", args=[NORTHWIND, "primary_contact", ALICE]) in html
    assert reverse("registry-remove-contact", args=[NORTHWIND, "primary_contact", ERIN]) in html


def test_the_security_card_leads_somewhere_for_someone_who_cannot_change_it(client, personas):
    html = _page(client, personas.erin, "organization-security", NORTHWIND)
    assert 'name="require_two_factor"' not in html
    assert "Only an Authorized Representative of Northwind Power Corp. can change this." in html
    assert reverse("two-factor") in html
    html = _page(client, personas.bob, "organization-security", NORTHWIND)
    assert 'name="require_two_factor"' in html
