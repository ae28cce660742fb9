"""Manage Participation's pages and the back office's: offered only to who may, said why
otherwise; staff pages 404 to everyone else; lists in a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.testing import last_audit
from participation.models import Application, Item, ParticipationType, Requirement
from participation.tests.helpers import probe_type

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_actions_offers_manage_participation_to_applicants_only(client, personas):
    page = _login(client, personas.bob).get("/actions/").content.decode()
    assert "Manage Participation" in page
    page = _login(client, personas.erin).get("/actions/").content.decode()
    assert "<strong>Manage Participation" not in page
    assert "Manage Participation is for the Applicant Representatives" in page


def test_organization_page_shows_its_participation(client, personas):
    org = personas.northwind
    page = _login(client, personas.erin).get(f"/organizations/{org.org_id}/").content.decode()
    assert "Market Participant" in page and "Authorized since" in page


def test_the_apply_card_says_why_to_a_member_who_may_not(client, personas):
    probe_type()
    page = (
        _login(client, personas.alice)
        .get(f"/organizations/{personas.northwind.org_id}/participation/")
        .content.decode()
    )
    assert "Only an Applicant Representative or an Authorized Representative" in page
    assert "/participation/apply/" not in page


def test_start_and_submit_through_the_pages(client, personas):
    probe_type()
    _login(client, personas.bob)
    org_id = personas.northwind.org_id
    start = f"/organizations/{org_id}/participation/apply/probe-participant/"
    assert client.get(start).status_code == 200
    assert client.post(start, {}).status_code == 422  # the condition's question unanswered
    response = client.post(start, {"permit": "yes"})
    app = Application.objects.get(participation_type__code="probe-participant")
    assert response.url == f"/organizations/{org_id}/applications/{app.pk}/"
    base = f"/organizations/{org_id}/applications/{app.pk}"
    bad = client.post(
        f"{base}/requirements/bank/", {"bank-bank_name": "", "bank-transit_number": ""}
    )
    assert bad.status_code == 422
    assert "Enter the bank name." in bad.content.decode()
    client.post(
        f"{base}/requirements/bank/",
        {"bank-bank_name": "First Canadian Bank", "bank-transit_number": "00011"},
    )
    assert Item.objects.get(application=app, requirement__code="bank").state == "submitted"
    page = client.get(f"{base}/").content.decode()
    assert "Submit Trading permit details and Contact roles first." in page
    assert "Bob Chen submitted Bank account details" in page  # the timeline


def test_withdraw_asks_first(client, personas):
    probe_type()
    _login(client, personas.bob)
    org_id = personas.northwind.org_id
    client.post(f"/organizations/{org_id}/participation/apply/probe-participant/", {"permit": "no"})
    app = Application.objects.get(participation_type__code="probe-participant")
    url = f"/organizations/{org_id}/applications/{app.pk}/withdraw/"
    assert "Withdraw the Probe Participant application" in client.get(url).content.decode()
    client.post(url, {"reason": "Not now."})
    assert Application.objects.get(pk=app.pk).state == "withdrawn"


STAFF_PAGES = [
    "/backoffice/participation/",
    "/backoffice/participation-types/",
    "/backoffice/participation-types/new/",
    "/backoffice/participation-types/market-participant/",
    "/backoffice/participation-types/market-participant/requirements/new/",
    "/backoffice/participation-types/market-participant/requirements/bank-account/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_pages_are_404_to_everyone_else(client, personas, url):
    assert _login(client, personas.bob).get(url).status_code == 404
    assert _login(client, personas.staff).get(url).status_code == 200


def test_staff_review_page_is_404_to_the_organization(client, personas):
    app = Application.objects.get(organization=personas.lakeshore)
    assert (
        _login(client, personas.grace).get(f"/backoffice/participation/{app.pk}/").status_code
        == 404
    )


def test_staff_return_accept_and_record_the_fee_on_the_review_page(client, personas):
    app = Application.objects.get(organization=personas.lakeshore)
    _login(client, personas.staff)
    page = client.get(f"/backoffice/participation/{app.pk}/").content.decode()
    assert "Returned: The account holder must be" in page
    bad = client.post(
        f"/backoffice/participation/{app.pk}/requirements/application-fee/fee/",
        {"fee-application-fee-reference": "", "fee-application-fee-amount": "1130"},
    )
    assert bad.status_code == 422
    client.post(
        f"/backoffice/participation/{app.pk}/requirements/application-fee/fee/",
        {"fee-application-fee-reference": "PAY-44", "fee-application-fee-amount": "1130.00"},
    )
    item = Item.objects.get(application=app, requirement__code="application-fee")
    assert item.state == "accepted" and item.fee_reference == "PAY-44"
    assert last_audit().action == "participation.fee_recorded"


def test_staff_add_a_type_and_a_conditional_requirement(client, personas):
    _login(client, personas.staff)
    response = client.post(
        "/backoffice/participation-types/new/",
        {
            "code": "capacity-auction",
            "name": "Capacity Auction Participant",
            "sort_order": 20,
            "is_active": "on",
            "description": "Offer capacity.",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    ptype = ParticipationType.objects.get(code="capacity-auction")
    assert last_audit().action == "participation_type.created"
    bad = client.post(
        "/backoffice/participation-types/capacity-auction/requirements/new/",
        {"code": "fee", "name": "Fee", "kind": "fee", "order": 10},
    )
    assert bad.status_code == 422 and "A fee needs its amount." in bad.content.decode()
    client.post(
        "/backoffice/participation-types/capacity-auction/requirements/new/",
        {
            "code": "bank",
            "name": "Bank details",
            "kind": "form",
            "order": 20,
            "fields_text": "bank_name | Bank name | 100\ntransit | Transit | 5",
            "condition": "Will the organization settle in Canada?",
        },
    )
    requirement = Requirement.objects.get(participation_type=ptype, code="bank")
    assert requirement.fields[1] == {"name": "transit", "label": "Transit", "max_length": 5}
    assert requirement.condition
    assert last_audit().action == "participation_requirement.created"


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_lists_do_not_grow_with_data(client, personas):
    urls_bob = [f"/organizations/{personas.northwind.org_id}/participation/"]
    urls_staff = ["/backoffice/participation/", "/backoffice/participation-types/"]
    before = {u: _count(_login(client, personas.bob), u) for u in urls_bob}
    before |= {u: _count(_login(client, personas.staff), u) for u in urls_staff}
    for i in range(5):
        ptype = ParticipationType.objects.create(code=f"more-{i}", name=f"More {i}")
        Requirement.objects.create(participation_type=ptype, code="x", name="X", kind="roles")
        app = Application.objects.create(
            organization=personas.northwind, participation_type=ptype, started_by=personas.bob
        )
        Item.objects.create(application=app, requirement=ptype.requirements.get())
    after = {u: _count(_login(client, personas.bob), u) for u in urls_bob}
    after |= {u: _count(_login(client, personas.staff), u) for u in urls_staff}
    assert after == before


def test_a_document_requirement_says_what_is_accepted_in_the_words_the_check_uses(client, personas):
    """The hint names every accepted type and the size as people write it ("10 MB"), and the
    seeded instructions do not contradict it by naming only one type."""
    app = Application.objects.get(organization=personas.lakeshore)  # the demo's, in progress
    page = (
        _login(client, personas.grace)
        .get(f"/organizations/{personas.lakeshore.org_id}/applications/{app.pk}/")
        .content.decode()
    )
    assert "licence from the provincial energy board." in page
    assert "A PDF, PNG or JPEG file, at most 10 MB." in page
    assert "10.0 MB" not in page
    assert "(PDF)" not in page
