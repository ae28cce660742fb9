"""The Applicant Representative: a role type the rules name, added and removed by Authorized
Representatives, and required at all times once the organization has applied."""

import pytest

from core.errors import Forbidden, RuleViolation
from core.testing import race
from participation.models import Application, ParticipationType
from registry import services
from registry.models import RoleType
from registry.rules import Role, can_apply_for_participation, is_required_in
from registry.tests.helpers import holds, last_audit, role

pytestmark = pytest.mark.django_db

APPR = Role.APPLICANT_REPRESENTATIVE


def _not_applied(org) -> None:
    """The demo's applications (Northwind's participation, Lakeshore's application) set
    aside: the organization as if it had never applied."""
    Application.objects.filter(organization=org).update(state=Application.State.WITHDRAWN)


def _apply(org, actor, state=Application.State.IN_PROGRESS) -> Application:
    # The row stands for "the organization has applied" in the given state.
    _not_applied(org)
    ptype, _ = ParticipationType.objects.get_or_create(
        code="market-participant", defaults={"name": "Market Participant"}
    )
    return Application.objects.create(
        organization=org, participation_type=ptype, started_by=actor, state=state
    )


def test_the_role_is_in_the_catalogue_managed_by_authorized_representatives():
    appr = RoleType.objects.get(code=APPR)
    assert appr.name == "Applicant Representative"
    assert not appr.mandatory
    assert set(appr.managed_by.values_list("code", flat=True)) == {Role.AUTHORIZED_REPRESENTATIVE}


def test_demo_applicant_representatives_are_bob_and_grace(personas):
    assert holds(personas.person("bob"), personas.northwind, APPR)
    assert holds(personas.person("grace"), personas.lakeshore, APPR)
    # Both organizations have applied (demo), so both keep theirs.
    assert is_required_in(personas.northwind, role(APPR))
    assert is_required_in(personas.lakeshore, role(APPR))


def test_an_authorized_representative_appoints_one(personas):
    org, erin = personas.northwind, personas.person("erin")
    services.add_contact(org, erin, role(APPR), actor=personas.bob)
    assert holds(erin, org, APPR)
    assert last_audit().action == "contact.added"


@pytest.mark.parametrize("account", ["alice", "carol", "dave", "erin"])
def test_nobody_else_in_the_organization_appoints_one(personas, account):
    org, erin = personas.northwind, personas.person("erin")
    with pytest.raises(Forbidden) as exc:
        services.add_contact(org, erin, role(APPR), actor=getattr(personas, account))
    assert "Only an Authorized Representative" in exc.value.message
    assert not holds(erin, org, APPR)


def test_applicants_are_the_applicant_and_authorized_representatives(personas):
    org = personas.northwind
    assert can_apply_for_participation(personas.bob, org)
    services.add_contact(org, personas.person("erin"), role(APPR), actor=personas.bob)
    assert can_apply_for_participation(personas.erin, org)
    for account in ["alice", "carol", "dave", "staff"]:
        assert not can_apply_for_participation(getattr(personas, account), org)
    assert not can_apply_for_participation(personas.grace, org)


def test_the_last_one_may_go_before_the_organization_applies(personas):
    org, bob = personas.northwind, personas.person("bob")
    _not_applied(org)
    assert not is_required_in(org, role(APPR))
    services.remove_contact(org, bob, role(APPR), actor=personas.bob)
    assert not holds(bob, org, APPR)


@pytest.mark.parametrize("state", ["in_progress", "submitted", "authorized", "suspended"])
def test_the_last_one_stays_once_the_organization_has_applied(personas, state):
    org, bob = personas.northwind, personas.person("bob")
    _apply(org, personas.bob, state)
    assert is_required_in(org, role(APPR))
    with pytest.raises(RuleViolation) as exc:
        services.remove_contact(org, bob, role(APPR), actor=personas.bob)
    assert exc.value.code == "last_holder"
    assert "only Applicant Representative" in exc.value.message
    assert holds(bob, org, APPR)
    assert last_audit().outcome == "refused"


def test_removing_the_member_who_is_the_last_one_is_refused_too(personas):
    org, grace = personas.lakeshore, personas.person("grace")
    _apply(org, personas.grace)
    # Grace is also the only AR; give Lakeshore another AR so only the AppR rule is left.
    services.add_contact(
        org, personas.person("frank"), role("authorized_representative"), actor=personas.grace
    )
    with pytest.raises(RuleViolation) as exc:
        services.remove_member(org, grace, actor=personas.frank)
    assert exc.value.code == "last_holder"
    assert "Applicant Representative" in exc.value.message


def test_a_second_one_lets_the_first_go(personas):
    org, bob = personas.northwind, personas.person("bob")
    _apply(org, personas.bob)
    services.add_contact(org, personas.person("erin"), role(APPR), actor=personas.bob)
    services.remove_contact(org, bob, role(APPR), actor=personas.bob)
    assert not holds(bob, org, APPR)


def test_a_withdrawn_application_no_longer_binds(personas):
    org, bob = personas.northwind, personas.person("bob")
    _apply(org, personas.bob, Application.State.WITHDRAWN)
    services.remove_contact(org, bob, role(APPR), actor=personas.bob)
    assert not holds(bob, org, APPR)


def test_another_organizations_application_does_not_bind(personas):
    _not_applied(personas.northwind)
    _apply(personas.lakeshore, personas.grace)
    services.remove_contact(
        personas.northwind, personas.person("bob"), role(APPR), actor=personas.bob
    )


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_two_authorized_representatives_removing_both_keep_one(live_personas):
    """Two Applicant Representatives, each removed at the same instant: exactly one goes."""
    org = live_personas.northwind
    erin = live_personas.person("erin")
    services.add_contact(org, erin, role(APPR), actor=live_personas.bob)
    _apply(org, live_personas.bob)
    bob = live_personas.person("bob")
    outcomes = race(
        lambda: services.remove_contact(org, bob, role(APPR), actor=live_personas.bob),
        lambda: services.remove_contact(org, erin, role(APPR), actor=live_personas.bob),
    )
    assert outcomes == ["done", "last_holder"]
    assert holds(bob, org, APPR) != holds(erin, org, APPR)
