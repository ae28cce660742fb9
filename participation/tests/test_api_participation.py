"""The participation operations of the API: the same services as the pages, documented
statuses, another organization's applications invisible (404), lists in fixed queries."""

import pytest

from participation.models import Application, Item
from participation.tests.helpers import BANK, probe_type
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


def _demo(personas, org="northwind") -> Application:
    return Application.objects.get(organization=getattr(personas, org))


def test_participation_types_list_their_requirements(personas):
    body = call(as_persona(personas, "erin"), "GET", "/participation-types").json()
    market = next(t for t in body["items"] if t["code"] == "market-participant")
    assert market["name"] == "Market Participant"
    kinds = {r["code"]: r["kind"] for r in market["requirements"]}
    assert kinds["application-fee"] == "fee"
    assert kinds["energy-board-licence"] == "document"
    assert kinds["participation-contacts"] == "roles"
    fee = next(r for r in market["requirements"] if r["code"] == "application-fee")
    assert fee["fee_amount"] == "1130.00" or float(fee["fee_amount"]) == 1130
    permit = next(r for r in market["requirements"] if r["code"] == "national-energy-permit")
    assert permit["condition"]


def test_start_submit_and_read_an_application(personas):
    probe_type()
    bob = as_persona(personas, "bob")
    org_id = personas.northwind.org_id
    response = call(
        bob,
        "POST",
        f"/organizations/{org_id}/applications",
        {"participation_type": "probe-participant"},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "in_progress"
    assert [r["code"] for r in body["requirements"]] == ["fee", "bank", "contacts"]
    assert {r["state"] for r in body["requirements"]} == {"pending"}
    app_id = body["application_id"]
    again = call(
        bob,
        "POST",
        f"/organizations/{org_id}/applications",
        {"participation_type": "probe-participant"},
    )
    assert again.status_code == 409 and again.json()["code"] == "already_applied"
    submit = call(bob, "POST", f"/organizations/{org_id}/applications/{app_id}/submit", {})
    assert submit.status_code == 409 and submit.json()["code"] == "requirements_missing"
    detail = call(bob, "GET", f"/organizations/{org_id}/applications/{app_id}").json()
    assert detail["timeline"][0]["action"] == "participation.started"
    assert detail["timeline"][0]["text"].startswith("Bob Chen started")


@pytest.mark.parametrize(("account", "status"), [("alice", 403), ("erin", 403), ("frank", 404)])
def test_only_applicants_start(personas, account, status):
    probe_type()
    response = call(
        as_persona(personas, account),
        "POST",
        f"/organizations/{personas.northwind.org_id}/applications",
        {"participation_type": "probe-participant"},
    )
    assert response.status_code == status


def test_unknown_type_is_404_and_unknown_field_422(personas):
    bob = as_persona(personas, "bob")
    path = f"/organizations/{personas.northwind.org_id}/applications"
    assert call(bob, "POST", path, {"participation_type": "nope"}).status_code == 404
    assert call(bob, "POST", path, {"participation_type": "x", "extra": 1}).status_code == 422


def test_another_organizations_application_is_404(personas):
    lakeshore = _demo(personas, "lakeshore")
    bob = as_persona(personas, "bob")
    for path in [
        f"/organizations/{personas.lakeshore.org_id}/applications/{lakeshore.pk}",
        f"/organizations/{personas.northwind.org_id}/applications/{lakeshore.pk}",
    ]:
        assert call(bob, "GET", path).status_code == 404


def test_members_see_the_participation(personas):
    body = call(
        as_persona(personas, "erin"),
        "GET",
        f"/organizations/{personas.northwind.org_id}/participations",
    ).json()
    assert body["count"] == 1
    assert body["items"][0]["state"] == "authorized"
    assert body["items"][0]["effective_from"]


def test_staff_operations_are_403_to_the_organization(personas):
    app = _demo(personas, "lakeshore")
    base = f"/organizations/{personas.lakeshore.org_id}/applications/{app.pk}"
    grace = as_persona(personas, "grace")
    assert call(grace, "POST", f"{base}/requirements/bank-account/accept", {}).status_code == 403
    assert (
        call(grace, "POST", f"{base}/authorize", {"effective_from": "2027-01-01"}).status_code
        == 403
    )


def test_staff_review_through_the_api(personas):
    probe_type()
    org_id = personas.northwind.org_id
    bob, staff = as_persona(personas, "bob"), as_persona(personas, "staff")
    app_id = call(
        bob,
        "POST",
        f"/organizations/{org_id}/applications",
        {"participation_type": "probe-participant"},
    ).json()["application_id"]
    from participation import services

    app = Application.objects.get(pk=app_id)
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    services.submit_requirement(app, "contacts", actor=personas.bob)
    base = f"/organizations/{org_id}/applications/{app_id}"
    assert call(bob, "POST", f"{base}/submit", {}).json()["state"] == "submitted"
    returned = call(staff, "POST", f"{base}/requirements/bank/return", {"reason": "Wrong bank."})
    assert returned.status_code == 200 and returned.json()["state"] == "returned"
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    assert call(staff, "POST", f"{base}/requirements/bank/accept", {}).json()["state"] == "accepted"
    assert call(staff, "POST", f"{base}/requirements/contacts/accept", {}).status_code == 200
    early = call(staff, "POST", f"{base}/authorize", {"effective_from": "2027-01-01"})
    assert early.status_code == 409 and early.json()["code"] == "requirements_not_accepted"
    fee = call(
        staff, "POST", f"{base}/requirements/fee/fee", {"reference": "PAY-7", "amount": "1130.00"}
    )
    assert fee.status_code == 200 and fee.json()["fee_reference"] == "PAY-7"
    done = call(staff, "POST", f"{base}/authorize", {"effective_from": "2027-01-01"})
    assert done.status_code == 200 and done.json()["state"] == "authorized"
    assert set(Item.objects.filter(application_id=app_id).values_list("state", flat=True)) == {
        "accepted"
    }
    assert call(staff, "POST", f"{base}/suspend", {"reason": "Collateral."}).json()["state"] == (
        "suspended"
    )
    assert call(staff, "POST", f"{base}/reinstate", {}).json()["state"] == "authorized"


def _more_applications(personas, n):
    from participation.models import ParticipationType

    for i in range(n):
        ptype = ParticipationType.objects.create(code=f"extra-{i}", name=f"Extra {i}")
        Application.objects.create(
            organization=personas.northwind, participation_type=ptype, started_by=personas.bob
        )


def test_lists_run_a_fixed_number_of_queries(personas, django_assert_max_num_queries):
    bob = as_persona(personas, "bob")
    org_id = personas.northwind.org_id
    paths = [
        f"/organizations/{org_id}/applications",
        f"/organizations/{org_id}/participations",
        "/participation-types",
    ]
    counts = {}
    for path in paths:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert call(bob, "GET", path).status_code == 200
        counts[path] = len(ctx)
    _more_applications(personas, 5)
    for path in paths:
        with django_assert_max_num_queries(counts[path]):
            assert call(bob, "GET", path).status_code == 200
