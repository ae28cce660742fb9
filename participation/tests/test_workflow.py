"""The application workflow: start, submit each requirement, submit, review (accept, return
with a reason, submit again), record the fee, authorize from an effective date, suspend,
reinstate, withdraw. Every transition audited; the timeline is the audit."""

import datetime

import pytest

from audit.sentences import describe
from core.errors import Forbidden, Invalid, NotFound, RuleViolation
from core.testing import last_audit
from participation import queries, services
from participation.models import Application, Item
from participation.tests.helpers import BANK, probe_type

pytestmark = pytest.mark.django_db


@pytest.fixture
def app(personas):
    return services.start_application(
        personas.northwind, probe_type(), answers={}, actor=personas.bob
    )


def _state(app, code):
    return Item.objects.get(application=app, requirement__code=code).state


def _all_in(app, personas):
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    services.submit_requirement(app, "contacts", actor=personas.bob)


def test_start_makes_one_item_per_requirement_that_applies(app, personas):
    assert app.state == Application.State.IN_PROGRESS
    codes = list(app.items.values_list("requirement__code", flat=True))
    assert codes == ["fee", "bank", "contacts"]  # the permit only on yes
    assert app.answers == {"permit": False}
    entry = last_audit("participation.started")
    assert entry.target_id == str(app.pk)
    assert describe(entry) == (
        f"Bob Chen started Probe Participant application {app.pk} for Northwind Power Corp."
    )


def test_the_condition_answered_yes_adds_the_requirement(personas):
    app = services.start_application(
        personas.northwind, probe_type(), answers={"permit": True}, actor=personas.bob
    )
    assert "permit" in app.items.values_list("requirement__code", flat=True)


@pytest.mark.parametrize("account", ["alice", "carol", "dave", "erin", "staff"])
def test_only_applicants_start_one(personas, account):
    with pytest.raises(Forbidden) as exc:
        services.start_application(
            personas.northwind, probe_type(), answers={}, actor=getattr(personas, account)
        )
    assert "Applicant Representative" in exc.value.message
    assert not Application.objects.filter(participation_type__code="probe-participant").exists()


def test_one_live_application_per_type(app, personas):
    with pytest.raises(RuleViolation) as exc:
        services.start_application(personas.northwind, probe_type(), answers={}, actor=personas.bob)
    assert exc.value.code == "already_applied"
    services.withdraw_application(app, actor=personas.bob)
    again = services.start_application(
        personas.northwind, probe_type(), answers={}, actor=personas.bob
    )
    assert again.pk != app.pk


def test_a_type_not_offered_cannot_be_started(personas):
    ptype = probe_type()
    ptype.is_active = False
    ptype.save()
    with pytest.raises(RuleViolation) as exc:
        services.start_application(personas.northwind, ptype, answers={}, actor=personas.bob)
    assert exc.value.code == "not_offered"


def test_form_fields_are_validated_and_nothing_changes(app, personas):
    with pytest.raises(Invalid) as exc:
        services.submit_requirement(
            app, "bank", data={"bank_name": "", "transit_number": "123456"}, actor=personas.bob
        )
    assert set(exc.value.fields) == {"bank_name", "transit_number"}
    assert _state(app, "bank") == Item.State.PENDING


def test_form_submitted_keeps_the_values(app, personas):
    item = services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    assert item.state == Item.State.SUBMITTED and item.values == BANK
    assert describe(last_audit()) == (
        f"Bob Chen submitted Bank account details for Probe Participant application {app.pk}."
    )


def test_roles_requirement_checks_the_holders(personas):
    # Lakeshore's Primary Contact is Frank: held.
    app = services.start_application(
        personas.lakeshore, probe_type(), answers={}, actor=personas.grace
    )
    item = services.submit_requirement(app, "contacts", actor=personas.grace)
    assert item.values == {"holders": {"primary_contact": ["Frank Dubois"]}}


def test_roles_not_held_are_refused_with_what_to_do(app, personas):
    from participation.models import Requirement
    from registry.models import RoleType

    Requirement.objects.get(participation_type=app.participation_type, code="contacts").roles.set(
        RoleType.objects.filter(code="prudential_contact")
    )
    with pytest.raises(RuleViolation) as exc:
        services.submit_requirement(app, "contacts", actor=personas.bob)
    assert exc.value.code == "roles_not_held"
    assert "has no Prudential Contact yet" in exc.value.message
    assert _state(app, "contacts") == Item.State.PENDING


def test_the_fee_is_not_submitted_by_the_organization(app, personas):
    with pytest.raises(RuleViolation) as exc:
        services.submit_requirement(app, "fee", actor=personas.bob)
    assert exc.value.code == "fee_by_staff"


def test_unknown_requirement_is_not_found(app, personas):
    with pytest.raises(NotFound):
        services.submit_requirement(app, "nope", data={}, actor=personas.bob)


def test_submit_needs_every_requirement_but_the_fee(app, personas):
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    with pytest.raises(RuleViolation) as exc:
        services.submit_application(app, actor=personas.bob)
    assert exc.value.code == "requirements_missing"
    assert "Contact roles" in exc.value.message
    services.submit_requirement(app, "contacts", actor=personas.bob)
    submitted = services.submit_application(app, actor=personas.bob)
    assert submitted.state == Application.State.SUBMITTED


def test_staff_return_with_a_reason_and_the_organization_resubmits(app, personas):
    _all_in(app, personas)
    services.submit_application(app, actor=personas.bob)
    with pytest.raises(Invalid):
        services.return_requirement(app, "bank", reason="  ", actor=personas.staff)
    item = services.return_requirement(
        app, "bank", reason="The transit number is wrong.", actor=personas.staff
    )
    assert item.state == Item.State.RETURNED and item.return_reason
    assert describe(last_audit()).endswith("for changes: The transit number is wrong.")
    item = services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    assert item.state == Item.State.SUBMITTED
    assert last_audit().action == "participation.requirement_resubmitted"


def test_only_staff_review(app, personas):
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    with pytest.raises(Forbidden):
        services.accept_requirement(app, "bank", actor=personas.bob)
    with pytest.raises(Forbidden):
        services.record_fee(
            app, "fee", data={"reference": "PAY-1", "amount": "1130"}, actor=personas.bob
        )


def test_a_pending_requirement_cannot_be_accepted(app, personas):
    with pytest.raises(RuleViolation) as exc:
        services.accept_requirement(app, "bank", actor=personas.staff)
    assert exc.value.code == "not_submitted"


def test_an_accepted_requirement_no_longer_changes(app, personas):
    services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    services.accept_requirement(app, "bank", actor=personas.staff)
    with pytest.raises(RuleViolation) as exc:
        services.submit_requirement(app, "bank", data=BANK, actor=personas.bob)
    assert exc.value.code == "already_accepted"


def test_fee_recorded_with_reference_and_amount_and_receipt_emailed(
    app, personas, django_capture_on_commit_callbacks
):
    with pytest.raises(Invalid) as exc:
        services.record_fee(
            app, "fee", data={"reference": "PAY-1", "amount": "100"}, actor=personas.staff
        )
    assert "less than the fee due (CAD 1,130.00)" in exc.value.message
    with pytest.raises(Invalid) as exc:
        services.record_fee(
            app,
            "fee",
            data={"reference": "4111 1111 1111 1111", "amount": "1130"},
            actor=personas.staff,
        )
    assert "card number" in str(exc.value.fields)
    with django_capture_on_commit_callbacks(execute=True):
        item = services.record_fee(
            app, "fee", data={"reference": "PAY-2026-1", "amount": "1130.00"}, actor=personas.staff
        )
    assert item.state == Item.State.ACCEPTED and item.fee_reference == "PAY-2026-1"
    assert describe(last_audit()) == (
        f"Olivia Operator recorded Application fee of Probe Participant application {app.pk} "
        f"as received (CAD 1,130.00, reference PAY-2026-1)."
    )


def test_authorize_only_when_every_requirement_is_accepted(app, personas):
    _authorize(app, personas)


def _authorize(app, personas):
    _all_in(app, personas)
    services.submit_application(app, actor=personas.bob)
    services.accept_requirement(app, "bank", actor=personas.staff)
    with pytest.raises(RuleViolation) as exc:
        services.authorize_application(
            app, effective_from=datetime.date(2027, 1, 1), actor=personas.staff
        )
    assert exc.value.code == "requirements_not_accepted"
    assert "Application fee and Contact roles are not" in exc.value.message
    services.accept_requirement(app, "contacts", actor=personas.staff)
    services.record_fee(
        app, "fee", data={"reference": "PAY-2", "amount": "1130"}, actor=personas.staff
    )
    with pytest.raises(Invalid):
        services.authorize_application(app, effective_from="", actor=personas.staff)
    with pytest.raises(Forbidden):
        services.authorize_application(app, effective_from="2027-01-01", actor=personas.bob)
    done = services.authorize_application(app, effective_from="2027-01-01", actor=personas.staff)
    assert done.state == Application.State.AUTHORIZED
    assert done.effective_from == datetime.date(2027, 1, 1)
    assert describe(last_audit()) == (
        f"Olivia Operator authorized Northwind Power Corp. as Probe Participant from "
        f"2027-01-01 (Probe Participant application {app.pk})."
    )
    # Closed: nothing changes any more.
    with pytest.raises(RuleViolation):
        services.return_requirement(app, "bank", reason="Late.", actor=personas.staff)
    return done


def test_suspend_reinstate_withdraw(app, personas):
    done = _authorize(app, personas)
    with pytest.raises(Forbidden):
        services.suspend_participation(done, reason="Collateral.", actor=personas.bob)
    services.suspend_participation(done, reason="Collateral expired.", actor=personas.staff)
    assert Application.objects.get(pk=done.pk).state == Application.State.SUSPENDED
    services.reinstate_participation(done, actor=personas.staff)
    assert Application.objects.get(pk=done.pk).state == Application.State.AUTHORIZED
    services.withdraw_application(done, actor=personas.bob)
    assert Application.objects.get(pk=done.pk).state == Application.State.WITHDRAWN
    participations = queries.participations_of(personas.northwind)
    assert done.pk in [p.pk for p in participations]


def test_timeline_lists_every_transition_in_order(app, personas):
    _all_in(app, personas)
    services.submit_application(app, actor=personas.bob)
    services.return_requirement(app, "bank", reason="Wrong bank.", actor=personas.staff)
    actions = [e.action for e in queries.timeline(app)]
    assert actions == [
        "participation.started",
        "participation.requirement_submitted",
        "participation.requirement_submitted",
        "participation.submitted",
        "participation.requirement_returned",
    ]


def test_refusals_are_audited(app, personas):
    with pytest.raises(Forbidden):
        services.accept_requirement(app, "bank", actor=personas.alice)
    entry = last_audit()
    assert entry.outcome == "refused" and entry.action == "participation.review_requirement"
