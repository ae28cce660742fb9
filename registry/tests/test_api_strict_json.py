"""Issue 22, finding 15: the API reads JSON strictly. A boolean is not a Person ID, and a body
that names a field twice is refused rather than silently keeping the last value."""

import pytest

from core.testing import DEMO
from registry.models import Membership
from registry.tests.api_helpers import API, as_persona, call

pytestmark = pytest.mark.django_db


def _members(org) -> set[int]:
    return set(Membership.objects.filter(organization=org).values_list("person_id", flat=True))


def test_true_is_not_read_as_a_person_id(personas):
    before = _members(personas.northwind)
    response = call(
        as_persona(personas, "alice"),
        "POST",
        f"/organizations/{personas.northwind.org_id}/members",
        {"person_id": True},
    )
    assert response.status_code == 422, response.content
    assert response.json()["fields"]["person_id"] == ["This field must be a whole number."]
    assert _members(personas.northwind) == before


@pytest.mark.parametrize(
    "value", [True, False, f"{DEMO.person('ivan').person_id}", DEMO.person("ivan").person_id + 0.5]
)
def test_only_a_json_integer_is_a_person_id(personas, value):
    response = call(
        as_persona(personas, "alice"),
        "POST",
        f"/organizations/{personas.northwind.org_id}/contacts",
        {"person_id": value, "role": "rights_administrator"},
    )
    assert response.status_code == 422, response.content
    assert "person_id" in response.json()["fields"]


def test_a_number_with_a_zero_fraction_is_the_integer_json_schema_says_it_is(personas):
    ivan = personas.person("ivan").person_id
    response = as_persona(personas, "alice").post(
        f"{API}/organizations/{personas.northwind.org_id}/contacts",
        data=f'{{"person_id": {ivan}.0, "role": "rights_administrator"}}',
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["person_id"] == ivan


def test_a_body_naming_a_field_twice_is_refused_and_changes_nothing(personas):
    before = _members(personas.northwind)
    client = as_persona(personas, "alice")
    response = client.post(
        f"{API}/organizations/{personas.northwind.org_id}/members",
        data=f'{{"person_id": {personas.person("erin").person_id}, '
        f'"person_id": {personas.person("ivan").person_id}}}',
        content_type="application/json",
    )
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"] == {"person_id": ["This field appears more than once in the body."]}
    assert _members(personas.northwind) == before
