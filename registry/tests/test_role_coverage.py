import pytest
from django.urls import reverse

from registry import services
from registry.queries import coverage_warnings
from registry.tests.helpers import role

pytestmark = pytest.mark.django_db


def test_mandatory_roles_below_the_recommended_count_are_flagged(personas):
    warnings = {w.role_type.code: w.message for w in coverage_warnings(personas.northwind)}
    assert warnings["primary_contact"] == (
        "Only one Primary Contact is registered; we recommend 2."
    )
    assert set(warnings) == {
        "authorized_representative",
        "primary_contact",
        "rights_administrator",
    }


def test_a_second_holder_clears_the_warning(personas):
    services.add_contact(
        personas.northwind, personas.person("erin"), role("primary_contact"), actor=personas.alice
    )
    codes = {w.role_type.code for w in coverage_warnings(personas.northwind)}
    assert "primary_contact" not in codes


def test_the_organization_page_shows_the_warning_to_its_contacts(client, personas):
    client.force_login(personas.alice)
    body = client.get(
        reverse("registry-organization", args=[personas.northwind.org_id])
    ).content.decode()
    assert "Only one Primary Contact is registered; we recommend 2." in body
