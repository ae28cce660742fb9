"""The attestation racing a correction, on PostgreSQL with real threads. Both take the
organization's lock, so either the correction comes first (the new contact is an entry still
to confirm, and the attestation is refused), or the attestation does (it certifies the list
before the correction, whose hash it records) and the correction follows. Never an attested
list that differs from the organization's list at the moment it was attested."""

import pytest

from certification import services
from certification.entries import entries, list_digest
from certification.models import Certification
from certification.tests.helpers import northwind_certification
from core.testing import race
from registry import services as registry_services
from registry.models import RoleAssignment, RoleType
from tasks.services import approve_task

ROUNDS = 15


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_attestation_racing_a_correction_certifies_exactly_the_list_it_saw(live_personas):
    p = live_personas
    org = p.northwind
    metering = RoleType.objects.get(code="metering_contact")
    erin = p.person("erin")
    seen = set()
    for n in range(ROUNDS):
        cert = northwind_certification(p, name=f"Race {n}")
        services.confirm_all(cert, actor=p.bob)
        before = [e.certified() for e in entries(org)]
        outcome = race(
            lambda cert=cert: approve_task(cert.task, actor=p.bob),
            lambda: registry_services.add_contact(org, erin, metering, actor=p.alice),
        )
        cert = Certification.objects.get(pk=cert.pk)
        # The correction always goes through; the attestation did too, or was refused.
        assert outcome in (["done", "done"], ["certification_pending", "done"]), outcome
        assert RoleAssignment.objects.filter(membership__person=erin, role_type=metering).exists()
        if outcome == ["done", "done"]:  # attested first: the list before the correction
            assert cert.state == "attested"
            assert cert.snapshot == before and cert.digest == list_digest(before)
        else:  # corrected first: Erin's new role is still to confirm
            assert cert.state == "open" and not cert.digest
        seen.add(tuple(outcome))
        RoleAssignment.objects.filter(
            membership__organization=org, membership__person=erin, role_type=metering
        ).delete()
        if cert.state == "open":  # the list is as confirmed again: attest, to end the round
            approve_task(cert.task, actor=p.bob)
    print(f"{ROUNDS} rounds, outcomes seen: {sorted(seen)}")
