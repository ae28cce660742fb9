import pytest
from django.urls import reverse

from core.errors import Forbidden, Invalid
from registry import services
from registry.models import Person
from registry.tests.helpers import last_audit

pytestmark = pytest.mark.django_db


def test_a_person_corrects_their_phone_and_it_is_stored_in_e164(personas):
    alice = personas.person("alice")
    services.update_my_information(alice, data={"phone": "(647) 555-0123"}, actor=personas.alice)
    alice.refresh_from_db()
    assert alice.phone == "+16475550123"
    entry = last_audit()
    assert entry.action == "person.updated" and entry.details["fields"] == ["phone"]


def test_an_international_number_keeps_its_country_code(personas):
    alice = personas.person("alice")
    services.update_my_information(alice, data={"phone": "+44 20 7946 0958"}, actor=personas.alice)
    alice.refresh_from_db()
    assert alice.phone == "+442079460958"


def test_nobody_changes_someone_elses_details(personas):
    with pytest.raises(Forbidden):
        services.update_my_information(
            personas.person("alice"), data={"phone": "4165550000"}, actor=personas.bob
        )


def test_an_email_used_by_another_person_is_refused(personas):
    with pytest.raises(Invalid) as exc:
        services.update_my_information(
            personas.person("alice"), data={"email": "BOB@northwind.example"}, actor=personas.alice
        )
    assert "already uses this e-mail" in exc.value.fields["email"][0]


def test_unknown_fields_are_ignored(personas):
    alice = personas.person("alice")
    services.update_my_information(
        alice, data={"person_id": 1, "user": 5, "job_title": "VP"}, actor=personas.alice
    )
    alice.refresh_from_db()
    assert (alice.person_id, alice.job_title) == (personas.person("alice").person_id, "VP")


def test_the_page_saves_and_says_so(client, personas):
    client.force_login(personas.alice)
    alice = personas.person("alice")
    data = {name: getattr(alice, name) for name in services.PERSON_FIELDS}
    data["job_title"] = "Vice-President, Markets"
    response = client.post(reverse("me"), data, follow=True)
    assert "Your contact information has been saved." in response.content.decode()
    alice.refresh_from_db()
    assert alice.job_title == "Vice-President, Markets"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", ""),
        ("last_name", ""),
        ("email", "alice-at-example"),
        ("phone", "555"),
        ("phone", "abc"),
        ("city", "x" * 101),
    ],
)
def test_the_page_reshows_the_form_with_the_error_and_changes_nothing(
    client, personas, field, value
):
    client.force_login(personas.alice)
    alice = personas.person("alice")
    data = {name: getattr(alice, name) for name in services.PERSON_FIELDS}
    data[field] = value
    response = client.post(reverse("me"), data)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    fresh = Person.objects.get(pk=alice.pk)
    assert getattr(fresh, field) == getattr(alice, field)


def test_staff_without_a_person_sees_an_explanation(client, db):
    from accounts.models import User

    user = User.objects.create_user("ops2", password="x" * 20, is_staff=True)
    client.force_login(user)
    assert "not linked to a registered person" in client.get(reverse("me")).content.decode()


def test_changing_the_email_through_the_api_session_needs_a_recent_password(client, personas):
    import time

    from core.reauth import AUTHENTICATED_AT

    client.force_login(personas.alice)
    session = client.session
    session[AUTHENTICATED_AT] = time.time() - 3600
    session.save()
    csrf = client.get("/me/").cookies  # a page visit sets the CSRF cookie
    token = csrf.get("csrftoken") or csrf.get("__Host-csrftoken")
    headers = {"HTTP_X_CSRFTOKEN": token.value} if token else {}
    response = client.patch(
        "/api/v1/me",
        {"email": "alice.martin@northwind.example"},
        content_type="application/json",
        **headers,
    )
    assert response.status_code == 403 and response.json()["code"] == "reauth_required"
    assert (
        Person.objects.get(person_id=personas.person("alice").person_id).email
        == "alice@northwind.example"
    )
