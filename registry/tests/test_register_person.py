import pytest
from django.core import mail
from django.urls import reverse

from core.errors import Forbidden, Invalid, RuleViolation
from registry import services
from registry.models import Membership, Person
from registry.tests.helpers import holds, last_audit, role

pytestmark = pytest.mark.django_db

NEW = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "job_title": "Compliance Officer",
    "email": "nadia.haddad@northwind.example",
    "phone": "416 555 0199",
}


def test_registering_a_new_person_gives_a_person_id_membership_and_an_email(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = services.register_person(personas.northwind, data=NEW, actor=personas.alice)
    assert person.person_id > personas.person("staff").person_id
    assert person.phone == "+14165550199"
    assert Membership.objects.filter(organization=personas.northwind, person=person).exists()
    assert last_audit().action == "person.registered"
    assert any("nadia.haddad@northwind.example" in m.to for m in mail.outbox)


def test_registering_with_a_role_adds_the_role_in_the_same_step(personas):
    person = services.register_person(
        personas.northwind, data=NEW, role_type=role("rights_administrator"), actor=personas.alice
    )
    assert holds(person, personas.northwind, "rights_administrator")


def test_a_role_the_actor_cannot_manage_refuses_the_whole_registration(personas):
    with pytest.raises(Forbidden):
        services.register_person(
            personas.northwind,
            data=NEW,
            role_type=role("authorized_representative"),
            actor=personas.alice,
        )
    assert not Person.objects.filter(email__iexact=NEW["email"]).exists()


def test_same_email_in_any_case_is_refused_naming_the_existing_person_id(personas):
    data = {**NEW, "email": "  ALICE@northwind.example "}
    with pytest.raises(RuleViolation) as exc:
        services.register_person(personas.northwind, data=data, actor=personas.bob)
    assert exc.value.code == "duplicate_person"
    assert f"{personas.person('alice').person_id}" in exc.value.message


def test_same_name_in_the_organization_needs_confirmation(personas):
    data = {**NEW, "first_name": "erin", "last_name": "WALSH"}
    with pytest.raises(RuleViolation) as exc:
        services.register_person(personas.northwind, data=data, actor=personas.alice)
    assert (
        exc.value.code == "similar_person"
        and f"{personas.person('erin').person_id}" in exc.value.message
    )
    person = services.register_person(
        personas.northwind, data=data, allow_similar_name=True, actor=personas.alice
    )
    assert person.person_id != personas.person("erin").person_id


def test_a_plain_member_cannot_register_people(personas):
    with pytest.raises(Forbidden):
        services.register_person(personas.northwind, data=NEW, actor=personas.erin)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("first_name", "", "This field is required."),
        ("first_name", "   ", "This field is required."),
        ("first_name", "1234", "First name must contain letters."),
        ("first_name", "x" * 101, "Ensure this value has at most 100 characters"),
        ("last_name", "", "This field is required."),
        ("last_name", "Nul\x00l", "Null characters are not allowed."),
        ("email", "not-an-email", "Enter a valid email address."),
        ("email", "", "This field is required."),
        ("phone", "", "This field is required."),
        ("phone", "12", "That is not a valid telephone number"),
        ("phone", "call me maybe", "Write the telephone number with digits"),
        ("phone", "9" * 41, "Ensure this value has at most 40 characters"),
        ("job_title", "x" * 151, "Ensure this value has at most 150 characters"),
        ("postal_code", "x" * 21, "Ensure this value has at most 20 characters"),
    ],
)
def test_bad_input_is_refused_per_field_and_nothing_is_created(personas, field, value, message):
    before = Person.objects.count()
    with pytest.raises(Invalid) as exc:
        services.register_person(
            personas.northwind, data={**NEW, field: value}, actor=personas.alice
        )
    assert any(message in m for m in exc.value.fields[field]), exc.value.fields
    assert Person.objects.count() == before


def test_the_register_page_is_offered_only_after_a_search(client, personas):
    client.force_login(personas.alice)
    url = reverse("registry-register-person", args=[personas.northwind.org_id])
    response = client.get(url, follow=True)
    assert "Search for the person first" in response.content.decode()
    page = client.get(url, {"q": "Nadia"})
    assert page.status_code == 200 and "Register a new person" in page.content.decode()


def test_the_register_page_registers_and_reports_the_person_id(client, personas):
    client.force_login(personas.alice)
    url = (
        reverse("registry-register-person", args=[personas.northwind.org_id])
        + "?q=Nadia&role=primary_contact"
    )
    response = client.post(url, {**NEW, "searched": "Nadia"}, follow=True)
    person = Person.objects.get(email=NEW["email"])
    assert f"registered with Person ID {person.person_id} as Primary Contact" in (
        response.content.decode()
    )
    assert holds(person, personas.northwind, "primary_contact")


def test_the_register_page_shows_field_errors_and_keeps_what_was_typed(client, personas):
    client.force_login(personas.alice)
    url = reverse("registry-register-person", args=[personas.northwind.org_id]) + "?q=Nadia"
    response = client.post(url, {**NEW, "phone": "12"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "not a valid telephone number" in body
    assert 'value="Nadia"' in body
    assert not Person.objects.filter(email=NEW["email"]).exists()


def test_the_register_page_asks_to_confirm_a_similar_name(client, personas):
    client.force_login(personas.alice)
    url = reverse("registry-register-person", args=[personas.northwind.org_id]) + "?q=Erin"
    data = {**NEW, "first_name": "Erin", "last_name": "Walsh"}
    first = client.post(url, data)
    assert "confirm to register them" in first.content.decode()
    client.post(url, {**data, "confirm_similar": "yes"})
    assert Person.objects.filter(last_name="Walsh").count() == 2
