"""Staff edit the registration roles on back-office pages, through registry.services."""

import pytest

from audit.models import AuditEntry
from registry.models import RoleType

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, personas):
    client.force_login(personas.staff)
    return client


NEW_ROLE = {
    "code": "outage_contact",
    "name": "Outage Contact",
    "description": "Told of planned outages.",
    "recommended_holders": "1",
    "managed_by": [],
    "sort_order": "200",
}


def test_staff_add_a_role_and_are_told(staff_client):
    pc = RoleType.objects.get(code="primary_contact")
    response = staff_client.post(
        "/backoffice/role-types/new/", {**NEW_ROLE, "managed_by": [pc.pk]}, follow=True
    )
    assert "The role Outage Contact is saved." in response.content.decode()
    role = RoleType.objects.get(code="outage_contact")
    assert list(role.managed_by.values_list("code", flat=True)) == ["primary_contact"]
    assert AuditEntry.objects.filter(action="role_type.created").exists()


def test_a_role_with_a_taken_code_is_refused_and_nothing_changes(staff_client):
    response = staff_client.post(
        "/backoffice/role-types/new/", {**NEW_ROLE, "code": "primary_contact"}
    )
    assert response.status_code == 422
    assert RoleType.objects.filter(code="primary_contact").count() == 1


def test_staff_change_a_role_but_not_its_code(staff_client):
    response = staff_client.post(
        "/backoffice/role-types/primary_contact/",
        {
            "code": "changed",
            "name": "Primary Contact",
            "description": "The main contact.",
            "mandatory": "on",
            "recommended_holders": "3",
            "sort_order": "10",
        },
        follow=True,
    )
    assert "The role Primary Contact is saved." in response.content.decode()
    role = RoleType.objects.get(code="primary_contact")
    assert role.recommended_holders == 3
    assert AuditEntry.objects.filter(action="role_type.updated").exists()


def test_only_unheld_roles_the_rules_do_not_name_are_offered_for_removal(staff_client, personas):
    page = staff_client.get("/backoffice/role-types/").content.decode()
    assert 'Remove<span class="visually-hidden"> Primary Contact' not in page
    staff_client.post("/backoffice/role-types/new/", NEW_ROLE)
    page = staff_client.get("/backoffice/role-types/").content.decode()
    assert 'Remove<span class="visually-hidden"> Outage Contact' in page
    page = staff_client.get("/backoffice/role-types/primary_contact/delete/").content.decode()
    assert "cannot be removed" in page and "Yes, remove it" not in page
    url = "/backoffice/role-types/outage_contact/delete/"
    assert "Yes, remove it" in staff_client.get(url).content.decode()
    response = staff_client.post(url, follow=True)
    assert "The role Outage Contact is removed." in response.content.decode()
    assert not RoleType.objects.filter(code="outage_contact").exists()


def test_the_role_list_costs_the_same_whatever_the_roles(staff_client):
    from backoffice.tests.test_staff_workplace import queries_of

    url = "/backoffice/role-types/"
    staff_client.get(url)
    before = queries_of(staff_client, url)  # the role types with holder counts, their managers
    for i in range(5):
        staff_client.post("/backoffice/role-types/new/", {**NEW_ROLE, "code": f"extra_{i}"})
    staff_client.get(url)  # the messages of the posts are shown once
    assert queries_of(staff_client, url) == before


ROWS = [
    (who, url, 200 if who == "staff" else 404)
    for url in [
        "/backoffice/role-types/",
        "/backoffice/role-types/new/",
        "/backoffice/role-types/primary_contact/",
        "/backoffice/role-types/primary_contact/delete/",
    ]
    for who in ("alice", "erin", "frank", "staff")
] + [("staff", "/backoffice/role-types/no_such_role/", 404)]


@pytest.mark.parametrize("who, url, expected", ROWS)
def test_permission_matrix(client, personas, who, url, expected):
    client.force_login(getattr(personas, who))
    assert client.get(url).status_code == expected
