import pytest

from core.testing import DEMO
from registry import services as registry_services
from systems import services
from systems.models import InformationSystem
from systems.queries import check_access
from systems.tests.helpers import system

pytestmark = pytest.mark.django_db

ERIN = dict(org_id=DEMO.northwind.org_id, person_id=DEMO.person("erin").person_id)


def _grant(personas, level="read", code="metering"):
    return services.grant_access(
        personas.northwind,
        personas.person("erin"),
        system(code),
        level=level,
        actor=personas.dave,
    )


def test_a_grant_allows_its_level_and_the_levels_below(personas):
    grant = _grant(personas, "submit")
    answer = check_access(**ERIN, system="metering", level="read")
    assert (answer.allowed, answer.reason, answer.grant_id) == (True, "grant", grant.pk)
    assert check_access(**ERIN, system="metering", level="submit").allowed


def test_a_read_grant_does_not_allow_submitting(personas):
    _grant(personas, "read")
    answer = check_access(**ERIN, system="metering", level="submit")
    assert (answer.allowed, answer.reason, answer.granted_level) == (False, "no_grant", "read")


def test_without_a_grant_the_answer_is_no(personas):
    assert check_access(**ERIN, system="metering").reason == "no_grant"


def test_a_grant_counts_only_for_the_organization_that_gave_it(personas):
    services.grant_access(
        personas.lakeshore, personas.person("ivan"), system("mpi"), actor=personas.frank
    )
    assert check_access(
        org_id=personas.lakeshore.org_id, person_id=personas.person("ivan").person_id, system="mpi"
    ).allowed
    assert not check_access(
        org_id=personas.northwind.org_id, person_id=personas.person("ivan").person_id, system="mpi"
    ).allowed


def test_unknown_systems_levels_and_people_answer_no(personas):
    _grant(personas)
    assert check_access(**ERIN, system="nope").reason == "unknown_system"
    assert check_access(**ERIN, system="metering", level="admin").reason == "unknown_level"
    assert (
        check_access(org_id=personas.northwind.org_id, person_id=999999, system="metering").reason
        == "not_member"
    )
    assert (
        check_access(
            org_id=999999, person_id=personas.person("erin").person_id, system="metering"
        ).reason
        == "not_member"
    )


def test_an_inactive_organization_answers_no(personas):
    """Security case 37: the code path denies, never fails open."""
    _grant(personas)
    personas.northwind.is_active = False
    personas.northwind.save(update_fields=["is_active"])
    assert not check_access(**ERIN, system="metering").allowed


def test_a_retired_system_answers_no(personas):
    _grant(personas)
    InformationSystem.objects.filter(code="metering").update(is_active=False)
    assert check_access(**ERIN, system="metering").reason == "unknown_system"


def test_an_open_system_allows_every_member_its_lowest_level(personas):
    InformationSystem.objects.filter(code="mpi").update(open_to_all=True)
    assert check_access(**ERIN, system="mpi").reason == "open_to_all"
    assert not check_access(**ERIN, system="mpi", level="submit").allowed
    assert not check_access(
        org_id=personas.lakeshore.org_id, person_id=personas.person("erin").person_id, system="mpi"
    ).allowed


def test_a_removed_member_is_refused_at_once(personas):
    _grant(personas)
    registry_services.remove_member(
        personas.northwind, personas.person("erin"), actor=personas.alice
    )
    assert not check_access(**ERIN, system="metering").allowed


def test_the_check_is_one_query(personas, django_assert_num_queries):
    _grant(personas, "submit")
    # One SELECT on the system by its unique code, with the grant (unique index on
    # organization, person, system) and the membership as subqueries.
    with django_assert_num_queries(1):
        assert check_access(**ERIN, system="metering", level="submit").allowed
    with django_assert_num_queries(1):
        assert not check_access(
            org_id=personas.lakeshore.org_id,
            person_id=personas.person("erin").person_id,
            system="metering",
        ).allowed
