"""Certification (issue 18): staff start it; each organization's Authorized Representatives
confirm every contact, section, member, grant and machine account (corrections and removals
go through the registry's own services), then attest: who, when and a SHA-256 of the list,
also in the audit chain; reminders 30/14/7/1 days before; past the deadline, escalated to
staff with nothing removed."""

import datetime
import hashlib
import json

import pytest
from django.utils import timezone

from audit.models import AuditEntry
from certification import services
from certification.entries import entries, list_digest
from certification.models import Certification, CertificationCampaign
from certification.queries import read
from certification.tests.helpers import northwind_certification, start
from core.errors import Forbidden, NotFound, RuleViolation
from core.testing import last_audit
from registry import services as registry_services
from registry.models import Person, RoleAssignment, RoleType
from systems.tests.helpers import grant
from tasks.models import Task
from tasks.services import approve_task, task_recipients

pytestmark = pytest.mark.django_db


def test_staff_start_one_certification_and_task_per_active_organization(personas):
    campaign = start(personas)
    certs = list(campaign.certifications.order_by("organization__org_id"))
    assert [c.organization for c in certs] == [personas.northwind, personas.lakeshore]
    for cert in certs:
        assert cert.task.kind == "certification" and cert.task.subject == cert
        assert timezone.localtime(cert.task.due).date() == campaign.deadline
        assert cert.opening  # the list as it stood
    northwind_task = certs[0].task
    assert [u.username for u in task_recipients(northwind_task)] == ["bob"]
    assert last_audit().action == "certification.campaign_started"


def test_only_staff_start_a_certification(personas):
    with pytest.raises(Forbidden):
        start(personas.__class__(**{**personas.__dict__, "staff": personas.bob}))
    assert not CertificationCampaign.objects.exists()


def test_a_deadline_in_the_past_and_an_unknown_organization_are_refused(personas):
    with pytest.raises(RuleViolation) as passed:
        start(personas, days=0)
    assert "deadline must be a day after today" in passed.value.message
    with pytest.raises(NotFound):
        start(personas, organizations=[999999])


def test_two_open_campaigns_never_share_a_name(personas):
    start(personas)
    with pytest.raises(RuleViolation) as twice:
        start(personas)
    assert twice.value.code == "duplicate_campaign"


def test_the_list_holds_contacts_sections_members_grants_and_machine_accounts(personas):
    grant(personas, "erin", "metering")
    listed = entries(personas.northwind)
    kinds = {e.kind for e in listed}
    assert kinds == {"contact", "section", "member", "grant", "machine"}
    alice = next(e for e in listed if e.key.startswith("contact:primary_contact:"))
    assert alice.title.startswith("Alice Martin") and alice.what == "Primary Contact"
    erin_grant = next(e for e in listed if e.kind == "grant" and "Erin" in e.title)
    assert erin_grant.what == "Metering Data at read"
    assert erin_grant.last_use == "Last single sign-on: Never"
    member = next(e for e in listed if e.key == f"member:{personas.person('alice').person_id}")
    assert member.last_use.startswith("Last sign-in:")
    assert any(e.kind == "section" and e.title == "Settlements Desk" for e in listed)


def test_an_authorized_representative_confirms_and_others_are_told_why_not(personas):
    cert = northwind_certification(personas)
    key = read(cert).rows[0].entry.key
    services.confirm_entry(cert, key, actor=personas.bob)
    assert read(cert).rows[0].confirmed
    assert last_audit().action == "certification.entry_confirmed"
    with pytest.raises(Forbidden) as alice:
        services.confirm_entry(cert, read(cert).rows[1].entry.key, actor=personas.alice)
    assert "Only an Authorized Representative of Northwind Power Corp." in alice.value.message
    with pytest.raises(Forbidden):  # staff, before the deadline
        services.confirm_entry(cert, read(cert).rows[1].entry.key, actor=personas.staff)
    with pytest.raises(NotFound):  # another organization's
        services.confirm_entry(cert, key, actor=personas.grace)
    with pytest.raises(RuleViolation) as twice:
        services.confirm_entry(cert, key, actor=personas.bob)
    assert twice.value.code == "already_decided"


def test_attesting_needs_every_entry_confirmed(personas):
    cert = northwind_certification(personas)
    with pytest.raises(RuleViolation) as pending:
        approve_task(cert.task, actor=personas.bob)
    assert pending.value.code == "certification_pending"
    assert "still to confirm" in pending.value.message
    cert.refresh_from_db()
    assert cert.state == "open" and not cert.digest


def test_the_attestation_records_who_when_and_the_hash_of_the_list_in_the_audit_chain(personas):
    cert = northwind_certification(personas)
    count = services.confirm_all(cert, actor=personas.bob)
    assert count == len(entries(personas.northwind))
    approve_task(cert.task, actor=personas.bob, comment="All checked.")
    cert.refresh_from_db()
    assert cert.state == "attested" and cert.attested_by == personas.bob
    assert len(cert.snapshot) == count
    canonical = json.dumps(cert.snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert (
        cert.digest == hashlib.sha256(canonical.encode()).hexdigest() == list_digest(cert.snapshot)
    )
    entry = AuditEntry.objects.filter(action="certification.attested").latest("pk")
    assert entry.details["sha256"] == cert.digest and entry.row_hash  # chained
    assert Task.objects.get(pk=cert.task_id).state == "approved"
    assert cert.campaign.state == "closed"  # its only certification is attested


def test_a_campaign_stays_open_until_every_organization_attests(personas):
    campaign = start(personas)
    cert = campaign.certifications.get(organization=personas.northwind)
    services.confirm_all(cert, actor=personas.bob)
    approve_task(cert.task, actor=personas.bob)
    campaign.refresh_from_db()
    assert campaign.state == "open"


def test_an_entry_that_changes_after_its_confirmation_must_be_confirmed_again(personas):
    cert = northwind_certification(personas)
    services.confirm_all(cert, actor=personas.bob)
    Person.objects.filter(pk=personas.person("carol").pk).update(email="carol.new@example.com")
    reading = read(cert)
    changed = [r for r in reading.rows if r.changed]
    assert changed and all("Carol" in r.entry.title for r in changed)
    with pytest.raises(RuleViolation):
        approve_task(cert.task, actor=personas.bob)


def test_a_removal_through_the_registry_leaves_the_list_and_is_shown_removed(personas):
    cert = northwind_certification(personas)
    ivan = personas.person("ivan")
    registry_services.remove_member(personas.northwind, ivan, actor=personas.bob)
    reading = read(cert)
    assert not any(r.entry.key == f"member:{ivan.person_id}" for r in reading.rows)
    assert any(e["key"] == f"member:{ivan.person_id}" for e in reading.removed)


def test_a_mandatory_role_cannot_be_removed_by_certifying(personas):
    """Removal is the registry's: the last Primary Contact stays, whatever the certification."""
    northwind_certification(personas)
    role = RoleType.objects.get(code="primary_contact")
    with pytest.raises(RuleViolation):
        registry_services.remove_contact(
            personas.northwind, personas.person("alice"), role, actor=personas.bob
        )


def test_reminders_go_30_14_7_and_1_days_before(
    personas, mailoutbox, django_capture_on_commit_callbacks
):
    cert = northwind_certification(personas, days=40)
    for days_left, sent in [(31, 0), (30, 1), (14, 1), (13, 0), (7, 1), (1, 1)]:
        mailoutbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            services.send_reminders(today=cert.deadline - datetime.timedelta(days=days_left))
        assert len(mailoutbox) == sent, days_left
        if sent:
            assert mailoutbox[0].to == [personas.bob.email]
            assert f"{days_left} day" in mailoutbox[0].subject


def test_past_the_deadline_it_is_escalated_to_staff_and_nothing_is_removed(personas):
    cert = northwind_certification(personas, days=3)
    held = RoleAssignment.objects.count()
    assert services.escalate_overdue(today=cert.deadline) == 0  # the last day still counts
    assert services.escalate_overdue(today=cert.deadline + datetime.timedelta(days=1)) == 1
    cert.refresh_from_db()
    assert cert.state == "escalated"
    task = Task.objects.get(pk=cert.task_id)
    assert task.to_staff and task.is_open
    assert RoleAssignment.objects.count() == held
    assert last_audit().action == "certification.escalated"
    # Staff may now certify; the Authorized Representative still may too.
    services.confirm_all(cert, actor=personas.staff)
    approve_task(cert.task, actor=personas.staff)
    cert.refresh_from_db()
    assert cert.state == "attested" and cert.attested_by == personas.staff


def test_a_certification_is_neither_rejected_nor_withdrawn(personas):
    from tasks.services import cancel_task, reject_task

    cert = northwind_certification(personas)
    with pytest.raises(RuleViolation) as rejected:
        reject_task(cert.task, actor=personas.bob, comment="No.")
    assert rejected.value.code == "not_rejectable"
    with pytest.raises(RuleViolation):
        cancel_task(cert.task, actor=personas.staff, reason="Not needed.")
    assert Certification.objects.get(pk=cert.pk).state == "open"
