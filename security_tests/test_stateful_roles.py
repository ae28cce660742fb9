"""A hypothesis state machine of random role and membership changes by random personas,
through the services (security case 42; issue 9 "invariants under concurrency"). After every
step: every organization keeps at least one holder of each mandatory role it had, and an
actor the rules refuse changed nothing. Permissions are predicted from domain.md's table,
independently of registry.rules."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from accounts.models import User
from audit.models import AuditEntry
from core.errors import DomainError, Forbidden
from core.testing import DEMO
from registry import services
from registry.models import Membership, Organization, Person, RoleAssignment, RoleType

PC, AR, RA, IBC = (
    "primary_contact",
    "authorized_representative",
    "rights_administrator",
    "invoicing_banking_contact",
)
# domain.md: who may add or remove a holder of each role (operator staff always may).
MANAGED_BY = {AR: {AR}, PC: {PC, AR}, RA: {PC}, IBC: {PC, AR}}
MEMBER_ADDERS = {PC, AR, RA}
MEMBER_REMOVERS = {PC, AR}
MANDATORY = {PC, AR, RA}
ACTORS = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "ivan", "staff"]
PEOPLE = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "ivan"]
ORGS = [DEMO.northwind.org_id, DEMO.lakeshore.org_id]


def snapshot() -> frozenset:
    roles = RoleAssignment.objects.values_list(
        "membership__organization__org_id", "membership__person__user__username", "role_type__code"
    )
    members = Membership.objects.values_list("organization__org_id", "person__user__username")
    return frozenset(roles) | frozenset((o, p, "member") for o, p in members)


def codes_of(state: frozenset, username: str, org_id: int) -> set[str]:
    return {code for o, p, code in state if o == org_id and p == username and code != "member"}


class RoleMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        self.mandatory_at_start = {
            org: {code for o, _, code in snapshot() if o == org and code in MANDATORY}
            for org in ORGS
        }
        self.steps = 0

    def teardown(self):
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _act(self, actor_name: str, org_id: int, allowed_by_roles, call) -> None:
        actor = User.objects.get(username=actor_name)  # fresh: no cached role codes
        before = snapshot()
        allowed = actor.is_staff or bool(codes_of(before, actor_name, org_id) & allowed_by_roles)
        org = Organization.objects.get(org_id=org_id)
        refusals = AuditEntry.objects.filter(outcome="refused").count()
        try:
            call(org, actor)
        except Forbidden:
            assert not allowed, f"{actor_name} was refused what domain.md allows"
            assert snapshot() == before, "a refused actor changed something"
            assert AuditEntry.objects.filter(outcome="refused").count() == refusals + 1
        except DomainError:
            # 404 / 409 (last holder, already held, not a member): also no change at all.
            assert snapshot() == before
        else:
            assert allowed, f"{actor_name} changed what domain.md forbids"
        self.steps += 1

    @rule(
        actor=st.sampled_from(ACTORS),
        org_id=st.sampled_from(ORGS),
        person=st.sampled_from(PEOPLE),
        code=st.sampled_from(list(MANAGED_BY)),
    )
    def add_role(self, actor, org_id, person, code):
        target = Person.objects.get(user__username=person)
        role_type = RoleType.objects.get(code=code)
        self._act(
            actor,
            org_id,
            MANAGED_BY[code],
            lambda org, user: services.add_contact(org, target, role_type, actor=user),
        )

    @rule(
        actor=st.sampled_from(ACTORS),
        org_id=st.sampled_from(ORGS),
        person=st.sampled_from(PEOPLE),
        code=st.sampled_from(list(MANAGED_BY)),
    )
    def remove_role(self, actor, org_id, person, code):
        target = Person.objects.get(user__username=person)
        role_type = RoleType.objects.get(code=code)
        self._act(
            actor,
            org_id,
            MANAGED_BY[code],
            lambda org, user: services.remove_contact(org, target, role_type, actor=user),
        )

    @rule(
        actor=st.sampled_from(ACTORS), org_id=st.sampled_from(ORGS), person=st.sampled_from(PEOPLE)
    )
    def add_member(self, actor, org_id, person):
        target = Person.objects.get(user__username=person)
        self._act(
            actor,
            org_id,
            MEMBER_ADDERS,
            lambda org, user: services.add_member(org, target, actor=user),
        )

    @rule(
        actor=st.sampled_from(ACTORS), org_id=st.sampled_from(ORGS), person=st.sampled_from(PEOPLE)
    )
    def remove_member(self, actor, org_id, person):
        target = Person.objects.get(user__username=person)
        self._act(
            actor,
            org_id,
            MEMBER_REMOVERS,
            lambda org, user: services.remove_member(org, target, actor=user),
        )

    @invariant()
    def every_organization_keeps_its_mandatory_roles(self):
        state = snapshot()
        for org, codes in self.mandatory_at_start.items():
            held = {code for o, _, code in state if o == org}
            assert codes <= held, f"organization {org} lost a mandatory role: {codes - held}"

    @invariant()
    def every_role_holder_is_a_member(self):
        state = snapshot()
        for o, p, code in state:
            if code != "member":
                assert (o, p, "member") in state


@pytest.mark.django_db
def test_random_role_changes_by_random_personas_keep_the_rules(personas):
    run_state_machine_as_test(
        RoleMachine,
        settings=hypothesis_settings(
            max_examples=30,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
