"""A newly registered person is invited by e-mail, chooses an account name, a password and
secret answers, and lands on News (security case 35: the token is never shown)."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import Client

from accounts.models import Invitation, SecretQuestion, User
from accounts.tests.helpers import last_audit, link_from_mail
from audit.models import AuditEntry
from registry import services as registry_services

pytestmark = pytest.mark.django_db
NADIA = {
    "first_name": "Nadia",
    "last_name": "Haddad",
    "job_title": "Compliance Officer",
    "email": "nadia.haddad@northwind.example",
    "phone": "416 555 0199",
}
PASSWORD = "seven lanterns over quiet water"


def setup_data(username="nadia", password=PASSWORD) -> dict:
    questions = list(SecretQuestion.objects.filter(is_active=True)[:3])
    data = {"username": username, "new_password1": password, "new_password2": password}
    for n, (question, answer) in enumerate(zip(questions, ["rex", "toronto", "blue"]), 1):
        data[f"question_{n}"] = str(question.pk)
        data[f"answer_{n}"] = answer
    return data


@pytest.fixture
def invited(personas, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        person = registry_services.register_person(
            personas.northwind, data=NADIA, actor=personas.alice
        )
    return person, link_from_mail("/invitation/")


def test_registering_a_person_emails_them_an_invitation(invited):
    person, path = invited
    message = mail.outbox[-1]
    assert message.to == [person.email]
    assert "Northwind Power Corp." in message.body
    assert message.body.count("http://127.0.0.1:8000/invitation/") == 1


def test_the_invited_person_sets_up_the_account_and_lands_on_news(client, invited):
    person, path = invited
    response = client.get(path)
    assert response.status_code == 302 and response.url == "/invitation/"
    assert response["Referrer-Policy"] == "no-referrer"
    page = client.get("/invitation/")
    assert b"Set up your account" in page.content
    response = client.post("/invitation/", setup_data(), follow=True)
    assert response.redirect_chain[-1][0] == "/news/"
    assert b"Your account nadia is ready" in response.content
    person.refresh_from_db()
    assert person.user.username == "nadia" and person.user.email == person.email
    assert person.user.has_secret_answers
    assert last_audit("account.created").target_id == str(person.person_id)


def test_the_token_appears_in_no_page_and_no_audit_entry(client, personas, invited):
    person, path = invited
    token = path.strip("/").split("/")[-1]
    client.force_login(personas.alice)
    pages = [
        client.get(
            f"/organizations/{personas.northwind.org_id}/contacts/by-person/{person.person_id}/"
        ),
        client.get("/news/"),
        client.get(f"/api/v1/persons/{person.person_id}"),
    ]
    assert all(token not in p.content.decode() for p in pages)
    assert not any(token in str(e.details) for e in AuditEntry.objects.all())
    assert not Invitation.objects.filter(token_digest=token).exists()


def test_an_invitation_works_only_once(client, invited):
    person, path = invited
    client.get(path)
    client.post("/invitation/", setup_data())
    again = Client()
    assert again.get(path).status_code == 404


def test_an_expired_invitation_is_refused(client, invited):
    person, path = invited
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=8), tick=False):
        response = client.get(path)
    assert response.status_code == 404
    assert b"not valid any more" in response.content


def test_a_password_naming_the_organization_is_refused_in_words(client, invited):
    person, path = invited
    client.get(path)
    response = client.post("/invitation/", setup_data(password="northwind power forever ok"))
    assert b"the name of your organization" in response.content
    person.refresh_from_db()
    assert person.user is None


def test_a_taken_account_name_is_refused(client, invited):
    person, path = invited
    client.get(path)
    response = client.post("/invitation/", setup_data(username="ALICE"))
    assert b"This account name is taken" in response.content
    assert User.objects.filter(username="alice").count() == 1


def test_staff_resend_an_invitation_and_the_old_link_stops_working(
    client, personas, invited, django_capture_on_commit_callbacks
):
    person, old = invited
    client.force_login(personas.staff)
    page = client.get(f"/invitations/{person.person_id}/resend/")
    assert b"Resend invitation" in page.content
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/invitations/{person.person_id}/resend/", follow=True)
    assert b"A new invitation has been sent" in response.content
    new = link_from_mail("/invitation/")
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 302
    assert last_audit("invitation.sent").actor_id == personas.staff.pk


def test_only_staff_may_resend_an_invitation(client, personas, invited):
    person, path = invited
    client.force_login(personas.alice)
    response = client.post(f"/invitations/{person.person_id}/resend/", follow=True)
    assert b"Only operator staff can resend an invitation." in response.content
    assert last_audit().outcome == "refused"
    assert Client().get(path).status_code == 302, "the invitation still works"


def test_another_organizations_person_is_not_found_for_a_non_staff_resend(client, personas):
    client.force_login(personas.frank)
    response = client.post(f"/invitations/{personas.person('alice').person_id}/resend/")
    assert response.status_code == 404
