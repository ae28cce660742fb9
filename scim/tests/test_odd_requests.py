"""Whatever an identity provider sends, the answer is SCIM: never a 500, never HTML."""

import json

import pytest

from scim.protocol import CONTENT_TYPE
from scim.tests.helpers import Scim, patch_op, token_for

pytestmark = pytest.mark.django_db

ODD_USERS = [
    {},
    {"userName": 5},
    {"userName": "x" * 300},
    {"userName": "a", "name": "Barbara"},
    {"userName": "a", "emails": "a@b.c"},
    {"userName": "a", "emails": [{"value": 5}], "phoneNumbers": [{"value": None}]},
    {"userName": "a", "active": "maybe"},
    {"userName": "a", "active": False},
    {"userName": "a", "name": {"givenName": ["x"], "familyName": {"a": 1}}},
    [],
]
ODD_PATCHES = [
    {"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": "x"},
    patch_op("x"),
    patch_op({"op": "move", "path": "userName"}),
    patch_op({"op": "replace"}),
    patch_op({"op": "replace", "path": "userName", "value": 7}),
    patch_op({"op": "replace", "path": "active", "value": "sometimes"}),
    patch_op({"op": "remove", "path": "userName"}),
    patch_op({"op": "replace", "path": "name", "value": {"givenName": "Erin"}}),
    patch_op({"op": "replace", "path": "emails[", "value": "x"}),
    patch_op({"op": "add", "path": "members", "value": "x"}),
    patch_op({"op": "add", "path": "members", "value": [{"value": "abc"}]}),
    patch_op({"op": "remove", "path": 'members[value eq "999999"]'}),
    patch_op({"op": "remove", "path": 'members[display sw "E"]'}),
]


@pytest.fixture
def scim(personas) -> Scim:
    return Scim(token_for(personas))


def _scim_answer(response) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert response["Content-Type"] == CONTENT_TYPE
        body = json.loads(response.content)
        assert body["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
        assert body["detail"]


@pytest.mark.parametrize("body", ODD_USERS)
def test_odd_users_are_answered_in_scim(scim, body):
    _scim_answer(scim.post("Users", body))


@pytest.mark.parametrize("body", ODD_PATCHES)
def test_odd_patches_are_answered_in_scim(scim, personas, body):
    erin = personas.person("erin").person_id
    _scim_answer(scim.patch(f"Users/{erin}", body))
    _scim_answer(scim.patch("Groups/settlement_contact", body))
    _scim_answer(scim.put("Groups/settlement_contact", body))


@pytest.mark.parametrize(
    "query",
    [
        "filter=",
        'filter=userName eq "a" and',
        "filter=(((((",
        'filter=emails[type eq "work"]',
        "filter=userName pr",
        'filter=meta.lastModified gt "2011-05-13T04:42:34Z"',
        "startIndex=-3&count=-1",
        "count=99999",
    ],
)
def test_odd_queries_are_answered_in_scim(scim, query):
    _scim_answer(scim.get(f"Users?{query}"))
    _scim_answer(scim.get(f"Groups?{query}"))
