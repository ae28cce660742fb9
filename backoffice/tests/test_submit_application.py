import re

import pytest
from django.core import mail
from django.urls import reverse

from audit.models import AuditEntry
from backoffice import services
from backoffice.models import OrganizationApplication
from backoffice.tests.helpers import application_data, submit
from core.errors import Invalid
from tasks.models import Task

pytestmark = pytest.mark.django_db
URL = "/register-organization/"


def test_anyone_can_open_the_form_without_signing_in(client):
    page = client.get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "<h1>Register an Organization</h1>" in html
    for legend in [
        "The organization",
        "Authorized Representative",
        "Primary Contact",
        "Rights Administrator",
        "Your details (the submitter)",
    ]:
        assert f"<legend>{legend}</legend>" in html
    assert '<label for="id_org-business_number">' in html


def test_a_valid_application_waits_for_review_with_its_contacts(client, personas):
    response = client.post(URL, application_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice-application-sent")
    application = OrganizationApplication.objects.get()
    assert application.status == "pending"
    assert application.business_number == "123456789"
    assert application.submitted_ip == "127.0.0.1"
    contacts = {c.role_code: c for c in application.contacts.all()}
    assert set(contacts) == {"authorized_representative", "primary_contact", "rights_administrator"}
    assert contacts["primary_contact"].phone == "+14165550172"
    entry = AuditEntry.objects.filter(action="application.submitted").get()
    assert (entry.action, entry.actor_label, entry.target_id) == (
        "application.submitted",
        "anonymous",
        application.reference,
    )


def test_the_submitter_gets_a_reference_and_staff_get_a_review_task(
    personas, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submit()
    to_submitter = [m for m in mail.outbox if m.to == ["sam@sunridge.example"]]
    assert len(to_submitter) == 1 and application.reference in to_submitter[0].body
    assert any("staff@operator.example" in m.to + m.bcc for m in mail.outbox)
    task = Task.objects.open_for(personas.staff).get(kind="organization_application")
    assert task.subject == application and task.to_staff
    assert not Task.objects.open_for(personas.alice).filter(pk=task.pk).exists()


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("org-business_number", "12345", "Enter the 9-digit business number"),
        ("org-business_number", "١٢٣٤٥٦٧٨٩", "Enter the 9-digit business number"),
        ("org-legal_name", "   ", "Enter legal name."),
        ("org-entity_type", "empire", "Select a valid choice"),
        ("org-city", "", "Enter city."),
        ("pc-phone", "12", "telephone number"),
        ("ar-email", "not-an-email", "Enter a valid email address"),
        ("ra-first_name", "1234", "First name must contain letters"),
        ("submitter-last_name", "Nul\x00", "Null characters are not allowed"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_is_stored(client, field, value, message):
    response = client.post(URL, application_data(**{field: value}))
    assert response.status_code == 422
    assert message in response.content.decode()
    assert not OrganizationApplication.objects.exists()


def test_one_email_cannot_name_two_different_people():
    with pytest.raises(Invalid) as exc:
        submit(**{"pc-email": "ada@sunridge.example"})
    assert "One e-mail belongs to one person" in exc.value.fields["pc-email"][0]
    assert not OrganizationApplication.objects.exists()


def test_one_person_may_be_named_for_several_roles():
    application = submit(
        **{"pc-first_name": "Ada", "pc-last_name": "LOVELACE", "pc-email": "ADA@sunridge.example"}
    )
    assert application.contacts.count() == 3


def test_the_answer_is_the_same_whether_or_not_the_contacts_are_registered(client, personas):
    fresh = client.post(URL, application_data(), follow=True)
    known = client.post(
        URL,
        application_data(
            **{"ar-email": "alice@northwind.example", "submitter-email": "bob@northwind.example"}
        ),
        follow=True,
    )
    assert fresh.status_code == known.status_code == 200
    # Every form's CSRF token is masked afresh (the header's language switcher is a form).
    token = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')
    strip = lambda r: token.sub("", r.content.decode())  # noqa: E731
    assert strip(fresh) == strip(known)
    assert "Alice" not in known.content.decode()


def test_too_many_applications_from_one_address_are_refused(client, settings):
    settings.APPLICATIONS_PER_ADDRESS_PER_HOUR = 2
    for n in range(2):
        submit(ip="203.0.113.9", **{"submitter-email": f"s{n}@example.com"})
    response = client.post(URL, application_data(), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert "Too many applications" in response.content.decode()
    assert OrganizationApplication.objects.count() == 2
    entry = AuditEntry.objects.order_by("-id").first()
    assert (entry.action, entry.outcome, entry.details["code"]) == (
        "application.submit",
        "refused",
        "rate_limited",
    )


def test_too_many_applications_for_one_submitter_are_refused(settings):
    settings.APPLICATIONS_PER_EMAIL_PER_DAY = 1
    submit(ip="203.0.113.1")
    with pytest.raises(services.RateLimited):
        submit(ip="203.0.113.2", **{"submitter-email": "SAM@sunridge.example"})
    assert OrganizationApplication.objects.count() == 1


def test_a_robot_filling_the_hidden_field_is_answered_but_nothing_is_stored(client):
    response = client.post(URL, application_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not OrganizationApplication.objects.exists()


def test_the_form_refuses_other_methods(client):
    assert client.put(URL).status_code == 405
