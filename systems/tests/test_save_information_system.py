"""Staff add and change the operator's information systems (back office, Systems)."""

import pytest

from audit.models import AuditEntry
from core.errors import Forbidden, RuleViolation
from systems import services
from systems.models import InformationSystem

pytestmark = pytest.mark.django_db

NEW = {
    "code": "outages",
    "name": "Outage Planning",
    "description": "",
    "levels_text": "read, submit",
    "is_active": "on",
    "sort_order": "40",
}


@pytest.fixture
def staff_client(client, personas):
    client.force_login(personas.staff)
    return client


def test_staff_add_a_system_and_are_told(staff_client):
    response = staff_client.post("/backoffice/systems/new/", NEW, follow=True)
    assert "Outage Planning is saved." in response.content.decode()
    system = InformationSystem.objects.get(code="outages")
    assert system.levels == ["read", "submit"] and system.is_active
    assert AuditEntry.objects.filter(action="information_system.created").exists()


def test_a_system_without_levels_is_refused_with_the_reason(staff_client):
    response = staff_client.post("/backoffice/systems/new/", {**NEW, "levels_text": " , "})
    assert response.status_code == 422
    assert "List each access level once" in response.content.decode()
    assert not InformationSystem.objects.filter(code="outages").exists()


def test_staff_change_a_system_but_not_its_code(staff_client):
    response = staff_client.post(
        "/backoffice/systems/metering/",
        {**NEW, "code": "changed", "name": "Metering Data (MDM)", "levels_text": "read"},
        follow=True,
    )
    assert "Metering Data (MDM) is saved." in response.content.decode()
    system = InformationSystem.objects.get(code="metering")
    assert system.name == "Metering Data (MDM)"


def test_a_level_still_granted_cannot_be_dropped(personas):
    from systems.services import grant_access

    metering = InformationSystem.objects.get(code="metering")
    top = metering.levels[-1]
    grant_access(
        personas.northwind, personas.person("erin"), metering, level=top, actor=personas.dave
    )
    with pytest.raises(RuleViolation) as refused:
        services.save_information_system(
            metering, data={**NEW, "levels_text": metering.levels[0]}, actor=personas.staff
        )
    assert refused.value.code == "level_in_use"
    metering.refresh_from_db()
    assert top in metering.levels


def test_only_staff_change_systems(personas):
    with pytest.raises(Forbidden):
        services.save_information_system(None, data=NEW, actor=personas.alice)


ROWS = [
    (who, url, 200 if who == "staff" else 404)
    for url in ["/backoffice/systems/", "/backoffice/systems/new/", "/backoffice/systems/mpi/"]
    for who in ("alice", "erin", "frank", "staff")
] + [("staff", "/backoffice/systems/nothing/", 404)]


@pytest.mark.parametrize("who, url, expected", ROWS)
def test_permission_matrix(client, personas, who, url, expected):
    client.force_login(getattr(personas, who))
    assert client.get(url).status_code == expected


def test_the_system_list_costs_the_same_whatever_the_systems(staff_client, personas):
    from backoffice.tests.test_staff_workplace import queries_of

    before = queries_of(staff_client, "/backoffice/systems/")
    for i in range(5):
        services.save_information_system(
            None, data={**NEW, "code": f"extra-{i}"}, actor=personas.staff
        )
    assert queries_of(staff_client, "/backoffice/systems/") == before
