"""Read-side questions about the audit log."""

from django.db.models import QuerySet

from audit.models import AuditEntry


def org_audit_entries(org) -> QuerySet[AuditEntry]:
    """An organization's audit entries, newest first (served by the audit_org_recent index)."""
    return AuditEntry.objects.filter(org_id=org.org_id).order_by("-at", "-id")
