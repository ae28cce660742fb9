import pytest
from django.urls import reverse

from core.errors import Forbidden, NotFound, RuleViolation
from registry import services
from registry.tests.helpers import holds, last_audit, role

pytestmark = pytest.mark.django_db


def test_primary_contact_removes_a_second_primary_contact(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("primary_contact"), actor=personas.alice)
    services.remove_contact(org, erin, role("primary_contact"), actor=personas.alice)
    assert not holds(erin, org, "primary_contact")
    entry = last_audit()
    assert (entry.action, entry.outcome, entry.target_id) == (
        "contact.removed",
        "done",
        f"{personas.person('erin').person_id}",
    )


def test_last_primary_contact_cannot_be_removed(personas):
    org, alice = personas.northwind, personas.person("alice")
    with pytest.raises(RuleViolation) as exc:
        services.remove_contact(org, alice, role("primary_contact"), actor=personas.bob)
    assert exc.value.code == "last_holder"
    assert "register another Primary Contact first" in exc.value.message
    assert holds(alice, org, "primary_contact")
    entry = last_audit()
    assert (entry.action, entry.outcome) == ("contact.remove", "refused")
    assert entry.details["code"] == "last_holder"


def test_last_holder_rule_binds_operator_staff_too(personas):
    org, dave = personas.northwind, personas.person("dave")
    with pytest.raises(RuleViolation):
        services.remove_contact(org, dave, role("rights_administrator"), actor=personas.staff)
    assert holds(dave, org, "rights_administrator")


def test_optional_role_can_lose_its_last_holder(personas):
    org, carol = personas.northwind, personas.person("carol")
    services.remove_contact(org, carol, role("invoicing_banking_contact"), actor=personas.alice)
    assert not holds(carol, org, "invoicing_banking_contact")


def test_rights_administrator_is_removed_only_by_a_primary_contact(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("rights_administrator"), actor=personas.alice)
    with pytest.raises(Forbidden):
        services.remove_contact(org, erin, role("rights_administrator"), actor=personas.bob)
    assert holds(erin, org, "rights_administrator")
    assert last_audit().outcome == "refused"


def test_removing_a_role_the_person_does_not_hold_is_not_found(personas):
    with pytest.raises(NotFound):
        services.remove_contact(
            personas.northwind,
            personas.person("erin"),
            role("primary_contact"),
            actor=personas.alice,
        )


def test_remove_page_asks_for_confirmation_then_removes(client, personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("primary_contact"), actor=personas.alice)
    client.force_login(personas.alice)
    url = reverse(
        "registry-remove-contact",
        args=[org.org_id, "primary_contact", personas.person("erin").person_id],
    )
    page = client.get(url)
    assert page.status_code == 200
    assert "Remove Erin Walsh as Primary Contact?" in page.content.decode()
    assert holds(erin, org, "primary_contact")
    response = client.post(url, follow=True)
    assert "Erin Walsh is no longer Primary Contact" in response.content.decode()
    assert not holds(erin, org, "primary_contact")


def test_remove_page_shows_the_last_holder_refusal(client, personas):
    client.force_login(personas.alice)
    url = reverse(
        "registry-remove-contact",
        args=[personas.northwind.org_id, "primary_contact", personas.person("alice").person_id],
    )
    response = client.post(url, follow=True)
    assert "At least one Primary Contact is required at all times" in response.content.decode()
    assert holds(personas.person("alice"), personas.northwind, "primary_contact")


def test_get_on_the_remove_page_changes_nothing(client, personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role("primary_contact"), actor=personas.alice)
    client.force_login(personas.alice)
    client.get(
        reverse(
            "registry-remove-contact",
            args=[personas.northwind.org_id, "primary_contact", personas.person("erin").person_id],
        )
    )
    assert holds(erin, org, "primary_contact")
