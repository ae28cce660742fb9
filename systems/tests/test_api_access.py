"""The access operations of the JSON API, and the permission matrix of every access action
(security cases 29, 31, 33): allowed exactly as documented, everything else refused with
nothing changed."""

import pytest

from apitokens import services as token_services
from core.testing import DEMO
from systems import services
from systems.models import AccessGrant, AccessRequest
from systems.tests.helpers import system

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _as(client, user):
    client.force_login(user)
    return client


def _grant(personas, name="erin", org="northwind", code="metering", level="read"):
    actor = personas.staff
    return services.grant_access(
        getattr(personas, org), personas.person(name), system(code), level=level, actor=actor
    )


def test_the_catalogue_lists_the_demo_systems(client, personas, django_assert_num_queries):
    _as(client, personas.erin)
    # session, user, the catalogue
    with django_assert_num_queries(3):
        body = client.get(f"{API}/systems").json()
    assert [s["code"] for s in body["items"]] == ["mpi", "settlements", "metering"]
    assert body["count"] == 3


def test_members_list_their_organizations_grants_in_fixed_queries(
    client, personas, django_assert_num_queries
):
    _grant(personas)
    _as(client, personas.erin)
    url = f"{API}/organizations/{personas.northwind.org_id}/access"
    # session, user, organization (access), grants with person and system
    with django_assert_num_queries(4):
        body = client.get(url).json()
    assert body["items"][0] | {"grant_id": 0} == {
        "grant_id": 0,
        "person_id": personas.person("erin").person_id,
        "system": "metering",
        "level": "read",
        "expires": None,
    }
    for name in ["alice", "bob", "carol"]:
        _grant(personas, name, code="mpi")
    with django_assert_num_queries(4):
        assert client.get(url).json()["count"] == 4


def test_a_rights_administrator_grants_through_the_api(client, personas):
    response = _as(client, personas.dave).post(
        f"{API}/organizations/{personas.northwind.org_id}/access",
        {
            "person_id": personas.person("erin").person_id,
            "system": "mpi",
            "level": "submit",
            "expires": "2099-12-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["level"] == "submit"
    assert response.json()["expires"] == "2099-12-31"


@pytest.mark.parametrize(
    "body, status, code",
    [
        ({"person_id": DEMO.person("dave").person_id, "system": "mpi"}, 403, "own_grant"),
        ({"person_id": DEMO.person("grace").person_id, "system": "mpi"}, 404, "not_found"),
        ({"person_id": 999999, "system": "mpi"}, 404, "not_found"),
        ({"person_id": DEMO.person("erin").person_id, "system": "nope"}, 422, "invalid"),
        (
            {"person_id": DEMO.person("erin").person_id, "system": "mpi", "level": "root"},
            422,
            "invalid",
        ),
        (
            {"person_id": DEMO.person("erin").person_id, "system": "mpi", "expires": "2001-01-01"},
            422,
            "invalid",
        ),
        (
            {"person_id": DEMO.person("erin").person_id, "system": "mpi", "role": "x"},
            422,
            "invalid",
        ),
        ({"person_id": "abc", "system": "mpi"}, 422, "invalid"),
    ],
)
def test_bad_grants_are_refused_and_change_nothing(client, personas, body, status, code):
    response = _as(client, personas.dave).post(
        f"{API}/organizations/{personas.northwind.org_id}/access",
        body,
        content_type="application/json",
    )
    assert (response.status_code, response.json()["code"]) == (status, code)
    assert not AccessGrant.objects.exists()


# (persona, method, path template, expected status). {grant} is a grant of Erin (Northwind),
# {pc_grant} a grant of Alice, {other} a grant of Grace (Lakeshore).
MATRIX = [
    ("dave", "post", f"/organizations/{DEMO.northwind.org_id}/access", 201),
    ("staff", "post", f"/organizations/{DEMO.northwind.org_id}/access", 201),
    ("alice", "post", f"/organizations/{DEMO.northwind.org_id}/access", 403),
    ("bob", "post", f"/organizations/{DEMO.northwind.org_id}/access", 403),
    ("carol", "post", f"/organizations/{DEMO.northwind.org_id}/access", 403),
    ("erin", "post", f"/organizations/{DEMO.northwind.org_id}/access", 403),
    ("frank", "post", f"/organizations/{DEMO.northwind.org_id}/access", 404),
    ("dave", "post", f"/organizations/{DEMO.lakeshore.org_id}/access", 404),
    ("dave", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{grant}}", 204),
    ("staff", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{grant}}", 204),
    ("alice", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{grant}}", 403),
    ("bob", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{grant}}", 403),
    ("erin", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{grant}}", 403),
    ("frank", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{grant}}", 404),
    ("frank", "delete", f"/organizations/{DEMO.lakeshore.org_id}/access/{{grant}}", 404),
    ("dave", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{pc_grant}}", 403),
    ("staff", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{pc_grant}}", 204),
    ("dave", "delete", f"/organizations/{DEMO.northwind.org_id}/access/{{other}}", 404),
    ("erin", "get", f"/organizations/{DEMO.northwind.org_id}/access", 200),
    ("frank", "get", f"/organizations/{DEMO.northwind.org_id}/access", 404),
    ("erin", "post", f"/organizations/{DEMO.northwind.org_id}/access-requests", 201),
    ("frank", "post", f"/organizations/{DEMO.northwind.org_id}/access-requests", 404),
    (
        "erin",
        "get",
        f"/organizations/{DEMO.northwind.org_id}/persons/{DEMO.person('dave').person_id}/permissions",
        200,
    ),
    (
        "erin",
        "get",
        f"/organizations/{DEMO.northwind.org_id}/persons/{DEMO.person('grace').person_id}/permissions",
        404,
    ),
    (
        "frank",
        "get",
        f"/organizations/{DEMO.northwind.org_id}/persons/{DEMO.person('erin').person_id}/permissions",
        404,
    ),
    (None, "get", "/systems", 401),
    (None, "get", f"/organizations/{DEMO.northwind.org_id}/access", 401),
    (None, "post", f"/organizations/{DEMO.northwind.org_id}/access", 401),
]


@pytest.mark.parametrize("persona, method, path, expected", MATRIX)
def test_permission_matrix(client, personas, persona, method, path, expected):
    ids = {
        "grant": _grant(personas).pk,
        "pc_grant": _grant(personas, "alice", code="mpi").pk,
        "other": _grant(personas, "grace", org="lakeshore", code="mpi").pk,
    }
    grants_before = AccessGrant.objects.count()
    if persona:
        client.force_login(getattr(personas, persona))
    url = API + path.format(**ids)
    body = {"system": "settlements"}
    if path.endswith("/access"):
        body["person_id"] = personas.person("bob").person_id  # Bob, a member of Northwind
    kwargs = {"content_type": "application/json"} if method == "post" else {}
    response = (
        getattr(client, method)(url, body, **kwargs)
        if method == "post"
        else getattr(client, method)(url)
    )
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert AccessGrant.objects.count() == grants_before
        assert not AccessRequest.objects.exists()


def test_a_member_requests_access_through_the_api(client, personas):
    response = _as(client, personas.erin).post(
        f"{API}/organizations/{personas.northwind.org_id}/access-requests",
        {"system": "metering", "reason": "Reconciliation"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["level"] == "read"
    again = client.post(
        f"{API}/organizations/{personas.northwind.org_id}/access-requests",
        {"system": "metering"},
        content_type="application/json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "duplicate_request")


def test_the_explainer_answers_with_roles_and_reasons(client, personas):
    body = (
        _as(client, personas.erin)
        .get(
            f"{API}/organizations/{personas.northwind.org_id}/persons/{personas.person('alice').person_id}/permissions"
        )
        .json()
    )
    assert body["roles"] == ["primary_contact"]
    assert {
        "area": "audit",
        "what": "Read the audit log of Northwind Power Corp.",
        "because": "as Primary Contact",
    } in body["permissions"]


# --- The check endpoint, for downstream systems ---------------------------------------------


@pytest.fixture
def service_token(personas) -> str:
    _, secret = token_services.issue_service_token(
        data={"name": "Metering Data"}, actor=personas.staff
    )
    return secret


def _check(client, token, **params):
    return client.get(f"{API}/access/check", params, headers={"Authorization": f"Bearer {token}"})


def test_the_check_answers_yes_with_the_grant(client, personas, service_token):
    grant = _grant(personas, level="submit")
    response = _check(
        client,
        service_token,
        org_id=personas.northwind.org_id,
        person_id=personas.person("erin").person_id,
        system="metering",
        level="submit",
    )
    assert response.status_code == 200
    assert response.json() == {
        "allowed": True,
        "reason": "grant",
        "grant_id": grant.pk,
        "granted_level": "submit",
        "expires": None,
    }


def test_the_check_answers_no_without_a_grant(client, personas, service_token):
    body = _check(
        client,
        service_token,
        org_id=personas.northwind.org_id,
        person_id=personas.person("erin").person_id,
        system="mpi",
    ).json()
    assert (body["allowed"], body["reason"]) == (False, "no_grant")


def test_the_check_needs_a_service_token(client, personas):
    _, personal = token_services.create_api_token(
        personas.erin, data={"name": "mine"}, actor=personas.erin
    )
    response = _check(
        client,
        personal,
        org_id=personas.northwind.org_id,
        person_id=personas.person("erin").person_id,
        system="mpi",
    )
    assert response.status_code == 403
    client.force_login(personas.staff)
    assert (
        client.get(
            f"{API}/access/check",
            {
                "org_id": personas.northwind.org_id,
                "person_id": personas.person("erin").person_id,
                "system": "mpi",
            },
        ).status_code
        == 401
    )


def test_the_check_runs_a_fixed_small_number_of_queries(
    client, personas, service_token, django_assert_max_num_queries
):
    _grant(personas)
    _check(
        client,
        service_token,
        org_id=personas.northwind.org_id,
        person_id=personas.person("erin").person_id,
        system="metering",
    )
    # The token lookup (and its last-used stamp) belong to authentication; the answer
    # itself is one query (see test_check_access.test_the_check_is_one_query).
    with django_assert_max_num_queries(4) as ctx:
        _check(
            client,
            service_token,
            org_id=personas.northwind.org_id,
            person_id=personas.person("erin").person_id,
            system="metering",
        )
    answer_queries = [q for q in ctx.captured_queries if "systems_informationsystem" in q["sql"]]
    assert len(answer_queries) == 1
