"""The Django admin: themed, and every write goes through the services."""

import csv
import io

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from core.testing import DEMO
from registry.models import Organization, RoleAssignment, RoleType

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, personas):
    client.force_login(personas.staff)
    return client


def assignment(org, name: str, code: str) -> RoleAssignment:
    return RoleAssignment.objects.get(
        membership__organization=org,
        membership__person__user__username=name,
        role_type__code=code,
    )


def test_the_back_office_carries_the_operators_name(staff_client, settings):
    html = staff_client.get(reverse("admin:index")).content.decode()
    assert "Maintenance (superusers only)" in html
    assert settings.OPERATOR_NAME in html


def test_adding_a_role_holder_in_the_admin_goes_through_the_rules_and_is_audited(
    staff_client, personas
):
    response = staff_client.post(
        reverse("admin:registry_roleassignment_add"),
        {
            "organization_id": f"{personas.northwind.org_id}",
            "person_id": f"{personas.person('erin').person_id}",
            "role_type": RoleType.objects.get(code="primary_contact").pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert assignment(personas.northwind, "erin", "primary_contact")
    entry = AuditEntry.objects.filter(action="contact.added").order_by("-id").first()
    assert (entry.actor_label, entry.target_id) == (
        "Olivia Operator",
        f"{personas.person('erin').person_id}",
    )


def test_removing_the_last_holder_in_the_admin_shows_the_reason_and_changes_nothing(
    staff_client, personas
):
    held = assignment(personas.northwind, "alice", "primary_contact")
    url = reverse("admin:registry_roleassignment_delete", args=[held.pk])
    response = staff_client.post(url, {"post": "yes"}, follow=True)
    html = response.content.decode()
    assert "At least one Primary Contact is required at all times" in html
    assert "deleted successfully" not in html
    assert RoleAssignment.objects.filter(pk=held.pk).exists()
    refusal = AuditEntry.objects.order_by("-id").first()
    assert (refusal.action, refusal.outcome) == ("contact.remove", "refused")


def test_the_bulk_action_removes_what_the_rules_allow_and_reports_the_rest(staff_client, personas):
    alice_pc = assignment(personas.northwind, "alice", "primary_contact")
    carol_ibc = assignment(personas.northwind, "carol", "invoicing_banking_contact")
    response = staff_client.post(
        reverse("admin:registry_roleassignment_changelist"),
        {"action": "delete_selected_via_services", "_selected_action": [alice_pc.pk, carol_ibc.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 deleted." in html and "At least one Primary Contact is required" in html
    assert RoleAssignment.objects.filter(pk=alice_pc.pk).exists()
    assert not RoleAssignment.objects.filter(pk=carol_ibc.pk).exists()


def test_a_refused_add_in_the_admin_shows_the_reason_and_claims_no_success(staff_client):
    before = RoleAssignment.objects.count()
    response = staff_client.post(
        reverse("admin:registry_roleassignment_add"),
        {
            "organization_id": f"{DEMO.northwind.org_id}",
            "person_id": f"{DEMO.person('alice').person_id}",
            "role_type": RoleType.objects.get(code="primary_contact").pk,
        },
        follow=True,
    )
    assert "is already Primary Contact of Northwind Power Corp." in response.content.decode()
    assert "was added successfully" not in response.content.decode()
    assert RoleAssignment.objects.count() == before


def test_registering_an_organization_in_the_admin_uses_the_service(staff_client, personas):
    response = staff_client.post(
        reverse("admin:registry_organization_add"),
        {
            "legal_name": "Harbour Wind LP",
            "street": "1 Pier Rd",
            "city": "Kingston",
            "province": "ON",
            "postal_code": "K7L 1A1",
            "country": "Canada",
            "primary_contact": f"{personas.person('erin').person_id}",
            "authorized_representative": f"{personas.person('erin').person_id}",
            "rights_administrator": "",
        },
        follow=True,
    )
    assert response.status_code == 200
    org = Organization.objects.get(legal_name="Harbour Wind LP")
    assert org.org_id > personas.lakeshore.org_id
    assert AuditEntry.objects.filter(action="organization.created", org_id=org.org_id).exists()
    assert RoleAssignment.objects.filter(membership__organization=org).count() == 2


def test_an_unknown_person_id_in_the_admin_form_is_a_field_error(staff_client):
    response = staff_client.post(
        reverse("admin:registry_organization_add"),
        {
            "legal_name": "Nobody Inc.",
            "country": "Canada",
            "primary_contact": "999999",
            "authorized_representative": f"{DEMO.person('alice').person_id}",
        },
    )
    assert response.status_code == 200
    assert "No person with ID 999999 is registered." in response.content.decode()
    assert not Organization.objects.filter(legal_name="Nobody Inc.").exists()


def test_changing_an_organizations_name_in_the_admin_is_audited(staff_client, personas):
    org = personas.northwind
    response = staff_client.post(
        reverse("admin:registry_organization_change", args=[org.pk]),
        {
            "legal_name": "Northwind Power Corporation",
            "street": org.street,
            "city": org.city,
            "province": org.province,
            "postal_code": org.postal_code,
            "country": org.country,
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    assert response.status_code == 200
    org.refresh_from_db()
    assert org.legal_name == "Northwind Power Corporation"
    entry = AuditEntry.objects.filter(action="organization.updated").get()
    assert entry.details["before"] == {"legal_name": "Northwind Power Corp."}


def test_a_role_the_rules_name_cannot_be_deleted(staff_client):
    role = RoleType.objects.get(code="primary_contact")
    response = staff_client.post(
        reverse("admin:registry_roletype_delete", args=[role.pk]), {"post": "yes"}, follow=True
    )
    assert response.status_code == 200
    assert RoleType.objects.filter(pk=role.pk).exists()


def test_the_audit_log_is_read_only_in_the_admin(staff_client):
    entry = AuditEntry.objects.first()
    assert staff_client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert (
        staff_client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    page = staff_client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200 and 'type="submit" value="Save"' not in page.content.decode()


def test_the_audit_log_filters_and_exports_to_csv(staff_client):
    listing = staff_client.get(reverse("admin:audit_auditentry_changelist") + "?outcome=done")
    assert listing.status_code == 200
    ids = list(AuditEntry.objects.filter(action="contact.added").values_list("pk", flat=True))
    response = staff_client.post(
        reverse("admin:audit_auditentry_changelist"),
        {"action": "export_csv", "_selected_action": ids},
    )
    assert response.status_code == 200 and response.streaming
    table = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(table) == 1 + len(ids)
    assert all("registered" in row[2] for row in table[1:])


def test_people_who_are_not_staff_cannot_open_the_admin(client, personas):
    client.force_login(personas.alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 404  # like every staff page (backoffice.access)
