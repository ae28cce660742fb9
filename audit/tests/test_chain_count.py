"""An organization's audit list states its size from its chain's head (issue 21): counted as
entries are appended under the head's lock, so the count costs one row whatever the log's
size, and verify_audit checks it against the entries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.log import record
from audit.models import AuditChainHead, AuditEntry
from audit.queries import org_audit_count
from audit.verify import verify_chains
from registry.tests.api_helpers import as_persona, call

pytestmark = pytest.mark.django_db


def test_the_count_is_the_number_of_the_organizations_entries(personas):
    org = personas.northwind
    assert org_audit_count(org) == AuditEntry.objects.filter(org_id=org.org_id).count() > 0
    record(personas.alice, "organization.updated", org=org, target=org)
    assert org_audit_count(org) == AuditEntry.objects.filter(org_id=org.org_id).count()
    assert verify_chains()[1] is None


def test_the_api_count_costs_the_same_whatever_the_logs_size(personas):
    alice = as_persona(personas, "alice")
    path = f"/organizations/{personas.northwind.org_id}/audit?limit=5"
    with CaptureQueriesContext(connection) as small:
        before = call(alice, "GET", path).json()["count"]
    for _ in range(40):
        record(personas.alice, "organization.updated", org=personas.northwind)
    with CaptureQueriesContext(connection) as large:
        after = call(alice, "GET", path).json()["count"]
    assert (
        after == before + 40 == AuditEntry.objects.filter(org_id=personas.northwind.org_id).count()
    )
    assert len(large) == len(small)
    counting = [q["sql"] for q in large if "COUNT(" in q["sql"].upper()]
    assert not [sql for sql in counting if "audit_auditentry" in sql], counting


def test_verify_audit_finds_a_count_that_does_not_match(personas):
    head = AuditChainHead.objects.get(chain=f"org:{personas.northwind.org_id}")
    AuditChainHead.objects.filter(pk=head.pk).update(entries=head.entries + 1)
    checked, broken = verify_chains()
    assert broken is not None and broken.reason == "its count of entries"
