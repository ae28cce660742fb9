"""Issue 15 point 7: a new e-mail address is used only once it is confirmed from a link sent
to it, and the old address is told."""

import re
import time
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from registry import services
from registry.models import EmailChange, Person

pytestmark = pytest.mark.django_db

OLD = "alice@northwind.example"
NEW = "alice.martin@northwind.example"


def _form(alice, **changes) -> dict:
    data = {name: getattr(alice, name) for name in services.PERSON_FIELDS}
    return {**data, **changes}


def _ask(client, personas, capture, email=NEW):
    client.force_login(personas.alice)
    with capture(execute=True):
        response = client.post(reverse("me"), _form(personas.person("alice"), email=email))
    return response


def _link() -> str:
    (message,) = [m for m in mail.outbox if m.to == [NEW]]
    return re.search(r"https?://\S+/me/email/(\S+)/", message.body).group(0)


def test_a_new_address_waits_until_confirmed_and_both_addresses_are_told(
    client, personas, django_capture_on_commit_callbacks
):
    response = _ask(client, personas, django_capture_on_commit_callbacks)
    page = client.get(response.url).content.decode()
    assert f"We sent a link to {NEW}; your address stays {OLD} until you confirm" in page
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == OLD
    assert [m.subject for m in mail.outbox if m.to == [NEW]] == ["Confirm your new e-mail address"]
    (told,) = [m for m in mail.outbox if m.to == [OLD]]
    assert NEW in told.body and "Nothing changes until" in told.body
    assert AuditEntry.objects.filter(action="person.email_change_requested").exists()


def test_the_link_confirms_once(client, personas, django_capture_on_commit_callbacks):
    _ask(client, personas, django_capture_on_commit_callbacks)
    path = _link().split("://", 1)[1].split("/", 1)[1]
    path = "/" + path
    shown = client.get(path)
    assert shown.status_code == 200 and f"Use {NEW}" in shown.content.decode()
    assert (
        Person.objects.get(person_id=personas.person("alice").person_id).email == OLD
    )  # opening the link changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path, follow=True)
    assert f"Your e-mail address is now {NEW}." in done.content.decode()
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == NEW
    assert AuditEntry.objects.filter(action="person.email_changed").exists()
    assert not EmailChange.objects.exists()
    assert client.get(path).status_code == 404  # single use
    client.post(path)
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == NEW


def test_an_expired_link_changes_nothing(client, personas, django_capture_on_commit_callbacks):
    _ask(client, personas, django_capture_on_commit_callbacks)
    path = "/" + _link().split("://", 1)[1].split("/", 1)[1]
    with time_machine.travel(timezone.now() + timedelta(hours=49)):
        client.force_login(personas.alice)
        assert client.get(path).status_code == 404
        client.post(path)
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == OLD


def test_someone_elses_link_does_not_work(client, personas, django_capture_on_commit_callbacks):
    _ask(client, personas, django_capture_on_commit_callbacks)
    path = "/" + _link().split("://", 1)[1].split("/", 1)[1]
    client.force_login(personas.bob)
    assert client.get(path).status_code == 404
    client.post(path)
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == OLD
    assert (
        Person.objects.get(person_id=personas.person("bob").person_id).email
        == "bob@northwind.example"
    )


def test_a_later_request_replaces_the_earlier_link(
    client, personas, django_capture_on_commit_callbacks
):
    _ask(client, personas, django_capture_on_commit_callbacks)
    first = "/" + _link().split("://", 1)[1].split("/", 1)[1]
    _ask(client, personas, django_capture_on_commit_callbacks, email="a.martin@northwind.example")
    client.post(first)
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == OLD


def test_keeping_the_old_address_withdraws_the_link(
    client, personas, django_capture_on_commit_callbacks
):
    _ask(client, personas, django_capture_on_commit_callbacks)
    path = "/" + _link().split("://", 1)[1].split("/", 1)[1]
    page = client.post(reverse("me-cancel-email"), follow=True).content.decode()
    assert f"Your e-mail address stays {OLD}." in page
    client.post(path)
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == OLD


def test_the_api_answers_the_current_address_and_the_pending_one(client, personas):
    from core.reauth import AUTHENTICATED_AT

    client.force_login(personas.alice)
    session = client.session
    session[AUTHENTICATED_AT] = time.time()
    session.save()
    cookies = client.get("/me/").cookies
    token = cookies.get("csrftoken") or cookies.get("__Host-csrftoken")
    headers = {"HTTP_X_CSRFTOKEN": token.value} if token else {}
    response = client.patch(
        "/api/v1/me", {"email": NEW}, content_type="application/json", **headers
    )
    assert response.status_code == 200
    assert (response.json()["email"], response.json()["pending_email"]) == (OLD, NEW)
    assert client.get("/api/v1/me").json()["pending_email"] == NEW
    assert Person.objects.get(person_id=personas.person("alice").person_id).email == OLD


def test_personal_fields_say_their_purpose_and_type(client, personas):
    client.force_login(personas.alice)
    page = client.get(reverse("me")).content.decode()
    for name, token in [
        ("first_name", "given-name"),
        ("last_name", "family-name"),
        ("job_title", "organization-title"),
        ("email", "email"),
        ("phone", "tel"),
        ("postal_code", "postal-code"),
    ]:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert f'autocomplete="{token}"' in tag, tag
    assert 'type="email"' in re.search(r'<input[^>]*name="email"[^>]*>', page).group(0)
    phone = re.search(r'<input[^>]*name="phone"[^>]*>', page).group(0)
    assert 'type="tel"' in phone and 'value="416-555-' in phone


def test_telephones_are_shown_as_people_write_them(client, personas):
    services.update_my_information(
        personas.person("alice"), data={"phone": "+44 20 7946 0958"}, actor=personas.alice
    )
    client.force_login(personas.bob)
    url = reverse("registry-role-holders", args=[personas.northwind.org_id, "primary_contact"])
    page = client.get(url).content.decode()
    assert "+44 20 7946 0958" in page and "+442079460958" not in page
    url = reverse(
        "registry-role-holders", args=[personas.northwind.org_id, "authorized_representative"]
    )
    assert re.search(r">\d{3}-555-\d{4}<", client.get(url).content.decode())
