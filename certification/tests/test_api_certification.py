"""The certification through the JSON API: the same services, the same refusals, in a fixed
number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certification.entries import list_digest
from certification.tests.helpers import northwind_certification
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


def base(cert) -> str:
    return f"/organizations/{cert.organization.org_id}/certifications/{cert.pk}"


def test_confirm_then_attest_through_the_api(personas):
    cert = northwind_certification(personas)
    bob = as_persona(personas, "bob")
    body = call(bob, "GET", base(cert)).json()
    assert body["state"] == "open" and body["pending"] == len(body["entries"])
    first = body["entries"][0]
    assert set(first) >= {"key", "kind", "title", "what", "facts", "last_use", "status"}
    early = call(bob, "POST", base(cert) + "/attest", {})
    assert early.status_code == 409 and early.json()["code"] == "certification_pending"
    body = call(bob, "POST", base(cert) + "/confirm", {"key": first["key"]}).json()
    assert body["entries"][0]["status"] == "confirmed"
    assert body["entries"][0]["confirmed_by"] == "Bob Chen"
    body = call(bob, "POST", base(cert) + "/confirm-all", {}).json()
    assert body["pending"] == 0
    body = call(bob, "POST", base(cert) + "/attest", {"comment": "Checked."}).json()
    assert body["state"] == "attested" and body["attested_by"] == "Bob Chen"
    cert.refresh_from_db()
    assert body["sha256"] == cert.digest == list_digest(cert.snapshot)
    listing = call(bob, "GET", f"/organizations/{cert.organization.org_id}/certifications")
    assert listing.json()["items"][0]["sha256"] == cert.digest


def test_refusals_say_why_and_change_nothing(personas):
    cert = northwind_certification(personas)
    alice = call(as_persona(personas, "alice"), "POST", base(cert) + "/confirm-all", {})
    assert (
        alice.status_code == 403 and "Only an Authorized Representative" in alice.json()["detail"]
    )
    assert call(as_persona(personas, "erin"), "GET", base(cert)).status_code == 403
    assert call(as_persona(personas, "grace"), "GET", base(cert)).status_code == 404
    unknown = call(as_persona(personas, "bob"), "POST", base(cert) + "/confirm", {"key": "x:1"})
    assert unknown.status_code == 404
    empty = call(as_persona(personas, "bob"), "POST", base(cert) + "/confirm", {"key": ""})
    assert empty.status_code == 422
    assert not cert.confirmations.exists()


def test_staff_start_and_list_campaigns(personas):
    staff = as_persona(personas, "staff")
    made = call(
        staff,
        "POST",
        "/certification-campaigns",
        {"name": "API 2027", "deadline": "2099-03-31", "org_ids": [personas.northwind.org_id]},
    )
    assert made.status_code == 201 and made.json()["certifications"] == 1
    assert call(staff, "GET", "/certification-campaigns").json()["items"][0]["name"] == "API 2027"
    bob = as_persona(personas, "bob")
    assert call(bob, "GET", "/certification-campaigns").status_code in (403, 404)
    refused = call(
        bob, "POST", "/certification-campaigns", {"name": "Mine", "deadline": "2099-03-31"}
    )
    assert refused.status_code == 403


def test_the_detail_is_read_in_a_fixed_number_of_queries(personas):
    from registry.models import Membership, Person

    cert = northwind_certification(personas)
    bob = as_persona(personas, "bob")
    call(bob, "GET", base(cert))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert call(bob, "GET", base(cert)).status_code == 200
        return len(queries)

    before = count()
    for n in range(5):
        person = Person.objects.create(
            person_id=980000 + n,
            first_name=f"Api{n}",
            last_name="Member",
            email=f"api{n}@example.com",
            phone="+14165550198",
        )
        Membership.objects.create(organization=personas.northwind, person=person)
    assert count() == before
