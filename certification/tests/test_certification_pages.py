"""Certification pages: what each person is offered is what the service allows (and why not
otherwise), another organization's certification does not exist, the downloads carry the
attested list and its hash, and the list is read in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certification import services
from certification.models import Certification
from certification.tests.helpers import northwind_certification
from registry.models import Membership, Person
from tasks.services import approve_task

pytestmark = pytest.mark.django_db


def page(cert, name="certification-detail") -> str:
    return reverse(name, args=[cert.organization.org_id, cert.pk])


def test_the_authorized_representative_is_offered_confirm_and_attest_once_all_confirmed(
    client, personas
):
    cert = northwind_certification(personas)
    client.force_login(personas.bob)
    html = client.get(page(cert)).content.decode()
    assert "Confirm<span" in html and "Settlements Desk" in html
    assert "Contacts by role" in html and "Machine accounts" in html
    assert "still to confirm" in html and page(cert, "certification-attest") not in html
    response = client.post(page(cert, "certification-confirm-all"))
    assert response.status_code == 302
    html = client.get(page(cert)).content.decode()
    assert page(cert, "certification-attest") in html and "Confirm<span" not in html
    assert client.get(page(cert, "certification-attest")).status_code == 200
    response = client.post(page(cert, "certification-attest"), {"comment": "Checked."})
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.state == "attested"
    html = client.get(page(cert)).content.decode()
    assert cert.digest in html and page(cert, "certification-pdf") in html


def test_a_primary_contact_reads_it_and_is_told_who_certifies(client, personas):
    cert = northwind_certification(personas)
    client.force_login(personas.alice)
    html = client.get(page(cert)).content.decode()
    assert "Only an Authorized Representative of Northwind Power Corp. certifies" in html
    assert "Confirm<span" not in html and page(cert, "certification-attest") not in html
    assert client.post(page(cert, "certification-confirm-all")).status_code == 302
    assert not cert.confirmations.exists()  # refused, with the reason as the message


def test_a_member_without_the_role_is_refused_and_another_organization_sees_nothing(
    client, personas
):
    cert = northwind_certification(personas)
    client.force_login(personas.erin)
    assert client.get(page(cert)).status_code == 403
    client.force_login(personas.grace)
    assert client.get(page(cert)).status_code == 404
    assert client.post(page(cert, "certification-confirm-all")).status_code == 404


def test_remove_links_go_to_the_registrys_own_pages_and_come_back(client, personas):
    cert = northwind_certification(personas)
    client.force_login(personas.bob)
    html = client.get(page(cert)).content.decode()
    ivan = personas.person("ivan")
    remove = reverse("registry-remove-member", args=[personas.northwind.org_id, ivan.person_id])
    assert f"{remove}?next={page(cert)}" in html
    confirm = client.get(f"{remove}?next={page(cert)}").content.decode()
    assert f'name="next" value="{page(cert)}"' in confirm
    response = client.post(remove, {"next": page(cert)})
    assert response.url == page(cert)
    assert not Membership.objects.filter(person=ivan, organization=personas.northwind).exists()
    html = client.get(page(cert)).content.decode()
    assert "Removed since the certification began" in html and "Ivan Petrov" in html


def test_a_next_outside_the_organization_is_not_followed(client, personas):
    client.force_login(personas.bob)
    ivan = personas.person("ivan")
    remove = reverse("registry-remove-member", args=[personas.northwind.org_id, ivan.person_id])
    response = client.post(remove, {"next": "https://evil.example/"})
    assert response.url == reverse("registry-by-person", args=[personas.northwind.org_id])


def test_downloads_carry_the_attested_list_and_its_hash(client, personas):
    cert = northwind_certification(personas)
    client.force_login(personas.bob)
    assert client.get(page(cert, "certification-csv")).status_code == 404  # not yet attested
    services.confirm_all(cert, actor=personas.bob)
    approve_task(cert.task, actor=personas.bob)
    cert.refresh_from_db()
    csv = b"".join(client.get(page(cert, "certification-csv")).streaming_content).decode()
    assert csv.splitlines()[0] == '"Section","Entry","What","Details","Last use"'
    assert "Alice Martin" in csv and cert.digest in csv
    assert len(csv.splitlines()) == len(cert.snapshot) + 2
    pdf = client.get(page(cert, "certification-pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    from io import BytesIO

    from pypdf import PdfReader

    text = "".join(p.extract_text() for p in PdfReader(BytesIO(pdf.content)).pages)
    assert cert.digest in text.replace("\n", "") and "Bob Chen" in text


def test_the_list_is_read_in_a_fixed_number_of_queries(client, personas):
    cert = northwind_certification(personas)
    client.force_login(personas.bob)
    client.get(page(cert))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page(cert)).status_code == 200
        return len(queries)

    before = count()
    for n in range(10):
        person = Person.objects.create(
            person_id=990000 + n,
            first_name=f"Extra{n}",
            last_name="Member",
            email=f"extra{n}@example.com",
            phone="+14165550199",
        )
        Membership.objects.create(organization=personas.northwind, person=person)
    assert count() == before


def test_staff_pages_start_and_follow_a_campaign_and_are_invisible_to_others(client, personas):
    client.force_login(personas.bob)
    assert client.get(reverse("certification-campaigns")).status_code == 404
    assert client.get(reverse("certification-start")).status_code == 404
    client.force_login(personas.staff)
    assert client.get(reverse("certification-campaigns")).status_code == 200
    bad = client.post(reverse("certification-start"), {"name": "", "deadline": "2020-01-01"})
    assert bad.status_code == 422 and "There is a problem" in bad.content.decode()
    response = client.post(
        reverse("certification-start"),
        {"name": "Annual 2027", "deadline": "2099-01-31", "organizations": ""},
    )
    cert = Certification.objects.get(campaign__name="Annual 2027", organization=personas.northwind)
    assert response.url == reverse("certification-campaign", args=[cert.campaign_id])
    html = client.get(response.url).content.decode()
    assert "Northwind Power Corp." in html and "Lakeshore Energy Inc." in html
    listing = client.get(reverse("certification-campaigns")).content.decode()
    assert "Annual 2027" in listing
    # Staff read an organization's list, but certify only once it is escalated to them.
    html = client.get(page(cert)).content.decode()
    assert "only once its certification has been escalated" in html


def test_the_task_page_points_to_the_list(client, personas):
    cert = northwind_certification(personas)
    client.force_login(personas.bob)
    html = client.get(reverse("tasks-detail", args=[cert.task_id])).content.decode()
    assert page(cert) in html and "Raised by" in html
    assert "still to confirm" in html  # Approve (attest) waits for every entry


def test_the_start_page_says_what_a_certification_does_past_its_deadline(client, personas):
    """It shares the access review's form, but not its words: a certification revokes
    nothing, and what is not attested by the deadline comes to operator staff."""
    client.force_login(personas.staff)
    html = client.get(reverse("certification-start")).content.decode()
    assert "revoked" not in html and "access review" not in html
    assert "What is not attested by then comes to operator staff; nothing is removed." in html
    assert "Leave empty to ask every active organization." in html


def test_once_attested_the_page_shows_the_list_certified_not_the_registry_now(client, personas):
    """The page says "the list below is what was certified" beside its SHA-256: a member
    removed (or added) afterwards changes the registry, not the list shown."""
    from registry.services import remove_member

    cert = northwind_certification(personas)
    services.confirm_all(cert, actor=personas.bob)
    approve_task(cert.task, actor=personas.bob)
    erin = personas.person("erin")
    remove_member(personas.northwind, erin, actor=personas.bob)
    client.force_login(personas.bob)
    html = client.get(page(cert)).content.decode()
    cert.refresh_from_db()
    assert "Erin Walsh" in html and "To confirm" not in html
    assert html.count("Confirmed<span") == len(cert.snapshot)
    assert "Removed since the certification began" not in html
