"""Who may call which registry operation, on their own organization and on another one.

Northwind (100001): alice PC, bob AR, carol IBC, dave RA, erin member. Frank is Lakeshore's PC
and sees nothing of Northwind (404, like a missing organization). Staff see everything.
A refused call changes nothing.
"""

import pytest

from core.testing import DEMO
from registry.models import Membership, Organization, Person, RoleAssignment
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db

EVERYONE = ["alice", "bob", "carol", "dave", "erin", "frank", "staff"]
NORTHWIND = ["alice", "bob", "carol", "dave", "erin"]
NEW_PERSON = {
    "first_name": "Nadia",
    "last_name": "Novak",
    "email": "nadia.novak@example.com",
    "phone": "416-555-0142",
    "organization_id": DEMO.northwind.org_id,
}
ORG = {
    "legal_name": "Harbour Wind Ltd.",
    "primary_contact": DEMO.person("erin").person_id,
    "authorized_representative": DEMO.person("erin").person_id,
}


def expect(allowed: list[str], ok: int, *, outsiders=("frank",), refused: int = 403):
    """Statuses by persona: allowed get `ok`, outsiders 404, the rest `refused`, anonymous 401."""
    table = {"anonymous": 401}
    for name in EVERYONE:
        table[name] = ok if name in allowed else 404 if name in outsiders else refused
    return table


# (operation, method, path, body, expected status by persona)
MATRIX = [
    ("get_my_information", "GET", "/me", None, expect(EVERYONE, 200)),
    ("update_my_information", "PATCH", "/me", {"job_title": "Analyst"}, expect(EVERYONE, 200)),
    ("list_organizations", "GET", "/organizations", None, expect(EVERYONE, 200)),
    ("create_organization", "POST", "/organizations", ORG, expect(["staff"], 201, outsiders=())),
    (
        "get_organization",
        "GET",
        f"/organizations/{DEMO.northwind.org_id}",
        None,
        expect([*NORTHWIND, "staff"], 200),
    ),
    (
        "get_organization (other)",
        "GET",
        f"/organizations/{DEMO.lakeshore.org_id}",
        None,
        expect(["frank", "staff"], 200, outsiders=NORTHWIND),
    ),
    (
        "list_contacts",
        "GET",
        f"/organizations/{DEMO.northwind.org_id}/contacts",
        None,
        expect([*NORTHWIND, "staff"], 200),
    ),
    (
        "add_contact (PC)",
        "POST",
        f"/organizations/{DEMO.northwind.org_id}/contacts",
        {"person_id": DEMO.person("erin").person_id, "role": "primary_contact"},
        expect(["alice", "bob", "staff"], 201),
    ),
    (
        "add_contact (RA)",
        "POST",
        f"/organizations/{DEMO.northwind.org_id}/contacts",
        {"person_id": DEMO.person("erin").person_id, "role": "rights_administrator"},
        expect(["alice", "staff"], 201),
    ),
    (
        "add_contact (other org)",
        "POST",
        f"/organizations/{DEMO.lakeshore.org_id}/contacts",
        {"person_id": DEMO.person("erin").person_id, "role": "invoicing_banking_contact"},
        # Erin belongs to Northwind: she must confirm joining Lakeshore first (staff need not).
        {**expect(["frank"], 409, outsiders=NORTHWIND), "staff": 201},
    ),
    (
        "remove_contact",
        "DELETE",
        f"/organizations/{DEMO.northwind.org_id}/contacts/{DEMO.person('carol').person_id}/invoicing_banking_contact",
        None,
        expect(["alice", "bob", "staff"], 204),
    ),
    (
        "list_members",
        "GET",
        f"/organizations/{DEMO.northwind.org_id}/members",
        None,
        expect([*NORTHWIND, "staff"], 200),
    ),
    (
        "add_member",
        "POST",
        f"/organizations/{DEMO.northwind.org_id}/members",
        {"person_id": DEMO.person("grace").person_id},
        # Grace belongs to Lakeshore: she is asked first (202), except by operator staff.
        {**expect(["alice", "bob", "dave"], 202), "staff": 201},
    ),
    (
        "remove_member",
        "DELETE",
        f"/organizations/{DEMO.northwind.org_id}/members/{DEMO.person('erin').person_id}",
        None,
        expect(["alice", "bob", "staff"], 204),
    ),
    ("search_persons", "GET", "/persons?q=Martin", None, expect(EVERYONE, 200)),
    (
        "register_person",
        "POST",
        "/persons",
        NEW_PERSON,
        expect(["alice", "bob", "dave", "staff"], 201),
    ),
    (
        "get_person",
        "GET",
        f"/persons/{DEMO.person('alice').person_id}",
        None,
        expect([*NORTHWIND, "staff"], 200),
    ),
    (
        "list_audit_entries",
        "GET",
        f"/organizations/{DEMO.northwind.org_id}/audit",
        None,
        expect(["alice", "bob", "staff"], 200),
    ),
    (
        "list_audit_entries (other)",
        "GET",
        f"/organizations/{DEMO.lakeshore.org_id}/audit",
        None,
        expect(["frank", "staff"], 200, outsiders=NORTHWIND),
    ),
    ("list_api_tokens", "GET", "/me/api-tokens", None, expect(EVERYONE, 200)),
    ("list_service_tokens", "GET", "/service-tokens", None, expect(["staff"], 200, outsiders=())),
]

CASES = [
    pytest.param(method, path, body, persona, status, id=f"{name}-{persona}")
    for name, method, path, body, table in MATRIX
    for persona, status in table.items()
]


def _fingerprint():
    return (
        Organization.objects.count(),
        Person.objects.count(),
        Membership.objects.count(),
        sorted(RoleAssignment.objects.values_list("membership_id", "role_type_id")),
    )


@pytest.mark.parametrize("method,path,body,persona,status", CASES)
def test_each_persona_gets_exactly_the_documented_answer(
    personas, method, path, body, persona, status
):
    before = _fingerprint()
    client = as_persona(personas, None if persona == "anonymous" else persona)
    response = call(client, method, path, body)
    assert response.status_code == status, response.content
    if status >= 400:
        assert set(response.json()) >= {"detail", "code"}
        assert _fingerprint() == before  # a refusal changes nothing
