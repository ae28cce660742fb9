"""A refusal names the organization and target its service declares (`@service(code, org=...,
target=...)`), never ones guessed from the types of the arguments (issue 16)."""

import pytest

from audit.models import AuditEntry
from core.errors import Forbidden
from core.services import service
from core.testing import last_audit


def test_a_service_must_declare_what_its_refusals_name():
    with pytest.raises(TypeError):

        @service("contact.remove")
        def undeclared(org, *, actor):
            return None


def test_a_declaration_naming_no_parameter_fails_when_the_service_is_defined():
    with pytest.raises(TypeError, match="names no parameter"):

        @service("contact.remove", org="organisation", target=None)
        def misspelt(org, *, actor):
            return None


@service("contact.remove", org=None, target="person")
def _refuse_naming_the_person_only(org, person, *, actor):
    raise Forbidden("No.")


@service("contact.remove", org="section.organization", target="section")
def _refuse_naming_through_an_attribute(section, *, actor):
    raise Forbidden("No.")


@pytest.mark.django_db
def test_the_refusal_names_what_is_declared_not_what_the_arguments_are(personas):
    # An organization is passed, but the service declares none: the entry names none.
    with pytest.raises(Forbidden):
        _refuse_naming_the_person_only(
            personas.northwind, personas.person("erin"), actor=personas.erin
        )
    entry = last_audit("contact.remove")
    assert entry.outcome == AuditEntry.Outcome.REFUSED
    assert entry.org_id is None
    assert (entry.target_type, entry.target_id) == (
        "person",
        str(personas.person("erin").person_id),
    )


@pytest.mark.django_db
def test_a_declared_path_follows_attributes(personas):
    from registry.models import Section

    section = Section.objects.select_related("organization").get(name="Settlements Desk")
    with pytest.raises(Forbidden):
        _refuse_naming_through_an_attribute(section, actor=personas.erin)
    entry = last_audit("contact.remove")
    assert entry.org_id == personas.northwind.org_id
    assert entry.target_type == "section"
