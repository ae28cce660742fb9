import pytest
from django.core.management import call_command

from audit.models import AuditEntry
from audit.verify import verify_chains

pytestmark = pytest.mark.django_db


def test_verify_audit_passes_on_a_benchmark_database(personas):
    """seed_scale inserts its audit entries in bulk: they are chained as record() chains
    them, after the demo's entries (the operator's own chain continues), so verify_audit
    passes on a benchmark database."""
    before = AuditEntry.objects.count()
    call_command("seed_scale", organizations=3, persons=12, verbosity=0)
    assert AuditEntry.objects.count() > before  # it wrote entries of its own
    assert not AuditEntry.objects.filter(row_hash="").exists()
    checked, broken = verify_chains()
    assert broken is None, broken
    assert checked == AuditEntry.objects.count()
    call_command("verify_audit", verbosity=0)  # raises CommandError on a broken chain
