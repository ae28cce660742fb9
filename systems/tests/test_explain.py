import pytest
from django.urls import reverse

from systems import services
from systems.models import InformationSystem
from systems.queries import explain
from systems.tests.helpers import system

pytestmark = pytest.mark.django_db


def _whats(explanation, area):
    return [(p.what, p.because) for p in explanation.in_area(area)]


def test_a_primary_contact_manages_roles_because_of_the_role(personas):
    e = explain(personas.northwind, personas.person("alice"))
    roles = dict(_whats(e, "roles"))
    assert roles["Add or remove holders of Rights Administrator"] == "as Primary Contact"
    assert "Add or remove holders of Authorized Representative" not in roles
    assert _whats(e, "audit") == [
        ("Read the audit log of Northwind Power Corp.", "as Primary Contact")
    ]
    assert _whats(e, "access") == []


def test_a_rights_administrator_grants_every_system(personas):
    e = explain(personas.northwind, personas.person("dave"))
    assert len(e.in_area("access")) == InformationSystem.objects.filter(is_active=True).count()
    assert all(p.because == "as Rights Administrator" for p in e.in_area("access"))
    assert [w for w, _ in _whats(e, "tasks")] == [
        "Approve or reject requests for access to the operator's systems",
        "Review the organization's access to the operator's systems: confirm or revoke each "
        "grant (not their own)",
        "Approve or reject machine accounts (not the ones they asked for)",
        "Approve or reject the renewal of machine accounts",
    ]


def test_the_tasks_a_role_decides_come_from_the_registered_task_kinds(personas):
    from tasks.kinds import registered_kinds

    review = next(k for k in registered_kinds() if k.code == "access_review")
    assert review.deciders == {"rights_administrator"}
    e = explain(personas.northwind, personas.person("dave"))
    assert (review.explain.capitalize(), "as Rights Administrator") in _whats(e, "tasks")
    carol = explain(personas.northwind, personas.person("carol"))
    assert [w for w, _ in _whats(carol, "tasks")] == [
        "Approve or reject changes of the organization's banking information (not their own)"
    ]


def test_a_grant_says_who_granted_it_and_which_levels_it_allows(personas):
    services.grant_access(
        personas.northwind,
        personas.person("erin"),
        system("mpi"),
        level="submit",
        actor=personas.dave,
    )
    e = explain(personas.northwind, personas.person("erin"))
    [(what, because)] = _whats(e, "systems")
    assert what == "Use Market Participant Interface (read, submit)"
    assert because.startswith("granted by Dave Okafor on ")


def test_a_member_without_role_or_grant_may_do_nothing_special(personas):
    e = explain(personas.northwind, personas.person("erin"))
    assert e.is_member and e.roles == [] and e.permissions == []


def test_an_open_system_is_explained_as_open_to_every_member(personas):
    InformationSystem.objects.filter(code="settlements").update(open_to_all=True)
    e = explain(personas.northwind, personas.person("erin"))
    assert _whats(e, "systems") == [
        ("Use Settlement Statements (read)", "open to every member of Northwind Power Corp.")
    ]


def test_roles_in_another_organization_give_nothing_here(personas):
    e = explain(personas.northwind, personas.person("ivan"))
    assert e.permissions == []
    assert [p.what for p in explain(personas.lakeshore, personas.person("ivan")).in_area("access")]


def test_the_explainer_runs_a_fixed_number_of_queries(personas, django_assert_num_queries):
    services.grant_access(
        personas.northwind, personas.person("erin"), system("mpi"), actor=personas.dave
    )
    # membership, roles held, role types + their managers (prefetch), catalogue, grants.
    with django_assert_num_queries(6):
        explain(personas.northwind, personas.person("alice"))


def test_the_person_page_shows_the_explanation(client, personas):
    client.force_login(personas.erin)
    page = client.get(
        reverse(
            "systems-person-access",
            args=[personas.northwind.org_id, personas.person("dave").person_id],
        )
    ).content.decode()
    assert "What can Dave Okafor do in Northwind Power Corp., and why?" in page
    assert "as Rights Administrator" in page


def test_another_organizations_person_is_not_found(client, personas):
    client.force_login(personas.dave)
    assert (
        client.get(
            reverse(
                "systems-person-access",
                args=[personas.northwind.org_id, personas.person("grace").person_id],
            )
        ).status_code
        == 404
    )
    assert (
        client.get(
            reverse(
                "systems-person-access",
                args=[personas.lakeshore.org_id, personas.person("grace").person_id],
            )
        ).status_code
        == 404
    )
