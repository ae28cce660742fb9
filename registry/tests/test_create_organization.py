import pytest

from core.errors import Forbidden, Invalid
from registry import services
from registry.models import Organization
from registry.tests.helpers import holds, last_audit

pytestmark = pytest.mark.django_db

DATA = {"legal_name": "Georgian Bay Hydro Ltd.", "city": "Owen Sound", "province": "ON"}


def test_staff_create_an_organization_with_its_first_contacts(personas):
    org = services.create_organization(
        data=DATA,
        primary_contact=personas.person("erin"),
        authorized_representative=personas.person("ivan"),
        actor=personas.staff,
    )
    assert org.org_id > personas.lakeshore.org_id
    assert holds(personas.person("erin"), org, "primary_contact")
    assert holds(personas.person("ivan"), org, "authorized_representative")
    assert last_audit().org_id == org.org_id


def test_only_staff_create_organizations(personas):
    with pytest.raises(Forbidden):
        services.create_organization(
            data=DATA,
            primary_contact=personas.person("erin"),
            authorized_representative=personas.person("ivan"),
            actor=personas.alice,
        )
    assert not Organization.objects.filter(legal_name=DATA["legal_name"]).exists()


def test_a_blank_legal_name_is_refused(personas):
    with pytest.raises(Invalid) as exc:
        services.create_organization(
            data={"legal_name": "   "},
            primary_contact=personas.person("erin"),
            authorized_representative=personas.person("ivan"),
            actor=personas.staff,
        )
    assert "legal_name" in exc.value.fields


def test_seed_demo_is_idempotent(personas):
    from django.core.management import call_command

    from audit.models import AuditEntry
    from registry.models import Person, RoleAssignment

    counts = (Person.objects.count(), RoleAssignment.objects.count(), AuditEntry.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (
        Person.objects.count(),
        RoleAssignment.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
